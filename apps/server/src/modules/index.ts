import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/routes.ts';
import { careRoutes } from './care/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { notesRoutes } from './notes/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { intakeRoutes } from './intake/routes.ts';
import { checkInRoutes } from './checkins/routes.ts';
import { mandatedReportRoutes } from './mandated-reports/routes.ts';
import { mentorFlagRoutes } from './mentor-flags/routes.ts';
import { safetyPlanRoutes } from './safety-plans/routes.ts';
import { healthRoutes, systemRoutes } from './system/routes.ts';
import { youthRoutes } from './youth/routes.ts';

export const registerModules = async (app: FastifyInstance) => {
  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      await v1.register(systemRoutes);
      await v1.register(youthRoutes);
      await v1.register(staffRoutes);
      await v1.register(memberRoutes);
      await v1.register(auditRoutes);
      await v1.register(careRoutes);
      await v1.register(notesRoutes);
      await v1.register(intakeRoutes);
      await v1.register(checkInRoutes);
      await v1.register(safetyPlanRoutes);
      await v1.register(mandatedReportRoutes);
      await v1.register(mentorFlagRoutes);
    },
    { prefix: '/api/v1' },
  );
};
