import type { TMembershipRole, TRole } from '@mentorbridge/core';
import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/context.ts';
import { mayEver } from '../access/policy.ts';
import type { Auth } from '../auth/auth.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { membership, organization, session as sessionTable } from '../db/schema.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

export type SessionUser = { id: string; name: string; email: string; twoFactorEnabled: boolean };
export type OrgMembership = { id: string; name: string; roles: TMembershipRole[]; twoFactorRoles: TRole[] };

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionExpiresAt: Date | null;
    memberships: OrgMembership[];
    actor: Actor | null;
  }
}

export const membershipsOf = async (db: Db, userId: string): Promise<OrgMembership[]> => {
  const rows = await db
    .select({
      orgId: organization.id,
      orgName: organization.name,
      twoFactorRoles: organization.twoFactorRoles,
      role: membership.role,
      programId: membership.programId,
    })
    .from(membership)
    .innerJoin(organization, eq(organization.id, membership.organizationId))
    .where(eq(membership.userId, userId))
    .orderBy(organization.name);
  const byOrg = new Map<string, OrgMembership>();
  for (const r of rows) {
    let m = byOrg.get(r.orgId);
    if (!m) {
      m = { id: r.orgId, name: r.orgName, roles: [], twoFactorRoles: r.twoFactorRoles };
      byOrg.set(r.orgId, m);
    }
    m.roles.push({ role: r.role, programId: r.programId });
  }
  return [...byOrg.values()];
};

export const twoFactorRequired = (m: OrgMembership) => m.roles.some((r) => m.twoFactorRoles.includes(r.role));

const clientIp = (req: FastifyRequest) => req.ip ?? null;

/**
 * Resolves who is calling and in which organization, and applies the route's declared permission. Any failure
 * while deciding denies.
 */
export const registerActorResolution = (app: FastifyInstance, deps: { db: Db; auth: Auth; config: Config }) => {
  const { db, auth, config } = deps;
  const maxAgeMs = config.sessionMaxAgeHours * 3600_000;
  app.decorateRequest('user', null);
  app.decorateRequest('sessionExpiresAt', null);
  app.decorateRequest('memberships');
  app.decorateRequest('actor', null);

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const permission = req.routeOptions.config?.permission;
    // Unknown paths fall through to the 404 handler.
    if (!req.url.startsWith('/api/v1') || !req.routeOptions.url) return;
    if (!permission) throw new AppError(500, 'INTERNAL', 'Route has no declared permission');
    if (permission === 'public') return;
    try {
      // The app's own background polls (the alert indicator) must not slide the idle timeout.
      const background = req.headers['x-background-poll'] === '1';
      const result = await auth.api.getSession({
        headers: fromNodeHeaders(req.headers),
        returnHeaders: true,
        query: background ? { disableRefresh: true } : undefined,
      });
      // A refreshed session comes back with a new cookie; pass it on so the browser's copy slides too.
      const cookies = result.headers?.getSetCookie?.() ?? [];
      if (cookies.length) reply.header('set-cookie', cookies);
      const s = result.response;
      if (!s) throw unauthenticated('Your session has ended; sign in again');
      if (Date.now() - new Date(s.session.createdAt).getTime() > maxAgeMs) {
        await db.delete(sessionTable).where(eq(sessionTable.id, s.session.id));
        throw unauthenticated('Your session reached its maximum length; sign in again');
      }
      req.user = {
        id: s.user.id,
        name: s.user.name,
        email: s.user.email,
        twoFactorEnabled: Boolean((s.user as { twoFactorEnabled?: boolean }).twoFactorEnabled),
      };
      req.sessionExpiresAt = new Date(s.session.expiresAt);
      req.memberships = await membershipsOf(db, s.user.id);

      const requested = req.headers['x-organization-id'];
      const wanted = typeof requested === 'string' && requested ? requested : undefined;
      const active = wanted
        ? req.memberships.find((m) => m.id === wanted)
        : req.memberships.length === 1
          ? req.memberships[0]
          : undefined;
      if (wanted && !active) throw forbidden('You are not a member of that organization');
      if (active && twoFactorRequired(active) && !req.user.twoFactorEnabled && permission !== 'authenticated') {
        throw new AppError(403, 'TWO_FACTOR_REQUIRED', 'This organization requires two-factor sign-in for your role');
      }
      if (permission === 'authenticated') {
        if (active) req.actor = actorFor(req, active);
        return;
      }
      if (!active) {
        throw new AppError(400, 'VALIDATION_ERROR', 'Choose an organization (X-Organization-Id header)', {
          fields: { 'x-organization-id': 'Required when you belong to several organizations' },
        });
      }
      req.actor = actorFor(req, active);
      if (
        !req.routeOptions.config.record &&
        !mayEver(
          permission,
          active.roles.map((r) => r.role),
        )
      ) {
        throw forbidden();
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      req.log.error({ err: { type: (err as Error)?.name } }, 'access check failed; denying');
      throw forbidden('Access could not be verified');
    }
  });
};

const actorFor = (req: FastifyRequest, m: OrgMembership): Actor => ({
  userId: req.user!.id,
  organizationId: m.id,
  roles: m.roles,
  requestId: req.id,
  ip: clientIp(req),
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null,
});

/** The acting user in a handler of a non-public route. */
export const actorOf = (req: FastifyRequest): Actor => {
  if (!req.actor) throw unauthenticated();
  return req.actor;
};
