import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../auth/totp.ts';
import { guardian, youth } from '../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-accounts.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { clientFor, cookieFrom, createTestApp, signIn, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'trace' });
  await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' });
});
afterAll(async () => t?.close());

const signInDemo = async (key: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.key === key)!;
  const first = await signIn(t.app, a.email, DEMO_PASSWORD);
  let cookie = first.cookie;
  if (a.totpSecret) {
    expect(first.res.json()).toMatchObject({ twoFactorRedirect: true });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { code: await totpCode(a.totpSecret) },
    });
    expect(ok.statusCode).toBe(200);
    cookie = cookieFrom(ok.headers['set-cookie']);
  }
  return clientFor(t.app, { userId: '', email: a.email, cookie, orgId: null });
};

describe('demo organization', () => {
  it('seeds once, refuses production, and its accounts sign in (with TOTP where required)', async () => {
    expect(await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' })).toBeNull();
    await expect(seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'production' })).rejects.toThrow(
      /production/,
    );
    const sup = await signInDemo('supervisor1');
    const list = (await sup.get('/api/v1/youth?pageSize=100')).json();
    // supervisor1 supervises mentor1 and mentor2: half of the twenty youth.
    expect(list.total).toBe(10);
    const mentor = await signInDemo('mentor1');
    expect((await mentor.get('/api/v1/youth?pageSize=100')).json().total).toBe(5);
    const admin = await signInDemo('admin');
    // The twenty youth in service; the referral pipeline adds youth not yet admitted.
    expect((await admin.get('/api/v1/youth?pageSize=100&status=active')).json().total).toBe(20);
    const staff = (await admin.get('/api/v1/staff')).json();
    expect(staff.filter((s: { licenceExpired: boolean }) => s.licenceExpired)).toHaveLength(1);
  });
});

describe('logs', () => {
  it('no log line names a youth or a guardian, or gives a date of birth', async () => {
    const admin = await signInDemo('admin');
    const people = await t.database.db.select().from(youth);
    const guardians = await t.database.db.select().from(guardian);
    for (const y of people.slice(0, 5)) {
      await admin.get(`/api/v1/youth?q=${encodeURIComponent(y.firstName)}`);
      await admin.get(`/api/v1/youth?dateOfBirth=${y.dateOfBirth}`);
      await admin.get(`/api/v1/youth/${y.id}`);
      await admin.patch(`/api/v1/youth/${y.id}`, { version: y.version, lastName: '', firstName: y.firstName });
      await admin.patch(`/api/v1/youth/${y.id}`, { version: 999, firstName: y.firstName });
      await admin.post('/api/v1/youth', {
        firstName: y.firstName,
        lastName: y.lastName,
        dateOfBirth: `${y.dateOfBirth}x`,
      });
      await admin.post('/api/v1/youth', {
        id: y.id,
        programId: y.programId,
        firstName: y.firstName,
        lastName: y.lastName,
        dateOfBirth: y.dateOfBirth,
      });
    }
    await signIn(t.app, 'nobody@test.mentorbridge.org', 'wrong-password-123');
    const text = t.logs.join('');
    expect(text.length).toBeGreaterThan(1000);
    const secrets = [
      ...people.flatMap((y) => [y.firstName, y.lastName, y.dateOfBirth, y.preferredName]),
      ...guardians.flatMap((g) => [g.lastName, g.phone]),
    ].filter((s): s is string => Boolean(s));
    const leaked = secrets.filter((s) => text.includes(s));
    expect(leaked).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents every API route, with its input schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const routes = t.app.routeRecords
      .filter((r) => r.url.startsWith('/api/') && !/^\/api\/(auth|docs|openapi)/.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    const create = doc.paths['/api/v1/youth'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['programId', 'firstName', 'lastName', 'dateOfBirth']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('unknown API paths answer 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/nothing-${randomUUID()}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
