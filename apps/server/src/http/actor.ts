import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TMembershipRole, TRole } from '@mentorbridge/core';
import { fromNodeHeaders } from 'better-auth/node';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/context.ts';
import { mayEver } from '../access/policy.ts';
import type { Auth } from '../auth/auth.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { membership, organization, session as sessionTable, user } from '../db/schema.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

export type SessionUser = { id: string; name: string; email: string; twoFactorEnabled: boolean };
export type OrgMembership = {
  id: string;
  name: string;
  timeZone: string;
  roles: TMembershipRole[];
  twoFactorRoles: TRole[];
};

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionExpiresAt: Date | null;
    memberships: OrgMembership[];
    actor: Actor | null;
  }
}

/** Built once per database: this runs on every request, and building the query cost more than running it. */
const membershipQueries = new WeakMap<Db, ReturnType<typeof prepareMemberships>>();
const prepareMemberships = (db: Db) =>
  db
    .select({
      orgId: organization.id,
      orgName: organization.name,
      timeZone: organization.timeZone,
      twoFactorRoles: organization.twoFactorRoles,
      role: membership.role,
      programId: membership.programId,
    })
    .from(membership)
    .innerJoin(organization, eq(organization.id, membership.organizationId))
    .where(eq(membership.userId, sql.placeholder('userId')))
    .orderBy(organization.name)
    .prepare('memberships_of');

export const membershipsOf = async (db: Db, userId: string): Promise<OrgMembership[]> => {
  let query = membershipQueries.get(db);
  if (!query) {
    query = prepareMemberships(db);
    membershipQueries.set(db, query);
  }
  return groupByOrganization(await query.execute({ userId }));
};

type ResolvedSession = {
  session: { id: string; createdAt: Date; expiresAt: Date };
  user: { id: string; name: string; email: string; twoFactorEnabled?: boolean | null };
  /** Read with the session by the fast path; the getSession path reads them after. */
  memberships?: OrgMembership[];
};

type MembershipJson = {
  orgId: string;
  orgName: string;
  timeZone: string;
  twoFactorRoles: TRole[];
  role: TRole;
  programId: string | null;
};

const groupByOrganization = (rows: MembershipJson[]): OrgMembership[] => {
  const byOrg = new Map<string, OrgMembership>();
  for (const r of rows) {
    let m = byOrg.get(r.orgId);
    if (!m) {
      m = { id: r.orgId, name: r.orgName, timeZone: r.timeZone, roles: [], twoFactorRoles: r.twoFactorRoles };
      byOrg.set(r.orgId, m);
    }
    m.roles.push({ role: r.role, programId: r.programId });
  }
  return [...byOrg.values()];
};

/**
 * The common case of better-auth's getSession without its endpoint machinery: the signed session cookie checked
 * here (HMAC-SHA256, as better-call signs it) and the session read with its user in one prepared query. It answers
 * only when better-auth would answer the same without writing anything; everything else — no or badly signed cookie,
 * unknown or expired session (better-auth deletes it), a sliding refresh that is due (better-auth writes the new
 * expiry and cookie), "don't remember me", a stale session-data cookie — returns null and goes through getSession.
 * Revocation is seen at once: every request reads the session row. The user's memberships come in the same
 * statement, so a request costs one round trip before its own work.
 */
const createFastSession = (db: Db, auth: Auth) => {
  let ctx: Awaited<Auth['$context']> | undefined;
  let key: Buffer | undefined;
  const query = db
    .select({
      id: sessionTable.id,
      createdAt: sessionTable.createdAt,
      expiresAt: sessionTable.expiresAt,
      userId: user.id,
      name: user.name,
      email: user.email,
      twoFactorEnabled: user.twoFactorEnabled,
      memberships: sql<MembershipJson[] | string>`(select coalesce(json_agg(json_build_object(
          'orgId', ${organization.id}, 'orgName', ${organization.name}, 'timeZone', ${organization.timeZone},
          'twoFactorRoles', ${organization.twoFactorRoles},
          'role', ${membership.role}, 'programId', ${membership.programId}) order by ${organization.name}), '[]'::json)
        from ${membership} join ${organization} on ${organization.id} = ${membership.organizationId}
        where ${membership.userId} = ${user.id})`,
    })
    .from(sessionTable)
    .innerJoin(user, eq(user.id, sessionTable.userId))
    .where(eq(sessionTable.token, sql.placeholder('token')))
    .prepare('session_by_token');
  return async (req: FastifyRequest): Promise<ResolvedSession | null> => {
    ctx ??= await auth.$context;
    key ??= Buffer.from(ctx.secret);
    const header = req.headers.cookie;
    if (!header) return null;
    const cookies = new Map<string, string>();
    for (const part of header.split(';')) {
      const eqAt = part.indexOf('=');
      if (eqAt > 0) cookies.set(part.slice(0, eqAt).trim(), part.slice(eqAt + 1).trim());
    }
    const raw = cookies.get(ctx.authCookies.sessionToken.name);
    if (!raw || cookies.has(ctx.authCookies.dontRememberToken.name) || cookies.has(ctx.authCookies.sessionData.name)) {
      return null;
    }
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const dot = value.lastIndexOf('.');
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), 'base64');
    const expected = createHmac('sha256', key).update(token).digest();
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    const [row] = await query.execute({ token });
    if (!row) return null;
    const now = Date.now();
    const { expiresIn, updateAge } = ctx.sessionConfig;
    if (row.expiresAt.getTime() <= now) return null;
    if (row.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now) return null;
    return {
      session: { id: row.id, createdAt: row.createdAt, expiresAt: row.expiresAt },
      user: { id: row.userId, name: row.name, email: row.email, twoFactorEnabled: row.twoFactorEnabled },
      memberships: groupByOrganization(
        typeof row.memberships === 'string' ? (JSON.parse(row.memberships) as MembershipJson[]) : row.memberships,
      ),
    };
  };
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
  const fastSession = createFastSession(db, auth);
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
      let s: ResolvedSession | null = await fastSession(req);
      if (!s) {
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
        s = result.response;
      }
      if (!s) throw unauthenticated('Your session has ended; sign in again');
      if (Date.now() - new Date(s.session.createdAt).getTime() > maxAgeMs) {
        await db.delete(sessionTable).where(eq(sessionTable.id, s.session.id));
        throw unauthenticated('Your session reached its maximum length; sign in again');
      }
      req.user = {
        id: s.user.id,
        name: s.user.name,
        email: s.user.email,
        twoFactorEnabled: Boolean(s.user.twoFactorEnabled),
      };
      req.sessionExpiresAt = new Date(s.session.expiresAt);
      req.memberships = s.memberships ?? (await membershipsOf(db, s.user.id));

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
  timeZone: m.timeZone,
});

/** The acting user in a handler of a non-public route. */
export const actorOf = (req: FastifyRequest): Actor => {
  if (!req.actor) throw unauthenticated();
  return req.actor;
};
