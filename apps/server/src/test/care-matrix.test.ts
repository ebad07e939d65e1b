import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser } from '../auth/accounts.ts';
import { episode, goal, goalProgress, hubContact, mentorAssignment } from '../db/schema.ts';
import { daysAgo, insertEpisode, insertGoal, insertRuleSet, orgToday } from '../modules/care/care-fixtures.ts';
import { addMembership } from '../modules/members/members-service.ts';
import { CASE_STAFF, clientOf, EVERYONE, MANAGERS, SEES, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { CARE_ROUTES } from './matrix/care-routes.ts';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * The care area's routes × every role × relationship (same caseload, another mentor's caseload, another program,
 * another organization), with expectations written out by hand; refused changes must change nothing.
 */
let t: TestApp;
let w: World;
/** Matrix mentors: `mx` takes new matches and re-matches, `my` holds the matches that get changed. */
let mx: string;
let my: string;
/** A mentor of organization B only. */
let mb: string;

/** Case team: staff working the case plus the referring hub clinician. */
const CASE_TEAM: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'];
const GOAL_EDITORS: Who[] = ['admin', 'pm', 's1', 's2', 'adminB'];
const GOAL_READERS: Who[] = EVERYONE;

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;
const orgOf = (youthId: string) => (youthId === yid('yb') ? w.orgB.id : w.orgA.id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const db = t.database.db;
  mx = await createPasswordUser(db, { email: 'mx@test.mentorbridge.org', name: 'Matrix X', password: TEST_PASSWORD });
  my = await createPasswordUser(db, { email: 'my@test.mentorbridge.org', name: 'Matrix Y', password: TEST_PASSWORD });
  mb = await createPasswordUser(db, { email: 'mb@test.mentorbridge.org', name: 'Mentor B', password: TEST_PASSWORD });
  for (const org of [w.orgA.id, w.orgB.id]) {
    await addMembership(db, org, mx, 'mentor', null);
    await addMembership(db, org, my, 'mentor', null);
  }
  await addMembership(db, w.orgB.id, mb, 'mentor', null);
  // yb gets a primary match in its own organization, like the others.
  await db.insert(mentorAssignment).values({ organizationId: w.orgB.id, mentorUserId: mb, youthId: yid('yb') });
  const rules = {
    [w.orgA.tmProgramId]: (await insertRuleSet(db, w.orgA.id, w.orgA.tmProgramId)).id,
    [w.orgA.communityProgramId]: (await insertRuleSet(db, w.orgA.id, w.orgA.communityProgramId, 'community_tm')).id,
    [w.orgB.tmProgramId]: (await insertRuleSet(db, w.orgB.id, w.orgB.tmProgramId)).id,
  };
  for (const target of TARGETS) await insertEpisode(db, yid(target), rules[w.youth[target].programId]!);
});
afterAll(async () => t?.close());

const stateOf = async (youthId: string) => {
  const db = t.database.db;
  const [m] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${mentorAssignment.version}), 0)::int` })
    .from(mentorAssignment)
    .where(eq(mentorAssignment.youthId, youthId));
  const [g] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${goal.version}), 0)::int` })
    .from(goal)
    .where(eq(goal.youthId, youthId));
  const [p] = await db
    .select({ n: count() })
    .from(goalProgress)
    .innerJoin(goal, eq(goal.id, goalProgress.goalId))
    .where(eq(goal.youthId, youthId));
  const [h] = await db.select({ n: count() }).from(hubContact).where(eq(hubContact.youthId, youthId));
  return { matches: m, goals: g, progress: p?.n, hubContacts: h?.n };
};

