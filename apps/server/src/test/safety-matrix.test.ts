import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser } from '../auth/accounts.ts';
import { checkIn, mandatedReport, mentorAssignment, mentorFlag, program, safetyPlan, youth } from '../db/schema.ts';
import { addMembership } from '../modules/members/members-service.ts';
import { CASE_STAFF, clientOf, EVERYONE, MANAGERS, SEES, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { SAFETY_ROUTES } from './matrix/safety-routes.ts';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * The youth-safety routes × every role × relationship (same caseload, another mentor's caseload, another program,
 * another organization), with expectations written out by hand; refused changes must change nothing.
 */
let t: TestApp;
let w: World;

const CASE_TEAM: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'];
const STAFF: Who[] = CASE_TEAM;
/** Reports are invisible (404) to anyone who may not read them, even when they see the youth. */
const NOT_REPORT_READERS: Who[] = ['hub', 'g', 'yu'];
/** The mentor whose match a flag suspends: they no longer see the youth. */
const FLAGGED: Record<Target, Who[]> = { y1: ['m1'], y2: ['m2'], y3: ['m2'], yb: [] };

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;
const orgOf = (youthId: string) => (youthId === yid('yb') ? w.orgB.id : w.orgA.id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const db = t.database.db;
  const mb = await createPasswordUser(db, { email: 'mb-safety@test.mentorbridge.org', name: 'Mentor B', password: TEST_PASSWORD });
  await addMembership(db, w.orgB.id, mb, 'mentor', null);
  await db.insert(mentorAssignment).values({ organizationId: w.orgB.id, mentorUserId: mb, youthId: yid('yb') });
});
afterAll(async () => t?.close());

