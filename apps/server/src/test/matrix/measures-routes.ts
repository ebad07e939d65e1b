/** The measures area's routes, each walked by measures-matrix.test.ts (the access matrix checks every route is covered). */
export const MEASURES_ROUTES: string[] = [
  'GET /api/v1/instruments',
  'GET /api/v1/instruments/:instrumentId',
  'POST /api/v1/instruments/:instrumentId/score',
  'GET /api/v1/program-surveys',
  'POST /api/v1/program-surveys',
  'POST /api/v1/youth/:id/measures',
  'GET /api/v1/youth/:id/measures',
  'GET /api/v1/youth/:id/measures/trajectory',
  'PUT /api/v1/youth/:id/measures/privacy',
  'GET /api/v1/youth/:id/measures/:responseId',
  'POST /api/v1/youth/:id/administrations',
  'GET /api/v1/youth/:id/administrations',
  'POST /api/v1/administrations/:administrationId/cancel',
  'GET /api/v1/measures/overdue',
  'GET /api/v1/youth/:id/goals/gas',
];
