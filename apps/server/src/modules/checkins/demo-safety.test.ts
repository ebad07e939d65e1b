import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safetyAlert } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { clientFor, createTestApp, signIn, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' });
});
afterAll(async () => t?.close());

const signInDemo = async (key: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.key === key)!;
  const { cookie } = await signIn(t.app, a.email, DEMO_PASSWORD);
  return clientFor(t.app, { userId: '', email: a.email, cookie, orgId: null });
};

describe('youth safety demo data', () => {
  it('the demo youth lands on a home with her shared safety plan and crisis line', async () => {
    const yu = await signInDemo('youth');
    const home = await yu.get('/api/v1/me/youth-home');
    expect(home.statusCode).toBe(200);
    expect(home.json()).toMatchObject({ firstName: 'Ana', safetyPlan: { version: 2 }, crisis: { mobileCrisisPhone: '617-555-0199' } });
    expect(home.json().mentors).toHaveLength(1);
    expect(home.json().lastCheckInAt).not.toBeNull();
  });

  it('check-ins over weeks, one need-to-talk with its alert, and an open mandated report', async () => {
    const pm = await signInDemo('pm');
    const top = (await pm.get('/api/v1/check-ins/top-challenges?days=90')).json();
    expect(top.checkIns).toBe(64);
    expect(top.needToTalk).toBe(1);
    const alerts = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.source, 'check_in'));
    expect(alerts).toHaveLength(1);
    const reports = (await pm.get('/api/v1/mandated-reports')).json();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'oral_reported', overdue: false });
    const mentor = await signInDemo('mentor1');
    const latest = (await mentor.get('/api/v1/check-ins/latest')).json();
    expect(latest.filter((l: { latest: unknown }) => l.latest).length).toBeGreaterThan(0);
  });
});
