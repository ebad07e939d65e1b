import { ZMe, ZProgram } from '@mentorbridge/core';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIONS, mayEver } from '../../access/policy.ts';
import { program } from '../../db/schema.ts';
import { actorOf, twoFactorRequired } from '../../http/actor.ts';
import { errorResponses } from '../../http/schemas.ts';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/me',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['Account'],
        summary: 'The signed-in user, their organizations and roles, and what they may do',
        response: { 200: ZMe, ...errorResponses },
      },
    },
    async (req) => {
      const roles = req.actor?.roles.map((r) => r.role) ?? [];
      return {
        user: req.user!,
        organizations: req.memberships.map((m) => ({
          id: m.id,
          name: m.name,
          roles: m.roles,
          twoFactorRequired: twoFactorRequired(m),
        })),
        activeOrganizationId: req.actor?.organizationId ?? null,
        permissions: ACTIONS.filter((a) => mayEver(a, roles)),
        sessionExpiresAt: req.sessionExpiresAt!.toISOString(),
      };
    },
  );

  app.get(
    '/programs',
    {
      config: { permission: 'program.list' },
      schema: {
        tags: ['Programs'],
        summary: 'The organization\'s programs',
        response: { 200: z.array(ZProgram), ...errorResponses },
      },
    },
    async (req) =>
      db
        .select({
          id: program.id,
          organizationId: program.organizationId,
          name: program.name,
          kind: program.kind,
          active: program.active,
        })
        .from(program)
        .where(eq(program.organizationId, actorOf(req).organizationId))
        .orderBy(asc(program.name)),
  );
};

/** Liveness and readiness, outside /api/v1: load balancers call them without a session. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['System'],
        summary: 'Liveness',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['System'],
        summary: 'Readiness: the database answers',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await db.execute(sql`select 1`);
        return { status: 'ready' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