const stateOf = async (youthId: string) => {
  const db = t.database.db;
  const [c] = await db.select({ n: count() }).from(checkIn).where(eq(checkIn.youthId, youthId));
  const [p] = await db.select({ n: count() }).from(safetyPlan).where(eq(safetyPlan.youthId, youthId));
  const [f] = await db.select({ n: count() }).from(mentorFlag).where(eq(mentorFlag.youthId, youthId));
  const [reports] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${mandatedReport.version}), 0)::int` })
    .from(mandatedReport)
    .where(eq(mandatedReport.youthId, youthId));
  const [reviewed] = await db
    .select({ n: count() })
    .from(mentorFlag)
    .where(and(eq(mentorFlag.youthId, youthId), eq(mentorFlag.status, 'reviewed')));
  const [suspended] = await db
    .select({ n: count() })
    .from(mentorAssignment)
    .where(and(eq(mentorAssignment.youthId, youthId), isNotNull(mentorAssignment.contactSuspendedAt)));
  return {
    checkIns: c!.n,
    plans: p!.n,
    flags: f!.n,
    reviewed: reviewed!.n,
    suspended: suspended!.n,
    reports,
  };
};

const restoreMatches = async () => {
  await t.database.db.update(mentorAssignment).set({ contactSuspendedAt: null });
  await t.database.db.delete(mentorFlag);
};
const reporterOf = async (youthId: string) => {
  const [m] = await t.database.db
    .select({ userId: mentorAssignment.mentorUserId })
    .from(mentorAssignment)
    .where(eq(mentorAssignment.youthId, youthId));
  return m!.userId;
};
const freshReport = async (youthId: string, filed = false) => {
  const oral = new Date(Date.now() - 3_600_000);
  const [r] = await t.database.db
    .insert(mandatedReport)
    .values({
      organizationId: orgOf(youthId),
      youthId,
      kinds: ['neglect'],
      status: filed ? 'written_filed' : 'oral_reported',
      oralReportAt: oral,
      oralReportTo: 'DCF',
      writtenDueAt: new Date(oral.getTime() + 48 * 3_600_000),
      writtenFiledAt: filed ? new Date() : null,
      natureAndExtent: 'Matrix',
      circumstances: 'Matrix',
      reporterUserId: await reporterOf(youthId),
    })
    .returning({ id: mandatedReport.id });
  return r!.id;
};
const latestPlanVersion = async (youthId: string) => {
  const [p] = await t.database.db
    .select({ v: safetyPlan.version })
    .from(safetyPlan)
    .where(eq(safetyPlan.youthId, youthId))
    .orderBy(desc(safetyPlan.version))
    .limit(1);
  return p?.v ?? null;
};
const ensurePlan = async (youthId: string) => {
  if ((await latestPlanVersion(youthId)) === null) {
    await t.database.db.insert(safetyPlan).values({
      organizationId: orgOf(youthId),
      youthId,
      version: 1,
      sections: {
        warning_signs: [],
        internal_coping: [],
        social_distraction: [],
        people_to_ask_for_help: [],
        professionals_and_agencies: [],
        making_environment_safe: [],
      },
      createdBy: await reporterOf(youthId),
    });
  }
  return '1';
};
const freshFlag = async (youthId: string) => {
  const [m] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.youthId, youthId));
  const [f] = await t.database.db
    .insert(mentorFlag)
    .values({ organizationId: orgOf(youthId), youthId, assignmentId: m!.id, mentorUserId: m!.mentorUserId })
    .returning({ id: mentorFlag.id });
  await t.database.db.update(mentorAssignment).set({ contactSuspendedAt: new Date() }).where(eq(mentorAssignment.id, m!.id));
  return f!.id;
};

type RecordCase = {
  route: string;
  allowed: Who[];
  ok: number;
  mutates: boolean;
  /** Who answer 404 although they see the youth. */
  hidden?: (target: Target) => Who[];
  prep?: (youthId: string) => Promise<string>;
  call: (c: Client, youthId: string, childId: string) => Promise<{ statusCode: number; body: string }>;
};

const planBody = async (youthId: string) => ({
  sections: { warning_signs: ['Matrix'] },
  basedOnVersion: await latestPlanVersion(youthId),
});
const reportBody = {
  kinds: ['physical_abuse'],
  oralReportAt: new Date(Date.now() - 600_000).toISOString(),
  oralReportTo: 'DCF Hotline',
  natureAndExtent: 'Matrix',
  circumstances: 'Matrix',
};

const RECORD_CASES: RecordCase[] = [
  {
    route: 'POST /api/v1/youth/:id/check-ins',
    allowed: ['m1', 'm2', 'yu'],
    ok: 201,
    mutates: true,
    call: (c, id) => c.post(`/api/v1/youth/${id}/check-ins`, { ratings: { mood: 2 } }),
  },
  {
    route: 'GET /api/v1/youth/:id/check-ins',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/check-ins`),
  },
  {
    route: 'GET /api/v1/youth/:id/crisis-resources',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/crisis-resources`),
  },
  {
    route: 'GET /api/v1/youth/:id/safety-plan',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/safety-plan`),
  },
  {
    route: 'GET /api/v1/youth/:id/safety-plan/versions/:version',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    prep: ensurePlan,
    call: (c, id, v) => c.get(`/api/v1/youth/${id}/safety-plan/versions/${v}`),
  },
  {
    route: 'POST /api/v1/youth/:id/safety-plan',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    call: async (c, id) => c.post(`/api/v1/youth/${id}/safety-plan`, await planBody(id)),
  },
  {
    route: 'POST /api/v1/youth/:id/mandated-reports',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    call: (c, id) => c.post(`/api/v1/youth/${id}/mandated-reports`, reportBody),
  },
  {
    route: 'GET /api/v1/youth/:id/mandated-reports',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/mandated-reports`),
  },
  {
    route: 'GET /api/v1/mandated-reports/:reportId',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: false,
    hidden: () => NOT_REPORT_READERS,
    prep: (id) => freshReport(id),
    call: (c, _id, r) => c.get(`/api/v1/mandated-reports/${r}`),
  },
  {
    route: 'POST /api/v1/mandated-reports/:reportId/written',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: true,
    hidden: () => NOT_REPORT_READERS,
    prep: (id) => freshReport(id),
    call: (c, _id, r) =>
      c.post(`/api/v1/mandated-reports/${r}/written`, { writtenFiledAt: new Date().toISOString(), version: 1 }),
  },
  {
    route: 'POST /api/v1/mandated-reports/:reportId/close',
    allowed: ['admin', 'pm', 's1', 's2', 'adminB'],
    ok: 200,
    mutates: true,
    hidden: () => NOT_REPORT_READERS,
    prep: (id) => freshReport(id, true),
    call: (c, _id, r) => c.post(`/api/v1/mandated-reports/${r}/close`, { version: 1 }),
  },
  {
    route: 'POST /api/v1/youth/:id/mentor-flags',
    allowed: ['yu'],
    ok: 201,
    mutates: true,
    call: (c, id) => c.post(`/api/v1/youth/${id}/mentor-flags`, { reason: 'Matrix' }),
  },
  {
    route: 'POST /api/v1/mentor-flags/:flagId/review',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    hidden: (target) => FLAGGED[target],
    prep: freshFlag,
    call: (c, _id, f) => c.post(`/api/v1/mentor-flags/${f}/review`, { outcome: 'contact_restored' }),
  },
];

type CollectionCase = {
  route: string;
  allowed: Who[];
  ok?: number;
  override?: Partial<Record<Who, number>>;
  call: (c: Client) => Promise<{ statusCode: number }>;
};
const COLLECTION_CASES: CollectionCase[] = [
  { route: 'GET /api/v1/check-ins/latest', allowed: EVERYONE, call: (c) => c.get('/api/v1/check-ins/latest') },
  { route: 'GET /api/v1/check-ins/top-challenges', allowed: MANAGERS, call: (c) => c.get('/api/v1/check-ins/top-challenges') },
  {
    route: 'GET /api/v1/programs/:programId/safety-settings',
    allowed: STAFF,
    // A program of another organization is out of reach.
    override: { adminB: 404 },
    call: (c) => c.get(`/api/v1/programs/${w.orgA.tmProgramId}/safety-settings`),
  },
  {
    route: 'PUT /api/v1/programs/:programId/safety-settings',
    allowed: MANAGERS,
    override: { adminB: 404 },
    call: (c) =>
      c.request({
        method: 'PUT',
        url: `/api/v1/programs/${w.orgA.tmProgramId}/safety-settings`,
        payload: { checkInDomains: ['mood', 'worries', 'school', 'friends_family', 'sleep', 'safety'], mobileCrisisPhone: `877-382-${1000 + Math.floor(Math.random() * 8999)}` },
      }),
  },
  { route: 'GET /api/v1/mandated-reports', allowed: MANAGERS, call: (c) => c.get('/api/v1/mandated-reports') },
  { route: 'GET /api/v1/me/youth-home', allowed: ['yu'], call: (c) => c.get('/api/v1/me/youth-home') },
  { route: 'GET /api/v1/mentor-flags', allowed: MANAGERS, call: (c) => c.get('/api/v1/mentor-flags') },
];

describe('safety access matrix', () => {
  it('walks every safety route', () => {
    const walked = [...RECORD_CASES, ...COLLECTION_CASES].map((c) => c.route).sort();
    expect(walked).toEqual([...SAFETY_ROUTES].sort());
    const registered = t.app.routeRecords.map((r) => `${r.method} ${r.url}`);
    expect(SAFETY_ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of TARGETS) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const id = yid(target);
            await restoreMatches();
            const child = rc.prep ? await rc.prep(id) : '';
            const before = await stateOf(id);
            const res = await rc.call(client(who), id, child);
            got[who] = res.statusCode;
            const sees = SEES[target].includes(who) && !(rc.hidden?.(target) ?? []).includes(who);
            want[who] = sees ? (rc.allowed.includes(who) ? rc.ok : 403) : 404;
            if (res.statusCode >= 400 && rc.mutates)
              expect(await stateOf(id), `${who} changed ${target}`).toEqual(before);
          }
          await restoreMatches();
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
        const [before] = await t.database.db.select().from(program).where(eq(program.id, w.orgA.tmProgramId));
        const res = await cc.call(client(who));
        got[who] = res.statusCode;
        want[who] = cc.override?.[who] ?? (cc.allowed.includes(who) ? (cc.ok ?? 200) : 403);
        if (res.statusCode >= 400) {
          const [now] = await t.database.db.select().from(program).where(eq(program.id, w.orgA.tmProgramId));
          expect(now, `${who} changed the program`).toEqual(before);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('lists show only the youth within reach', async () => {
    for (const target of TARGETS) await freshReport(yid(target));
    const ids = (items: { youthId: string }[]) => new Set(items.map((i) => i.youthId));
    expect(ids((await w.users.pm.get('/api/v1/mandated-reports')).json())).toEqual(new Set([yid('y1'), yid('y2')]));
    expect(ids((await w.users.admin.get('/api/v1/mandated-reports')).json())).toEqual(
      new Set([yid('y1'), yid('y2'), yid('y3')]),
    );
    expect(ids((await w.adminB.get('/api/v1/mandated-reports')).json())).toEqual(new Set([yid('yb')]));
    expect(ids((await w.users.m1.get('/api/v1/check-ins/latest')).json())).toEqual(new Set([yid('y1')]));
    expect(ids((await w.users.g.get('/api/v1/check-ins/latest')).json())).toEqual(new Set([yid('y1')]));
    for (const target of TARGETS) await freshFlag(yid(target));
    expect(ids((await w.users.pm.get('/api/v1/mentor-flags')).json())).toEqual(new Set([yid('y1'), yid('y2')]));
    await restoreMatches();
    const [y] = await t.database.db.select({ id: youth.id }).from(youth).where(eq(youth.userId, w.users.yu.userId));
    expect((await w.users.yu.get('/api/v1/me/youth-home')).json().youthId).toBe(y!.id);
  });
});
