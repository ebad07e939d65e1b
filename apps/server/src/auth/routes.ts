import { fromNodeHeaders } from 'better-auth/node';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeAudit } from '../audit/write-audit.ts';
import type { Db } from '../db/client.ts';
import { loginThrottle, user } from '../db/schema.ts';
import type { Auth } from './auth.ts';

export const MAX_FAILED_SIGN_INS = 6;
export const LOCKOUT_MINUTES = 15;

const AUDITED: Record<string, string> = {
  '/api/auth/sign-in/email': 'auth.sign_in',
  '/api/auth/two-factor/verify-totp': 'auth.two_factor_verified',
  '/api/auth/two-factor/verify-backup-code': 'auth.backup_code_used',
  '/api/auth/sign-out': 'auth.sign_out',
  '/api/auth/revoke-sessions': 'auth.sign_out_everywhere',
  '/api/auth/change-password': 'auth.password_changed',
  '/api/auth/two-factor/enable': 'auth.two_factor_enable_started',
  '/api/auth/two-factor/disable': 'auth.two_factor_disabled',
};

const origin = (req: FastifyRequest, actorUserId: string | null) => ({
  organizationId: null,
  actorUserId,
  ip: req.ip ?? null,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null,
  requestId: req.id,
});

/**
 * better-auth answers under /api/auth. In front of it: the per-account lockout after repeated failed passwords
 * (kept in the database so every server process sees it) and audit events for sign-in and account changes.
 */
export const registerAuthRoutes = async (app: FastifyInstance, deps: { db: Db; auth: Auth }) => {
  const { db, auth } = deps;
  await app.register(async (scope) => {
    // better-auth's client sends some POSTs with a JSON content type and no body.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      if (!body) return done(null, undefined);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        const err = new Error('The request body is not valid JSON') as Error & { statusCode: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    });

    scope.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      config: { permission: 'public' },
      schema: { hide: true },
      handler: async (req, reply) => {
        const path = req.url.split('?')[0]!;
        const isPasswordSignIn = req.method === 'POST' && path === '/api/auth/sign-in/email';
        const email =
          isPasswordSignIn && typeof (req.body as { email?: unknown })?.email === 'string'
            ? (req.body as { email: string }).email.trim().toLowerCase()
            : null;

        if (email) {
          const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.email, email));
          if (row?.lockedUntil && row.lockedUntil > new Date()) {
            const [u] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
            await db.transaction((tx) =>
              writeAudit(tx, origin(req, u?.id ?? null), {
                action: 'auth.sign_in_refused_locked',
                resourceType: 'user',
                resourceId: u?.id ?? null,
              }),
            );
            return reply.status(423).send(lockedAnswer(row.lockedUntil));
          }
        }

        const res = await auth.handler(
          new Request(new URL(req.url, `http://${req.headers.host ?? 'localhost'}`), {
            method: req.method,
            headers: fromNodeHeaders(req.headers),
            body: req.method !== 'GET' && req.body !== undefined ? JSON.stringify(req.body) : undefined,
          }),
        );
        const text = res.body ? await res.text() : null;

        if (email) {
          const lockedUntil = await recordSignInAttempt(db, req, email, res.status, text);
          // The failure that locks the account already answers as locked.
          if (lockedUntil) return reply.status(423).send(lockedAnswer(lockedUntil));
        } else if (AUDITED[path] && req.method === 'POST' && res.status === 200) {
          await auditAccountEvent(db, auth, req, AUDITED[path]!, text);
        }

        reply.status(res.status);
        res.headers.forEach((v, k) => {
          if (k !== 'set-cookie' && k !== 'content-length') reply.header(k, v);
        });
        const cookies = res.headers.getSetCookie();
        if (cookies.length) reply.header('set-cookie', cookies);
        return reply.send(text);
      },
    });
  });
};

/** In better-auth's error shape ({ code, message }), like every other /api/auth answer. */
const lockedAnswer = (until: Date) => ({
  code: 'ACCOUNT_LOCKED',
  message: `Too many failed sign-ins. The account is locked until ${until.toISOString()}.`,
  lockedUntil: until.toISOString(),
});

const userIdFromBody = (text: string | null): string | null => {
  try {
    const body = text ? (JSON.parse(text) as { user?: { id?: string } }) : null;
    return body?.user?.id ?? null;
  } catch {
    return null;
  }
};

/** Returns when the account is now locked until, if this failure locked it. */
const recordSignInAttempt = async (
  db: Db,
  req: FastifyRequest,
  email: string,
  status: number,
  text: string | null,
): Promise<Date | null> => {
  const [u] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  return db.transaction(async (tx) => {
    if (status === 200) {
      await tx.delete(loginThrottle).where(eq(loginThrottle.email, email));
      const pending = text?.includes('"twoFactorRedirect":true');
      await writeAudit(tx, origin(req, u?.id ?? null), {
        action: pending ? 'auth.password_accepted_two_factor_pending' : 'auth.sign_in',
        resourceType: 'user',
        resourceId: u?.id ?? null,
      });
      return null;
    }
    if (status !== 401) return null;
    const now = new Date();
    const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    // The counter restarts after a lock has run out.
    const [row] = await tx
      .insert(loginThrottle)
      .values({ email, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.email,
        set: {
          failures: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= ${now} then 1 else ${loginThrottle.failures} + 1 end`,
          lockedUntil: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= ${now} then null else ${loginThrottle.lockedUntil} end`,
          lastFailureAt: now,
        },
      })
      .returning();
    let locked = false;
    if (row && row.failures >= MAX_FAILED_SIGN_INS) {
      await tx.update(loginThrottle).set({ lockedUntil: lockUntil, failures: 0 }).where(eq(loginThrottle.email, email));
      locked = true;
    }
    await writeAudit(tx, origin(req, u?.id ?? null), [
      { action: 'auth.sign_in_failed', resourceType: 'user', resourceId: u?.id ?? null },
      ...(locked ? [{ action: 'auth.account_locked', resourceType: 'user', resourceId: u?.id ?? null }] : []),
    ]);
    return locked ? lockUntil : null;
  });
};

const auditAccountEvent = async (db: Db, auth: Auth, req: FastifyRequest, action: string, text: string | null) => {
  let actor = userIdFromBody(text);
  if (!actor) {
    const s = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) }).catch(() => null);
    actor = s?.user.id ?? null;
  }
  await db.transaction((tx) => writeAudit(tx, origin(req, actor), { action, resourceType: 'user', resourceId: actor }));
};
