/** The safety-alert routes, each walked by alerts-matrix.test.ts (the access matrix checks every route is covered). */
export const ALERT_ROUTES: string[] = [
  'GET /api/v1/alerts',
  'GET /api/v1/youth/:id/alerts',
  'GET /api/v1/alerts/:id',
  'POST /api/v1/alerts/:id/acknowledge',
  'POST /api/v1/alerts/:id/actions',
  'POST /api/v1/alerts/:id/close',
  'GET /api/v1/me/notifications',
  'POST /api/v1/me/notifications/read',
  'GET /api/v1/organization/alert-settings',
  'PUT /api/v1/organization/alert-settings',
];
