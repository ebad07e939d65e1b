import { ZAuditPage, ZAuditQuery } from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses } from '../../http/schemas.ts';
import { listAudit, verifyOrganizationAudit } from './audit-service.ts';

const tags = ['Audit'];

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: 'Browse the organization\'s audit trail',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, ...errorResponses },
      },
    },
    async (req) => listAudit(db, actorOf(req), req.query),
  );
  app.get(
    '/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: 'Verify the organization\'s audit hash chain',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            chains: z.number().int(),
            brokenAt: z.object({ chain: z.string(), seq: z.number(), id: z.string(), reason: z.string() }).nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => verifyOrganizationAudit(db, actorOf(req)),
  );
};