/** Closes the matrix mentors' open matches on a youth, so each case starts from the same state. */
const resetMatrixMatches = async (youthId: string) => {
  await t.database.db
    .update(mentorAssignment)
    .set({ active: false, status: 'closed' })
    .where(and(eq(mentorAssignment.youthId, youthId), inArray(mentorAssignment.mentorUserId, [mx, my])));
};
/** A fresh secondary match with `my` on the youth. */
const freshMatch = async (youthId: string) => {
  await resetMatrixMatches(youthId);
  const [m] = await t.database.db
    .insert(mentorAssignment)
    .values({
      organizationId: orgOf(youthId),
      mentorUserId: my,
      youthId,
      isPrimary: false,
      agreementSignedOn: daysAgo(30),
    })
    .returning();
  return m!.id;
};
const freshGoal = async (youthId: string) => {
  const [e] = await t.database.db.select({ id: episode.id }).from(episode).where(eq(episode.youthId, youthId));
  return (await insertGoal(t.database.db, youthId, e!.id)).id;
};
const agreement = {
  meetingFrequency: 'weekly',
  expectedDurationMonths: 9,
  agreementSignedOn: daysAgo(1),
};

type RecordCase = {
  route: string;
  allowed: Who[];
  ok: number;
  mutates: boolean;
  prep?: (youthId: string) => Promise<string>;
  call: (c: Client, youthId: string, childId: string) => Promise<{ statusCode: number; body: string }>;
};

