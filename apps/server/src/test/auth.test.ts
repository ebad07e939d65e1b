import { symmetricEncrypt } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordUser } from '../auth/accounts.ts';
import { MAX_FAILED_SIGN_INS } from '../auth/routes.ts';
import { totpCode } from '../auth/totp.ts';
import { auditEvent, twoFactor, user } from '../db/schema.ts';
import { addMembership } from '../modules/members/members-service.ts';
import {
  clientFor,
  cookieFrom,
  createOrganization,
  createTestApp,
  createUserClient,
  signIn,
  TEST_PASSWORD,
  type TestApp,
} from './test-app.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let t: TestApp;
let org: Awaited<ReturnType<typeof createOrganization>>;

const userWithTotp = async (email: string) => {
  const db = t.database.db;
  const id = await createPasswordUser(db, { email, name: 'Supervisor', password: TEST_PASSWORD });
  await addMembership(db, org.id, id, 'supervisor', null);
  await db.insert(twoFactor).values({
    id: `tf-${id}`,
    userId: id,
    secret: await symmetricEncrypt({ key: t.config.authSecret, data: `base32:${SECRET}` }),
    backupCodes: await symmetricEncrypt({ key: t.config.authSecret, data: JSON.stringify(['aaaaa-11111']) }),
    verified: true,
  });
  await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, id));
  return id;
};

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganization(t, { twoFactorRoles: ['org_admin', 'supervisor'] });
});
afterAll(async () => t?.close());
afterEach(() => vi.useRealTimers());

describe('sign-in', () => {
  it('a supervisor with two-factor needs a TOTP code before any session exists', async () => {
    await userWithTotp('sup-a@test.mentorbridge.org');
    const { res, cookie } = await signIn(t.app, 'sup-a@test.mentorbridge.org');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ twoFactorRedirect: true });
    const half = clientFor(t.app, { userId: '', email: '', cookie, orgId: org.id });
    expect((await half.get('/api/v1/me')).statusCode).toBe(401);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { code: await totpCode(SECRET) },
    });
    expect(ok.statusCode).toBe(200);
    const full = clientFor(t.app, {
      userId: '',
      email: '',
      cookie: cookieFrom(ok.headers['set-cookie']),
      orgId: org.id,
    });
    const me = await full.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.twoFactorEnabled).toBe(true);
  });

  it('six wrong passwords in a row lock the account, even against the right password, and it is audited', async () => {
    const email = 'locked@test.mentorbridge.org';
    const id = await createPasswordUser(t.database.db, { email, name: 'Mentor', password: TEST_PASSWORD });
    await addMembership(t.database.db, org.id, id, 'mentor', null);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) {
      expect((await signIn(t.app, email, 'wrong-password-123')).res.statusCode).toBe(401);
    }
    // The sixth failure locks, and says so.
    const sixth = await signIn(t.app, email, 'wrong-password-123');
    expect(sixth.res.statusCode).toBe(423);
    expect(sixth.res.json().lockedUntil).toBeTruthy();
    const locked = await signIn(t.app, email, TEST_PASSWORD);
    expect(locked.res.statusCode).toBe(423);
    expect(locked.res.json().code).toBe('ACCOUNT_LOCKED');
    expect(locked.cookie).toBe('');
    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.actorUserId, id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.sign_in_failed', 'auth.account_locked', 'auth.sign_in_refused_locked']),
    );

    // After the lock runs out the right password works again.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    expect((await signIn(t.app, email, TEST_PASSWORD)).res.statusCode).toBe(200);
  });

  it('a successful sign-in resets the failure count', async () => {
    const email = 'reset@test.mentorbridge.org';
    await createPasswordUser(t.database.db, { email, name: 'Mentor', password: TEST_PASSWORD });
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await signIn(t.app, email, 'wrong-password-123');
    expect((await signIn(t.app, email)).res.statusCode).toBe(200);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await signIn(t.app, email, 'wrong-password-123');
    expect((await signIn(t.app, email)).res.statusCode).toBe(200);
  });

  it('an idle session expires after the idle timeout; activity keeps it alive', async () => {
    const c = await createUserClient(t, org.id, [{ role: 'mentor' }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start + 10 * 60_000);
    const active = await c.get('/api/v1/me');
    expect(active.statusCode).toBe(200);
    // The refreshed cookie is passed on, so the browser's copy slides with the session.
    expect(cookieFrom(active.headers['set-cookie'])).toContain('better-auth.session_token=');
    vi.setSystemTime(start + 20 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    vi.setSystemTime(start + 36 * 60_000);
    const expired = await c.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('a session ends at its maximum age however active it is', async () => {
    const c = await createUserClient(t, org.id, [{ role: 'mentor' }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    for (let m = 10; m <= t.config.sessionMaxAgeHours * 60; m += 10) {
      vi.setSystemTime(start + m * 60_000);
      await c.get('/api/v1/me');
    }
    vi.setSystemTime(start + (t.config.sessionMaxAgeHours * 60 + 5) * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('a role the organization requires two-factor for is held back until two-factor is on', async () => {
    const c = await createUserClient(t, org.id, [{ role: 'supervisor' }]);
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().organizations[0].twoFactorRequired).toBe(true);
    const youth = await c.get('/api/v1/youth');
    expect(youth.statusCode).toBe(403);
    expect(youth.json().error.code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('signing out everywhere ends every session of the user', async () => {
    const email = 'everywhere@test.mentorbridge.org';
    const id = await createPasswordUser(t.database.db, { email, name: 'Mentor', password: TEST_PASSWORD });
    await addMembership(t.database.db, org.id, id, 'mentor', null);
    const a = clientFor(t.app, { userId: id, email, cookie: (await signIn(t.app, email)).cookie, orgId: org.id });
    const b = clientFor(t.app, { userId: id, email, cookie: (await signIn(t.app, email)).cookie, orgId: org.id });
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/revoke-sessions',
      headers: { cookie: a.cookie, origin: 'http://localhost:3000', 'content-type': 'application/json' },
      payload: '',
    });
    expect(out.statusCode).toBe(200);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('passwords shorter than 12 characters are refused when accepting an invitation', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: { 'x-requested-with': 'mentorbridge' },
      payload: { token: 'x'.repeat(40), password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.password).toMatch(/12/);
  });
});

describe('request hygiene', () => {
  it('state-changing API calls without the CSRF header are refused', async () => {
    const c = await createUserClient(t, org.id, [{ role: 'org_admin' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/youth',
      headers: { cookie: c.cookie, 'x-organization-id': org.id },
      payload: { programId: org.tmProgramId, firstName: 'A', lastName: 'B', dateOfBirth: '2012-01-01' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    const foreign = await c.request({
      method: 'POST',
      url: '/api/v1/youth',
      headers: { origin: 'https://evil.example' },
      payload: { programId: org.tmProgramId, firstName: 'A', lastName: 'B', dateOfBirth: '2012-01-01' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('answers carry a request id and security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toContain('default-src \'self\'');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ status: 'ready' });
  });
});
