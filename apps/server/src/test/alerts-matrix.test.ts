import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safetyAlert, safetyAlertAction } from '../db/schema.ts';
import { systemOrigin } from '../modules/safety/escalate.ts';
import { raiseAlert } from '../modules/safety/raise-alert.ts';
import { CASE_STAFF, clientOf, EVERYONE, SEES, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { ALERT_ROUTES } from './matrix/alerts-routes.ts';
import { type Client, createTestApp, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * Safety-alert routes × every role × relationship (same caseload, another mentor's caseload, another program,
 * another organization), expectations written out by hand. Alerts are the youth's case staff's only: hub
 * clinicians, guardians and the youth never see them. Refused changes must change nothing.
 */
let t: TestApp;
let w: World;

const ADMINS: Who[] = ['admin', 'adminB'];

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const freshAlert = async (target: Target) => {
  const org = target === 'yb' ? w.orgB.id : w.orgA.id;
  return (
    await t.database.db.transaction((tx) =>
      raiseAlert(tx, systemOrigin(org), {
        youthId: yid(target),
        source: 'check_in',
        sourceId: null,
        severity: 'acute',
        reasons: ['check_in.need_to_talk'],
        raisedBy: null,
        now: new Date(),
      }),
    )
  ).id;
};
/** An acknowledged alert with one action: ready to close. */
const closableAlert = async (target: Target) => {
  const id = await freshAlert(target);
  const db = t.database.db;
  await db.update(safetyAlert).set({ status: 'acknowledged', acknowledgedAt: new Date(), version: 2 }).where(eq(safetyAlert.id, id));
  await db.insert(safetyAlertAction).values({
    organizationId: target === 'yb' ? w.orgB.id : w.orgA.id,
    alertId: id,
    kind: 'contacted_youth',
    takenAt: new Date(),
    takenBy: target === 'yb' ? w.adminB.userId : w.users.admin.userId,
  });
  return id;
};

const stateOf = async (alertId: string) => {
  const db = t.database.db;
  const [a] = await db
    .select({ status: safetyAlert.status, version: safetyAlert.version, disposition: safetyAlert.disposition })
    .from(safetyAlert)
    .where(eq(safetyAlert.id, alertId));
  const [n] = await db.select({ n: count() }).from(safetyAlertAction).where(eq(safetyAlertAction.alertId, alertId));
  return { alert: a ?? null, actions: n?.n };
};

type AlertCase = {
  route: string;
  ok: number;
  mutates: boolean;
  prep: (target: Target) => Promise<string>;
  call: (c: Client, alertId: string) => Promise<{ statusCode: number; body: string }>;
};

const ALERT_CASES: AlertCase[] = [
  { route: 'GET /api/v1/alerts/:id', ok: 200, mutates: false, prep: freshAlert, call: (c, id) => c.get(`/api/v1/alerts/${id}`) },
  {
    route: 'POST /api/v1/alerts/:id/acknowledge',
    ok: 200,
    mutates: true,
    prep: freshAlert,
    call: (c, id) => c.post(`/api/v1/alerts/${id}/acknowledge`, { version: 1 }),
  },
  {
    route: 'POST /api/v1/alerts/:id/actions',
    ok: 201,
    mutates: true,
    prep: freshAlert,
    call: (c, id) => c.post(`/api/v1/alerts/${id}/actions`, { kind: 'called_988' }),
  },
  {
    route: 'POST /api/v1/alerts/:id/close',
    ok: 200,
    mutates: true,
    prep: closableAlert,
    call: (c, id) => c.post(`/api/v1/alerts/${id}/close`, { disposition: 'no_imminent_risk', version: 2 }),
  },
];

const COLLECTION_CASES: { route: string; allowed: Who[]; call: (c: Client) => Promise<{ statusCode: number }> }[] = [
  { route: 'GET /api/v1/alerts', allowed: CASE_STAFF, call: (c) => c.get('/api/v1/alerts') },
  { route: 'GET /api/v1/me/notifications', allowed: CASE_STAFF, call: (c) => c.get('/api/v1/me/notifications') },
  {
    route: 'POST /api/v1/me/notifications/read',
    allowed: CASE_STAFF,
    call: (c) => c.post('/api/v1/me/notifications/read', { all: true }),
  },
  {
    route: 'GET /api/v1/organization/alert-settings',
    allowed: ADMINS,
    call: (c) => c.get('/api/v1/organization/alert-settings'),
  },
  {
    route: 'PUT /api/v1/organization/alert-settings',
    allowed: ADMINS,
    call: (c) =>
      c.request({ method: 'PUT', url: '/api/v1/organization/alert-settings', payload: { acuteEscalationMinutes: 15 } }),
  },
];

describe('safety alert access matrix', () => {
  it('walks every alert route', () => {
    const walked = ['GET /api/v1/youth/:id/alerts', ...ALERT_CASES.map((c) => c.route), ...COLLECTION_CASES.map((c) => c.route)];
    expect(walked.sort()).toEqual([...ALERT_ROUTES].sort());
    const registered = t.app.routeRecords.map((r) => `${r.method} ${r.url}`);
    expect(ALERT_ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
  });

  describe('GET /api/v1/youth/:id/alerts', () => {
    for (const target of TARGETS) {
      it(`on ${target}`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const who of EVERYONE) {
          got[who] = (await client(who).get(`/api/v1/youth/${yid(target)}/alerts`)).statusCode;
          want[who] = SEES[target].includes(who) ? (CASE_STAFF.includes(who) ? 200 : 403) : 404;
        }
        expect(got).toEqual(want);
      });
    }
  });

  for (const ac of ALERT_CASES) {
    describe(ac.route, () => {
      for (const target of TARGETS) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const alertId = await ac.prep(target);
            const before = await stateOf(alertId);
            const res = await ac.call(client(who), alertId);
            got[who] = res.statusCode;
            // An alert is out of sight (404) for anyone who is not on the youth's case staff.
            want[who] = SEES[target].includes(who) && CASE_STAFF.includes(who) ? ac.ok : 404;
            if (res.statusCode >= 400 && ac.mutates)
              expect(await stateOf(alertId), `${who} changed ${target}`).toEqual(before);
          }
          expect(got).toEqual(want);
        });
      }
    });
  }

  for (const cc of COLLECTION_CASES) {
    it(cc.route, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of EVERYONE) {
        got[who] = (await cc.call(client(who))).statusCode;
        want[who] = cc.allowed.includes(who) ? 200 : 403;
      }
      expect(got).toEqual(want);
    });
  }

  it('lists exactly the alerts of the youth each role may see', async () => {
    const ids = new Map<string, Target>();
    for (const target of TARGETS) ids.set(await freshAlert(target), target);
    for (const who of CASE_STAFF) {
      const res = await client(who).get('/api/v1/alerts?pageSize=100&status=open');
      const seen = new Set(
        (res.json().items as { id: string; youthId: string }[]).filter((a) => ids.has(a.id)).map((a) => ids.get(a.id)),
      );
      const expected = new Set(TARGETS.filter((tg) => SEES[tg].includes(who)));
      expect(seen, who).toEqual(expected);
    }
  });
});
