import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../auth/totp.ts';
import { organization } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_ORG_SLUG, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { clientFor, cookieFrom, createTestApp, signIn, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' });
  const [org] = await t.database.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  orgId = org!.id;
});
afterAll(async () => t?.close());

const signInDemo = async (key: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.key === key)!;
  const first = await signIn(t.app, a.email, DEMO_PASSWORD);
  let cookie = first.cookie;
  if (a.totpSecret) {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { code: await totpCode(a.totpSecret) },
    });
    cookie = cookieFrom(ok.headers['set-cookie']);
  }
  return clientFor(t.app, { userId: '', email: a.email, cookie, orgId });
};

describe('demo safety alerts', () => {
  it('shows alerts in every state, the open acute one first; handled ones carry their actions', async () => {
    const pm = await signInDemo('pm');
    const page = (await pm.get('/api/v1/alerts?pageSize=50')).json();
    const states = page.items.map((a: { status: string; severity: string }) => `${a.status}:${a.severity}`);
    expect(states[0]).toBe('open:acute');
    // The youth-safety demo adds its own open check-in alert beside these.
    expect(states).toEqual(expect.arrayContaining(['open:acute', 'acknowledged:acute', 'acknowledged:non_acute', 'closed:non_acute']));
    expect(page.open.acute).toBe(1);
    const acked = page.items.find((a: { status: string; severity: string }) => a.status === 'acknowledged' && a.severity === 'acute');
    const detail = (await pm.get(`/api/v1/alerts/${acked.id}`)).json();
    expect(detail.actions.map((x: { kind: string }) => x.kind)).toEqual(['contacted_youth', 'safety_plan_reviewed']);
    expect(detail.can.close).toBe(true);
    const fromNote = page.items.find((a: { source: string }) => a.source === 'contact_note');
    expect(fromNote.reasons).toEqual(['contact_note.safety_concern']);
  });

  it('the supervisor sees the alerts of their supervisees’ youth', async () => {
    const s1 = await signInDemo('supervisor1');
    const res = await s1.get('/api/v1/alerts?status=active');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
  });
});
