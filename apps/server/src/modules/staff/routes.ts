import { ZStaffProfile, ZUpdateStaffProfile } from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses } from '../../http/schemas.ts';
import { getStaff, listStaff, updateStaff } from './staff-service.ts';

const tags = ['Staff'];
const ZUserParam = z.object({ userId: z.string().min(1).max(100) });

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/staff',
    {
      config: { permission: 'staff.list' },
      schema: {
        tags,
        summary: 'Staff of the organization',
        response: { 200: z.array(ZStaffProfile), ...errorResponses },
      },
    },
    async (req) => listStaff(db, actorOf(req)),
  );
  app.get(
    '/staff/:userId',
    {
      config: { permission: 'staff.read', record: true },
      schema: {
        tags,
        summary: 'A staff member\'s profile',
        params: ZUserParam,
        response: { 200: ZStaffProfile, ...errorResponses },
      },
    },
    async (req) => getStaff(db, actorOf(req), req.params.userId),
  );
  app.patch(
    '/staff/:userId',
    {
      config: { permission: 'staff.update', record: true },
      schema: {
        tags,
        summary: 'Edit a staff member\'s profile (languages, capacity, licence)',
        params: ZUserParam,
        body: ZUpdateStaffProfile,
        response: { 200: ZStaffProfile, ...errorResponses },
      },
    },
    async (req) => updateStaff(db, actorOf(req), req.params.userId, req.body),
  );
};