const RECORD_CASES: RecordCase[] = [
  {
    route: 'GET /api/v1/youth/:id/matches',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/matches`),
  },
  {
    route: 'POST /api/v1/youth/:id/matches',
    allowed: MANAGERS,
    ok: 201,
    mutates: true,
    prep: async (id) => {
      await resetMatrixMatches(id);
      return '';
    },
    call: (c, id) => c.post(`/api/v1/youth/${id}/matches`, { ...agreement, mentorUserId: mx, isPrimary: false }),
  },
  {
    route: 'POST /api/v1/matches/:matchId/status',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: freshMatch,
    call: (c, _id, match) => c.post(`/api/v1/matches/${match}/status`, { status: 'paused', version: 1 }),
  },
  {
    route: 'POST /api/v1/matches/:matchId/close',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: freshMatch,
    call: (c, _id, match) =>
      c.post(`/api/v1/matches/${match}/close`, {
        closedOn: orgToday(),
        closureType: 'planned',
        reasons: ['goals_met'],
        checklist: ['closure_meeting_held'],
        version: 1,
      }),
  },
  {
    route: 'POST /api/v1/matches/:matchId/rematch',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: freshMatch,
    call: (c, _id, match) =>
      c.post(`/api/v1/matches/${match}/rematch`, {
        closedOn: orgToday(),
        version: 1,
        newMatch: { ...agreement, mentorUserId: mx },
      }),
  },
  {
    route: 'GET /api/v1/youth/:id/goals',
    allowed: GOAL_READERS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/goals`),
  },
  {
    route: 'POST /api/v1/youth/:id/goals',
    allowed: GOAL_EDITORS,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/goals`, {
        hubPlanGoal: 'Attend school',
        planType: 'icc_icp',
        familyAgreed: true,
        title: 'School',
      }),
  },
  {
    route: 'PATCH /api/v1/goals/:goalId',
    allowed: GOAL_EDITORS,
    ok: 200,
    mutates: true,
    prep: freshGoal,
    call: (c, _id, g) => c.patch(`/api/v1/goals/${g}`, { version: 1, weight: 4 }),
  },
  {
    route: 'GET /api/v1/goals/:goalId/progress',
    allowed: GOAL_READERS,
    ok: 200,
    mutates: false,
    prep: freshGoal,
    call: (c, _id, g) => c.get(`/api/v1/goals/${g}/progress`),
  },
  {
    route: 'POST /api/v1/goals/:goalId/progress',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    prep: freshGoal,
    call: (c, _id, g) => c.post(`/api/v1/goals/${g}/progress`, { ratedOn: orgToday(), level: 1 }),
  },
  {
    route: 'GET /api/v1/youth/:id/hub-contacts',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/hub-contacts`),
  },
  {
    route: 'POST /api/v1/youth/:id/hub-contacts',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/hub-contacts`, { contactOn: orgToday(), mode: 'phone', summary: 'Weekly call' }),
  },
  {
    route: 'GET /api/v1/youth/:id/timers',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/timers`),
  },
  {
    route: 'GET /api/v1/youth/:id/timeline',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/timeline`),
  },
];

const COLLECTION_CASES: { route: string; allowed: Who[]; call: (c: Client) => Promise<{ statusCode: number }> }[] = [
  { route: 'GET /api/v1/matches', allowed: CASE_TEAM, call: (c) => c.get('/api/v1/matches') },
  { route: 'GET /api/v1/mentors/availability', allowed: MANAGERS, call: (c) => c.get('/api/v1/mentors/availability') },
  { route: 'GET /api/v1/dashboard/today', allowed: ['m1', 'm2'], call: (c) => c.get('/api/v1/dashboard/today') },
  { route: 'GET /api/v1/dashboard/caseload', allowed: ['m1', 'm2'], call: (c) => c.get('/api/v1/dashboard/caseload') },
  { route: 'GET /api/v1/dashboard/team', allowed: ['s1', 's2'], call: (c) => c.get('/api/v1/dashboard/team') },
  {
    route: 'GET /api/v1/dashboard/compliance',
    allowed: MANAGERS,
    call: (c) => c.get('/api/v1/dashboard/compliance'),
  },
  { route: 'GET /api/v1/dashboard/matches', allowed: MANAGERS, call: (c) => c.get('/api/v1/dashboard/matches') },
];

describe('care access matrix', () => {
  it('walks every care route', () => {
    const walked = [...RECORD_CASES, ...COLLECTION_CASES].map((c) => c.route).sort();
    expect(walked).toEqual([...CARE_ROUTES].sort());
    const registered = t.app.routeRecords.map((r) => `${r.method} ${r.url}`);
    expect(CARE_ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of TARGETS) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const id = yid(target);
            const child = rc.prep ? await rc.prep(id) : '';
            const before = await stateOf(id);
            const res = await rc.call(client(who), id, child);
            got[who] = res.statusCode;
            want[who] = SEES[target].includes(who) ? (rc.allowed.includes(who) ? rc.ok : 403) : 404;
            if (res.statusCode >= 400 && rc.mutates)
              expect(await stateOf(id), `${who} changed ${target}`).toEqual(before);
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

  it('lists exactly the matches of the youth each role may see', async () => {
    const base = new Set(TARGETS.map(yid));
    for (const who of CASE_TEAM) {
      const res = await client(who).get('/api/v1/matches?pageSize=100');
      const seen = [...new Set((res.json().items as { youthId: string }[]).map((m) => m.youthId))]
        .filter((id) => base.has(id))
        .sort();
      const want = TARGETS.filter((tg) => SEES[tg].includes(who))
        .map(yid)
        .sort();
      expect(seen, who).toEqual(want);
    }
  });

  it('dashboards show only the youth within reach', async () => {
    const ids = (items: { youthId: string }[]) => new Set(items.map((i) => i.youthId));
    const m1 = (await w.users.m1.get('/api/v1/dashboard/caseload')).json();
    expect(ids(m1.items)).toEqual(new Set([yid('y1')]));
    const pm = (await w.users.pm.get('/api/v1/dashboard/compliance')).json();
    expect(ids(pm.rows)).toEqual(new Set([yid('y1'), yid('y2')]));
    const admin = (await w.users.admin.get('/api/v1/dashboard/compliance')).json();
    expect(ids(admin.rows)).toEqual(new Set([yid('y1'), yid('y2'), yid('y3')]));
    const adminB = (await w.adminB.get('/api/v1/dashboard/compliance')).json();
    expect(ids(adminB.rows)).toEqual(new Set([yid('yb')]));
    const s1 = (await w.users.s1.get('/api/v1/dashboard/team')).json();
    expect(s1.members.map((m: { mentorUserId: string }) => m.mentorUserId)).toEqual([w.users.m1.userId]);
    // Mentors of another organization are not offered.
    const avail = (await w.users.admin.get('/api/v1/mentors/availability')).json();
    expect(avail.map((m: { userId: string }) => m.userId)).not.toContain(mb);
    expect(avail.map((m: { userId: string }) => m.userId)).toContain(mx);
  });
});
