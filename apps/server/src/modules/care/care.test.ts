import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, mentorAssignment, staffProfile, youth, youthHubClinician } from '../../db/schema.ts';
import { createTestApp, createUserClient, type TestApp } from '../../test/test-app.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { addMembership } from '../members/members-service.ts';
import {
  daysAgo,
  insertContact,
  insertEpisode,
  insertGoal,
  insertHubService,
  insertReferral,
  insertRuleSet,
  insertSupervision,
  localHoursAgo,
  orgToday,
} from './care-fixtures.ts';

let t: TestApp;
let w: World;
let cbhi: string;
let community: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  cbhi = (await insertRuleSet(t.database.db, w.orgA.id, w.orgA.tmProgramId, 'masshealth_cbhi_tm')).id;
  community = (await insertRuleSet(t.database.db, w.orgA.id, w.orgA.communityProgramId, 'community_tm')).id;
});
afterAll(async () => t?.close());

/** A fresh youth in org A, optionally matched with a mentor (the match started `matchDaysAgo` days ago). */
const addYouth = async (
  opts: { programId?: string; mentorUserId?: string; matchDaysAgo?: number; episode?: 'cbhi' | 'community' } = {},
) => {
  n += 1;
  const db = t.database.db;
  const [y] = await db
    .insert(youth)
    .values({
      organizationId: w.orgA.id,
      programId: opts.programId ?? w.orgA.tmProgramId,
      firstName: `Carefirst${n}`,
      lastName: `Carelast${n}`,
      dateOfBirth: '2012-05-05',
    })
    .returning();
  let matchId: string | null = null;
  if (opts.mentorUserId) {
    const [m] = await db
      .insert(mentorAssignment)
      .values({
        organizationId: w.orgA.id,
        mentorUserId: opts.mentorUserId,
        youthId: y!.id,
        // Midday UTC of the organization's calendar day, so the day is the same in New York whatever the hour or DST.
        startedAt: opts.matchDaysAgo ? new Date(`${daysAgo(opts.matchDaysAgo)}T12:00:00Z`) : new Date(),
      })
      .returning();
    matchId = m!.id;
  }
  const ep = opts.episode ? await insertEpisode(db, y!.id, opts.episode === 'cbhi' ? cbhi : community) : null;
  return { id: y!.id, matchId, episodeId: ep?.id ?? null };
};

const agreement = (mentorUserId: string, extra: Record<string, unknown> = {}) => ({
  mentorUserId,
  isPrimary: true,
  meetingFrequency: 'weekly',
  expectedDurationMonths: 9,
  agreementSignedOn: daysAgo(1),
  ...extra,
});

const setCapacity = async (userId: string, capacity: number | null) =>
  t.database.db
    .update(staffProfile)
    .set({ capacity })
    .where(and(eq(staffProfile.userId, userId), eq(staffProfile.organizationId, w.orgA.id)));

const auditCount = async (action: string, resourceId?: string) => {
  const [r] = await t.database.db
    .select({ n: count() })
    .from(auditEvent)
    .where(and(eq(auditEvent.action, action), resourceId ? eq(auditEvent.resourceId, resourceId) : undefined));
  return r?.n ?? 0;
};

describe('matches', () => {
  it('validates the match agreement and names each field', async () => {
    const y = await addYouth();
    const res = await w.users.pm.post(`/api/v1/youth/${y.id}/matches`, {
      isPrimary: 'yes',
      meetingFrequency: 'hourly',
      expectedDurationMonths: 0,
      agreementSignedOn: '2024-13-40',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(
      ['agreementSignedOn', 'expectedDurationMonths', 'isPrimary', 'meetingFrequency', 'mentorUserId'].sort(),
    );
  });

  it('refuses a mentor who does not hold the mentor role here, and an agreement signed in the future', async () => {
    const y = await addYouth();
    const notMentor = await w.users.pm.post(`/api/v1/youth/${y.id}/matches`, agreement(w.users.s1.userId));
    expect(notMentor.statusCode).toBe(400);
    expect(notMentor.json().error.fields).toHaveProperty('mentorUserId');
    const future = await w.users.pm.post(
      `/api/v1/youth/${y.id}/matches`,
      agreement(w.users.m1.userId, { agreementSignedOn: '2999-01-01' }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('agreementSignedOn');
  });

  it('creates a primary match linked to the open episode, audited, and the mentor reaches the youth', async () => {
    const y = await addYouth({ episode: 'cbhi' });
    const mentor = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    expect((await mentor.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(404);
    const id = randomUUID();
    const res = await w.users.pm.post(`/api/v1/youth/${y.id}/matches`, agreement(mentor.userId, { id }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id,
      status: 'active',
      isPrimary: true,
      episodeId: y.episodeId,
      meetingFrequency: 'weekly',
      expectedDurationMonths: 9,
      mentorName: mentor.email,
    });
    expect(await auditCount('match.created', id)).toBe(1);
    expect((await mentor.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(200);
    const list = await mentor.get(`/api/v1/youth/${y.id}/matches`);
    expect(list.json().map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it('keeps one active primary per youth; a second match must be secondary, and needs a primary', async () => {
    const y = await addYouth({ mentorUserId: w.users.m1.userId });
    const second = await w.users.pm.post(`/api/v1/youth/${y.id}/matches`, agreement(w.users.m2.userId));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('PRIMARY_MATCH_EXISTS');
    const same = await w.users.pm.post(
      `/api/v1/youth/${y.id}/matches`,
      agreement(w.users.m1.userId, { isPrimary: false }),
    );
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields).toHaveProperty('mentorUserId');
    const secondary = await w.users.pm.post(
      `/api/v1/youth/${y.id}/matches`,
      agreement(w.users.m2.userId, { isPrimary: false }),
    );
    expect(secondary.statusCode).toBe(201);
    const list = (await w.users.pm.get(`/api/v1/youth/${y.id}/matches`)).json();
    expect(list.map((m: { isPrimary: boolean }) => m.isPrimary)).toEqual([true, false]);

    const alone = await addYouth();
    const orphan = await w.users.pm.post(
      `/api/v1/youth/${alone.id}/matches`,
      agreement(w.users.m2.userId, { isPrimary: false }),
    );
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.fields).toHaveProperty('isPrimary');
  });

  it('respects mentor capacity (active and paused matches count) and names the numbers', async () => {
    const mentor = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const a = await addYouth();
    const b = await addYouth();
    await setCapacity(mentor.userId, 1);
    const first = await w.users.pm.post(`/api/v1/youth/${a.id}/matches`, agreement(mentor.userId));
    expect(first.statusCode).toBe(201);
    const paused = await w.users.pm.post(`/api/v1/matches/${first.json().id}/status`, {
      status: 'paused',
      version: first.json().version,
    });
    expect(paused.json().status).toBe('paused');
    const over = await w.users.pm.post(`/api/v1/youth/${b.id}/matches`, agreement(mentor.userId));
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'CAPACITY_REACHED', current: { caseload: 1, capacity: 1 } });
    expect(over.json().error.message).toContain('1');
    const [m] = await t.database.db
      .select({ n: count() })
      .from(mentorAssignment)
      .where(eq(mentorAssignment.youthId, b.id));
    expect(m?.n).toBe(0);
    await setCapacity(mentor.userId, 2);
    expect((await w.users.pm.post(`/api/v1/youth/${b.id}/matches`, agreement(mentor.userId))).statusCode).toBe(201);
  });

  it('pauses and resumes with the version; a stale version answers 409 with the current match', async () => {
    const y = await addYouth({ mentorUserId: w.users.m1.userId });
    const paused = await w.users.pm.post(`/api/v1/matches/${y.matchId}/status`, { status: 'paused', version: 1 });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', version: 2 });
    // A paused match keeps the mentor's access.
    expect((await w.users.m1.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(200);
    const stale = await w.users.pm.post(`/api/v1/matches/${y.matchId}/status`, { status: 'active', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ status: 'paused', version: 2 });
    const bad = await w.users.pm.post(`/api/v1/matches/${y.matchId}/status`, { status: 'closed', version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('status');
    expect(await auditCount('match.paused', y.matchId!)).toBe(1);
  });

  it('closing requires at least one reason; a closed match ends the mentor’s access and cannot change', async () => {
    const y = await addYouth({ mentorUserId: w.users.m2.userId });
    const none = await w.users.pm.post(`/api/v1/matches/${y.matchId}/close`, {
      closedOn: orgToday(),
      closureType: 'planned',
      reasons: [],
      checklist: [],
      version: 1,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toHaveProperty('reasons');
    const badItem = await w.users.pm.post(`/api/v1/matches/${y.matchId}/close`, {
      closedOn: orgToday(),
      closureType: 'sudden',
      reasons: ['moon_phase'],
      checklist: ['party'],
      version: 1,
    });
    expect(Object.keys(badItem.json().error.fields).sort()).toEqual(['checklist.0', 'closureType', 'reasons.0']);
    const future = await w.users.pm.post(`/api/v1/matches/${y.matchId}/close`, {
      closedOn: '2999-01-01',
      closureType: 'planned',
      reasons: ['goals_met'],
      version: 1,
    });
    expect(future.json().error.fields).toHaveProperty('closedOn');

    const closed = await w.users.pm.post(`/api/v1/matches/${y.matchId}/close`, {
      closedOn: orgToday(),
      closureType: 'unplanned',
      reasons: ['youth_moved', 'youth_moved'],
      checklist: ['youth_informed', 'hub_informed'],
      note: 'Family moved out of state',
      version: 1,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closureType: 'unplanned',
      closureReasons: ['youth_moved'],
      closureChecklist: ['youth_informed', 'hub_informed'],
      closedOn: orgToday(),
    });
    const [row] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.id, y.matchId!));
    expect(row?.active).toBe(false);
    expect((await w.users.m2.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(404);
    const again = await w.users.pm.post(`/api/v1/matches/${y.matchId}/status`, { status: 'active', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MATCH_CLOSED');
    const [audit] = await t.database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'match.closed'), eq(auditEvent.resourceId, y.matchId!)));
    // Codes and field names only: the note's text stays out of the audit trail.
    expect(JSON.stringify(audit?.detail)).not.toContain('Family moved');
  });

  it('re-matches in one transaction: a refused new match leaves the old one open', async () => {
    const y = await addYouth({ mentorUserId: w.users.m1.userId, episode: 'cbhi' });
    const full = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    await setCapacity(full.userId, 0);
    const body = (mentorUserId: string) => ({
      closedOn: orgToday(),
      checklist: ['mentor_debriefed'],
      version: 1,
      newMatch: {
        mentorUserId,
        meetingFrequency: 'biweekly',
        expectedDurationMonths: 6,
        agreementSignedOn: orgToday(),
      },
    });
    const refused = await w.users.pm.post(`/api/v1/matches/${y.matchId}/rematch`, body(full.userId));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CAPACITY_REACHED');
    const [still] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.id, y.matchId!));
    expect(still).toMatchObject({ active: true, status: 'active', version: 1 });
    expect(await auditCount('match.closed', y.matchId!)).toBe(0);

    const sameMentor = await w.users.pm.post(`/api/v1/matches/${y.matchId}/rematch`, body(w.users.m1.userId));
    expect(sameMentor.statusCode).toBe(400);
    expect(sameMentor.json().error.fields).toHaveProperty(['newMatch.mentorUserId']);

    const ok = await w.users.pm.post(`/api/v1/matches/${y.matchId}/rematch`, body(w.users.m2.userId));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().closed).toMatchObject({ status: 'closed', closureReasons: ['rematch'], closureType: 'planned' });
    expect(ok.json().opened).toMatchObject({
      status: 'active',
      isPrimary: true,
      mentorUserId: w.users.m2.userId,
      episodeId: y.episodeId,
      meetingFrequency: 'biweekly',
    });
    expect((await w.users.m1.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(404);
    expect((await w.users.m2.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(200);
  });

  it('lists matches for the program manager with filters, audited with the ids shown', async () => {
    const y = await addYouth({ mentorUserId: w.users.m2.userId });
    const res = await w.users.pm.get(`/api/v1/matches?mentorUserId=${w.users.m2.userId}&status=active&pageSize=100`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { youthId: string; mentorUserId: string; status: string; programId: string }[];
    expect(items.some((m) => m.youthId === y.id)).toBe(true);
    expect(items.every((m) => m.mentorUserId === w.users.m2.userId && m.status === 'active')).toBe(true);
    // The program manager's role covers the TM program only: y3 (community) is not listed.
    expect(items.some((m) => m.youthId === w.youth.y3.id)).toBe(false);
    expect(items.every((m) => m.programId === w.orgA.tmProgramId)).toBe(true);
    const bad = await w.users.pm.get('/api/v1/matches?status=finished');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('status');
  });

  it('shows mentor availability: caseload, capacity, open places, languages, supervisor', async () => {
    await t.database.db
      .update(staffProfile)
      .set({ languages: ['English', 'Spanish'], capacity: 12 })
      .where(eq(staffProfile.userId, w.users.m1.userId));
    const res = await w.users.pm.get('/api/v1/mentors/availability?language=spanish');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { userId: string; caseload: number; openPlaces: number; supervisorUserId: string }[];
    const m1 = list.find((m) => m.userId === w.users.m1.userId)!;
    const [load] = await t.database.db
      .select({ n: count() })
      .from(mentorAssignment)
      .where(and(eq(mentorAssignment.mentorUserId, w.users.m1.userId), eq(mentorAssignment.active, true)));
    expect(m1).toMatchObject({
      caseload: load!.n,
      capacity: 12,
      openPlaces: 12 - load!.n,
      supervisorUserId: w.users.s1.userId,
    });
    expect(list.some((m) => m.userId === w.users.m2.userId)).toBe(false);
    expect((await w.users.m1.get('/api/v1/mentors/availability')).statusCode).toBe(403);
  });
});

describe('goals', () => {
  const gas = { '-2': 'No days', '-1': '1-2 days', 0: '3 days', 1: '4 days', 2: 'Every day' };
  const goalBody = (extra: Record<string, unknown> = {}) => ({
    hubPlanGoal: 'Attend school 4 of 5 days',
    hubPlanGoalId: 'ICP-1',
    planType: 'icc_icp',
    planDate: daysAgo(40),
    familyAgreed: true,
    title: 'Go to school',
    specific: 'Attend school',
    measurable: 'Days attended per week',
    targetDate: daysAgo(-90),
    gasLevels: gas,
    weight: 3,
    ...extra,
  });

  it('needs an open episode', async () => {
    const y = await addYouth();
    const res = await w.users.pm.post(`/api/v1/youth/${y.id}/goals`, goalBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NO_OPEN_EPISODE');
  });

  it('validates and names fields (GAS levels each need a description, weight 1–10)', async () => {
    const y = await addYouth({ episode: 'cbhi' });
    const res = await w.users.pm.post(
      `/api/v1/youth/${y.id}/goals`,
      goalBody({ weight: 11, planType: 'wish_list', gasLevels: { '-2': 'x' }, title: '' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = Object.keys(res.json().error.fields);
    expect(fields).toEqual(expect.arrayContaining(['weight', 'planType', 'title', 'gasLevels.-1', 'gasLevels.2']));
  });

  it('adds a goal from the hub plan with the hub clinician as owner; unagreed goals are allowed and flagged', async () => {
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    await t.database.db
      .insert(youthHubClinician)
      .values({ organizationId: w.orgA.id, youthId: y.id, userId: w.users.hub.userId });
    await insertReferral(t.database.db, y.id, { referredByUserId: w.users.hub.userId });
    const before = (await w.users.pm.get(`/api/v1/youth/${y.id}/goals`)).json();
    expect(before.openEpisodeId).toBe(y.episodeId);
    expect(before.hubPlanGoals.map((p: { text: string; used: boolean }) => [p.text, p.used])).toEqual([
      ['Attend school 4 of 5 days', false],
      ['Use a coping skill when upset', false],
    ]);
    const res = await w.users.pm.post(`/api/v1/youth/${y.id}/goals`, goalBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      episodeId: y.episodeId,
      ownerUserId: w.users.hub.userId,
      gasLevels: gas,
      weight: 3,
      status: 'active',
      familyAgreed: true,
    });
    const unagreed = await w.users.pm.post(
      `/api/v1/youth/${y.id}/goals`,
      goalBody({
        hubPlanGoal: 'Use a coping skill when upset',
        hubPlanGoalId: null,
        familyAgreed: false,
        gasLevels: null,
      }),
    );
    expect(unagreed.statusCode).toBe(201);
    expect(unagreed.json()).toMatchObject({ familyAgreed: false, gasLevels: null, weight: 3 });
    const after = (await w.users.pm.get(`/api/v1/youth/${y.id}/goals`)).json();
    expect(after.items).toHaveLength(2);
    expect(after.hubPlanGoals.every((p: { used: boolean }) => p.used)).toBe(true);
    // The hub clinician reaches the goals of youth they referred, read only.
    expect((await w.users.hub.get(`/api/v1/youth/${y.id}/goals`)).statusCode).toBe(200);
  });

  it('edits with the version, rates progress on active goals only, and lists progress newest first', async () => {
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    const g = (await w.users.pm.post(`/api/v1/youth/${y.id}/goals`, goalBody())).json();
    const edited = await w.users.s1.patch(`/api/v1/goals/${g.id}`, {
      version: g.version,
      weight: 5,
      familyAgreed: false,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ weight: 5, familyAgreed: false, version: 2 });
    const stale = await w.users.pm.patch(`/api/v1/goals/${g.id}`, { version: 1, weight: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ weight: 5 });
    // Mentors rate progress but do not edit goals.
    expect((await w.users.m1.patch(`/api/v1/goals/${g.id}`, { version: 2, weight: 1 })).statusCode).toBe(403);

    const tooHigh = await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: orgToday(), level: 3 });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.fields).toHaveProperty('level');
    const future = await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: '2999-01-01', level: 0 });
    expect(future.json().error.fields).toHaveProperty('ratedOn');
    expect(
      (await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: daysAgo(14), level: -1 })).statusCode,
    ).toBe(201);
    const latest = await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, {
      ratedOn: daysAgo(7),
      level: 1,
      note: 'Better',
    });
    expect(latest.json()).toMatchObject({ level: 1, ratedBy: w.users.m1.userId, note: 'Better' });
    const list = (await w.users.m1.get(`/api/v1/goals/${g.id}/progress`)).json();
    expect(list.map((p: { level: number }) => p.level)).toEqual([1, -1]);
    const goals = (await w.users.m1.get(`/api/v1/youth/${y.id}/goals`)).json();
    expect(goals.items[0]).toMatchObject({ latestLevel: 1, latestRatedOn: daysAgo(7) });
    // Only those who add goals are offered the hub plan and the open episode.
    expect(goals.openEpisodeId).toBeNull();

    const met = await w.users.pm.patch(`/api/v1/goals/${g.id}`, { version: 2, status: 'met' });
    expect(met.json().status).toBe('met');
    const closed = await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: orgToday(), level: 2 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('GOAL_NOT_ACTIVE');
  });

  it('lets the referring hub clinician read goals and progress but not change them', async () => {
    const ep = await insertEpisode(t.database.db, w.youth.y1.id, cbhi);
    const g = await insertGoal(t.database.db, w.youth.y1.id, ep.id, { ownerUserId: w.users.hub.userId });
    expect((await w.users.hub.get(`/api/v1/youth/${w.youth.y1.id}/goals`)).statusCode).toBe(200);
    expect((await w.users.hub.get(`/api/v1/goals/${g.id}/progress`)).statusCode).toBe(200);
    expect((await w.users.hub.patch(`/api/v1/goals/${g.id}`, { version: 1, weight: 2 })).statusCode).toBe(403);
    expect(
      (await w.users.hub.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: orgToday(), level: 0 })).statusCode,
    ).toBe(403);
  });
});

describe('hub contacts', () => {
  it('logs a hub contact with goals discussed, validated, and lists it newest first', async () => {
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    const other = await addYouth({ episode: 'cbhi' });
    const db = t.database.db;
    const g = await insertGoal(db, y.id, y.episodeId!);
    const foreign = await insertGoal(db, other.id, other.episodeId!);
    const hub = await insertHubService(db, y.id, null);
    const invalid = await w.users.m1.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: 'yesterday',
      mode: 'pigeon',
      summary: '',
    });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().error.fields).sort()).toEqual(['contactOn', 'mode', 'summary']);
    const wrongGoal = await w.users.m1.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: daysAgo(1),
      mode: 'phone',
      summary: 'Weekly check-in with the care coordinator',
      goalIds: [foreign.id],
    });
    expect(wrongGoal.statusCode).toBe(400);
    expect(wrongGoal.json().error.fields).toHaveProperty('goalIds');
    const first = await w.users.m1.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: daysAgo(8),
      mode: 'team_meeting',
      participants: 'ICC, mentor, guardian',
      summary: 'Care planning team meeting',
      goalIds: [g.id],
      durationMinutes: 45,
      hubServiceId: hub.id,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      goalIds: [g.id],
      durationMinutes: 45,
      hubServiceId: hub.id,
      loggedBy: w.users.m1.userId,
    });
    await w.users.m1.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: daysAgo(1),
      mode: 'phone',
      summary: 'Weekly check-in',
    });
    const list = (await w.users.m1.get(`/api/v1/youth/${y.id}/hub-contacts`)).json();
    expect(list.map((h: { contactOn: string }) => h.contactOn)).toEqual([daysAgo(1), daysAgo(8)]);
    expect(await auditCount('hub_contact.listed', y.id)).toBe(1);
  });
});

describe('timers', () => {
  const timersOf = async (youthId: string) => {
    const res = await w.users.admin.get(`/api/v1/youth/${youthId}/timers`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const addHubContact = (youthId: string, contactOn: string) =>
    w.users.pm.post(`/api/v1/youth/${youthId}/hub-contacts`, { contactOn, mode: 'phone', summary: 'Check-in' });

  it('hub contact: due on the interval day, overdue the day after; counted from admission when none', async () => {
    const onDue = await addYouth({ episode: 'cbhi' });
    const late = await addYouth({ episode: 'cbhi' });
    await addHubContact(onDue.id, daysAgo(7));
    await addHubContact(late.id, daysAgo(8));
    expect((await timersOf(onDue.id)).hubContact).toMatchObject({
      applicable: true,
      lastOn: daysAgo(7),
      intervalDays: 7,
      due: orgToday(),
      daysSince: 7,
      overdue: false,
    });
    expect((await timersOf(late.id)).hubContact).toMatchObject({ daysSince: 8, overdue: true });
    expect((await timersOf(late.id)).overdue).toContain('hubContact');
    // Never contacted: counted from admission (60 days ago in the fixture).
    const never = await addYouth({ episode: 'cbhi' });
    expect((await timersOf(never.id)).hubContact).toMatchObject({ lastOn: null, due: daysAgo(53), overdue: true });
    // A community program has no hub-contact interval, and no CANS.
    const comm = await addYouth({ episode: 'community', programId: w.orgA.communityProgramId });
    const ct = await timersOf(comm.id);
    expect(ct.hubContact).toMatchObject({ applicable: false, overdue: false });
    expect(ct.cans).toMatchObject({ applicable: false, overdue: false });
  });

  it('CANS: 90 days old is still current, 91 is overdue; none at all is overdue', async () => {
    const current = await addYouth({ episode: 'cbhi' });
    const stale = await addYouth({ episode: 'cbhi' });
    const none = await addYouth({ episode: 'cbhi' });
    await insertReferral(t.database.db, current.id, { lastCansOn: daysAgo(200) });
    await insertReferral(t.database.db, current.id, { lastCansOn: daysAgo(90) });
    await insertReferral(t.database.db, stale.id, { lastCansOn: daysAgo(91) });
    expect((await timersOf(current.id)).cans).toMatchObject({ lastOn: daysAgo(90), due: orgToday(), overdue: false });
    expect((await timersOf(stale.id)).cans).toMatchObject({ lastOn: daysAgo(91), overdue: true });
    expect((await timersOf(none.id)).cans).toMatchObject({ lastOn: null, overdue: true });
  });

  it('unsigned notes: a draft is overdue once 48 hours have passed since the contact ended', async () => {
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    const db = t.database.db;
    const within = localHoursAgo(47);
    const past = localHoursAgo(49);
    await insertContact(db, y.id, w.users.m1.userId, {
      status: 'completed',
      date: within.date,
      startTime: null,
      endTime: within.time,
      ruleSetId: cbhi,
    });
    await insertContact(db, y.id, w.users.m1.userId, {
      status: 'completed',
      noteStatus: 'returned',
      date: past.date,
      startTime: null,
      endTime: past.time,
      episodeId: y.episodeId,
    });
    // Signed notes and scheduled visits do not count.
    await insertContact(db, y.id, w.users.m1.userId, { status: 'completed', noteStatus: 'signed', date: daysAgo(9) });
    await insertContact(db, y.id, w.users.m1.userId, { status: 'scheduled', date: orgToday() });
    const timers = await timersOf(y.id);
    expect(timers.unsignedNotes).toEqual({ count: 2, overdue: 1, oldestContactOn: past.date });
    expect(timers.overdue).toContain('unsignedNotes');
  });

  it('supervision: the latest signed session including the mentor, within the interval', async () => {
    const db = t.database.db;
    const onTime = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const late = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const a = await addYouth({ episode: 'cbhi', mentorUserId: onTime.userId });
    const b = await addYouth({ episode: 'cbhi', mentorUserId: late.userId });
    await insertSupervision(db, w.orgA.id, w.users.s1.userId, [onTime.userId, w.users.m2.userId], daysAgo(7));
    await insertSupervision(db, w.orgA.id, w.users.s1.userId, [late.userId], daysAgo(8));
    // An unsigned session does not count.
    await insertSupervision(db, w.orgA.id, w.users.s1.userId, [late.userId], daysAgo(1), false);
    expect((await timersOf(a.id)).supervision).toMatchObject({
      lastOn: daysAgo(7),
      intervalDays: 7,
      overdue: false,
      mentorUserId: onTime.userId,
    });
    expect((await timersOf(b.id)).supervision).toMatchObject({ lastOn: daysAgo(8), overdue: true });
  });

  it('match support: a guardian check-in since the match started, within the interval', async () => {
    const db = t.database.db;
    const fresh = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId, matchDaysAgo: 30 });
    const onDue = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId, matchDaysAgo: 90 });
    const late = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId, matchDaysAgo: 90 });
    const checkIn = (youthId: string, date: string) =>
      insertContact(db, youthId, w.users.m2.userId, {
        kind: 'collateral',
        collateralWith: 'guardian',
        status: 'completed',
        noteStatus: 'signed',
        date,
      });
    await checkIn(onDue.id, daysAgo(30));
    await checkIn(late.id, daysAgo(31));
    // Check-ins with the school do not count.
    await insertContact(db, late.id, w.users.m2.userId, {
      kind: 'collateral',
      collateralWith: 'school',
      status: 'completed',
      date: daysAgo(2),
    });
    expect((await timersOf(fresh.id)).matchSupport).toMatchObject({ lastOn: null, due: orgToday(), overdue: false });
    expect((await timersOf(onDue.id)).matchSupport).toMatchObject({ lastOn: daysAgo(30), overdue: false });
    expect((await timersOf(late.id)).matchSupport).toMatchObject({ lastOn: daysAgo(31), overdue: true });
  });

  it('a youth with no open episode has no applicable timer', async () => {
    const y = await addYouth({ mentorUserId: w.users.m1.userId });
    const timers = await timersOf(y.id);
    expect(timers).toMatchObject({ episodeId: null, overdue: [] });
    expect(timers.hubContact.applicable).toBe(false);
    expect((await w.users.hub.get(`/api/v1/youth/${w.youth.y1.id}/timers`)).statusCode).toBe(403);
  });
});

describe('dashboards', () => {
  it('today: the mentor’s visits today, overdue notes and youth needing attention, audited', async () => {
    const mentor = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const y = await addYouth({ episode: 'cbhi', mentorUserId: mentor.userId });
    const db = t.database.db;
    const visit = await insertContact(db, y.id, mentor.userId, {
      date: orgToday(),
      startTime: '16:00',
      endTime: '17:00',
    });
    await insertContact(db, y.id, mentor.userId, { date: daysAgo(1) });
    const old = await insertContact(db, y.id, mentor.userId, {
      status: 'completed',
      date: daysAgo(5),
      ruleSetId: cbhi,
    });
    const res = await mentor.get('/api/v1/dashboard/today');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe(orgToday());
    expect(body.visits.map((v: { contactId: string }) => v.contactId)).toEqual([visit.id]);
    expect(body.overdueNotes.map((v: { contactId: string }) => v.contactId)).toEqual([old.id]);
    expect(body.attention).toEqual([
      expect.objectContaining({
        youthId: y.id,
        overdue: expect.arrayContaining(['hubContact', 'cans', 'unsignedNotes']),
      }),
    ]);
    const [audit] = await db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'dashboard.today.viewed'), eq(auditEvent.actorUserId, mentor.userId)));
    expect(audit?.detail).toEqual({ youth: [y.id] });
    expect((await w.users.pm.get('/api/v1/dashboard/today')).statusCode).toBe(403);
  });

  it('caseload: each youth with next visit, last contact and timers', async () => {
    const mentor = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const y = await addYouth({ episode: 'cbhi', mentorUserId: mentor.userId });
    const db = t.database.db;
    await insertContact(db, y.id, mentor.userId, { status: 'completed', noteStatus: 'signed', date: daysAgo(3) });
    await insertContact(db, y.id, mentor.userId, { date: daysAgo(-2), startTime: '10:00' });
    await insertContact(db, y.id, mentor.userId, { date: daysAgo(-9) });
    const res = await mentor.get('/api/v1/dashboard/caseload');
    expect(res.json().items).toEqual([
      expect.objectContaining({
        youthId: y.id,
        matchStatus: 'active',
        isPrimary: true,
        lastContactOn: daysAgo(3),
        nextVisitOn: daysAgo(-2),
        nextVisitTime: '10:00',
        timers: expect.objectContaining({ youthId: y.id }),
      }),
    ]);
  });

  it('team: each supervisee with caseload, unsigned and late notes, awaiting review, supervision', async () => {
    const db = t.database.db;
    const supervisor = await createUserClient(t, w.orgA.id, [{ role: 'supervisor' }]);
    const mentor = await createUserClient(t, w.orgA.id, [{ role: 'mentor' }]);
    const { supervisionAssignment } = await import('../../db/schema.ts');
    await db
      .insert(supervisionAssignment)
      .values({ organizationId: w.orgA.id, supervisorUserId: supervisor.userId, mentorUserId: mentor.userId });
    const y = await addYouth({ episode: 'cbhi', mentorUserId: mentor.userId });
    await insertContact(db, y.id, mentor.userId, { status: 'completed', date: daysAgo(5) });
    await insertContact(db, y.id, mentor.userId, { status: 'completed', date: orgToday(), endTime: '23:59' });
    await insertContact(db, y.id, mentor.userId, {
      status: 'completed',
      noteStatus: 'signed',
      reviewRequired: 'approve',
      date: daysAgo(2),
    });
    await insertSupervision(db, w.orgA.id, supervisor.userId, [mentor.userId], daysAgo(3));
    const res = await supervisor.get('/api/v1/dashboard/team');
    expect(res.statusCode).toBe(200);
    expect(res.json().members).toEqual([
      expect.objectContaining({
        mentorUserId: mentor.userId,
        caseload: 1,
        unsignedNotes: 2,
        lateNotes: 1,
        awaitingReview: 1,
        supervision: expect.objectContaining({ lastOn: daysAgo(3), overdue: false, intervalDays: 7 }),
        youthOverdue: [expect.objectContaining({ youthId: y.id })],
      }),
    ]);
    expect((await w.users.m1.get('/api/v1/dashboard/team')).statusCode).toBe(403);
  });

  it('compliance: a row per youth in service with each timer, totals, program filter, audited', async () => {
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    await w.users.pm.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: daysAgo(1),
      mode: 'phone',
      summary: 'ok',
    });
    const res = await w.users.pm.get(`/api/v1/dashboard/compliance?programId=${w.orgA.tmProgramId}`);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const row = board.rows.find((r: { youthId: string }) => r.youthId === y.id);
    expect(row).toMatchObject({ mentorUserId: w.users.m1.userId, mentorName: w.users.m1.email });
    expect(row.timers.hubContact.overdue).toBe(false);
    expect(board.totals.youth).toBe(board.rows.length);
    expect(board.totals.cans).toBe(
      board.rows.filter((r: { timers: { cans: { overdue: boolean } } }) => r.timers.cans.overdue).length,
    );
    expect(board.rows.every((r: { programId: string }) => r.programId === w.orgA.tmProgramId)).toBe(true);
    // The program manager's programs only: nothing from the community program, even when asked.
    const other = (await w.users.pm.get(`/api/v1/dashboard/compliance?programId=${w.orgA.communityProgramId}`)).json();
    expect(other.rows).toEqual([]);
    const [audit] = await t.database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'dashboard.compliance.viewed'), eq(auditEvent.actorUserId, w.users.pm.userId)));
    expect((audit!.detail as { youth: string[] }).youth).toContain(y.id);
    expect((await w.users.s1.get('/api/v1/dashboard/compliance')).statusCode).toBe(403);
  });

  it('matches: active and paused matches, and admitted youth waiting for a match', async () => {
    const waiting = await addYouth({ episode: 'cbhi' });
    const matched = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId });
    await w.users.pm.post(`/api/v1/matches/${matched.matchId}/status`, { status: 'paused', version: 1 });
    const res = await w.users.pm.get('/api/v1/dashboard/matches');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.waiting.map((x: { youthId: string }) => x.youthId)).toContain(waiting.id);
    expect(body.waiting.map((x: { youthId: string }) => x.youthId)).not.toContain(matched.id);
    expect(body.waiting.find((x: { youthId: string }) => x.youthId === waiting.id).daysWaiting).toBe(60);
    expect(body.matches.find((m: { id: string }) => m.id === matched.matchId).status).toBe('paused');
  });
});

describe('timeline', () => {
  it('lists everything newest first, paginated, each kind only to those who may read it', async () => {
    const db = t.database.db;
    const y = await addYouth({ episode: 'cbhi', mentorUserId: w.users.m1.userId, matchDaysAgo: 20 });
    await db.insert(youthHubClinician).values({ organizationId: w.orgA.id, youthId: y.id, userId: w.users.hub.userId });
    await insertReferral(db, y.id);
    const g = (
      await w.users.pm.post(`/api/v1/youth/${y.id}/goals`, {
        hubPlanGoal: 'Attend school',
        planType: 'icc_icp',
        familyAgreed: true,
        title: 'School',
      })
    ).json();
    await w.users.m1.post(`/api/v1/goals/${g.id}/progress`, { ratedOn: daysAgo(2), level: 1 });
    await insertContact(db, y.id, w.users.m1.userId, { status: 'completed', noteStatus: 'signed', date: daysAgo(3) });
    await w.users.m1.post(`/api/v1/youth/${y.id}/hub-contacts`, {
      contactOn: daysAgo(4),
      mode: 'video',
      summary: 'ok',
    });
    const res = await w.users.pm.get(`/api/v1/youth/${y.id}/timeline?pageSize=100`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; on: string; level: number | null; noteStatus: string | null }[];
    expect(items.map((i) => i.kind)).toEqual([
      'goal',
      'referral',
      'goal_progress',
      'contact',
      'hub_contact',
      'match_started',
      'admission',
    ]);
    expect(items.map((i) => i.on)).toEqual([...items.map((i) => i.on)].sort().reverse());
    expect(items.find((i) => i.kind === 'goal_progress')?.level).toBe(1);
    expect(items.find((i) => i.kind === 'contact')?.noteStatus).toBe('signed');
    const page2 = (await w.users.pm.get(`/api/v1/youth/${y.id}/timeline?pageSize=3&page=2`)).json();
    expect(page2).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(page2.items.map((i: { kind: string }) => i.kind)).toEqual(['contact', 'hub_contact', 'match_started']);
    // The hub clinician is on the care team but does not read contact notes.
    const hub = (await w.users.hub.get(`/api/v1/youth/${y.id}/timeline?pageSize=100`)).json();
    expect(hub.items.map((i: { kind: string }) => i.kind)).not.toContain('contact');
    expect(hub.items.map((i: { kind: string }) => i.kind)).toContain('hub_contact');
    expect((await w.users.g.get(`/api/v1/youth/${w.youth.y1.id}/timeline`)).statusCode).toBe(403);
    expect(await auditCount('timeline.viewed', y.id)).toBe(3);
  });
});

describe('membership edge', () => {
  it('a mentor role in another organization does not count', async () => {
    const y = await addYouth();
    const outsider = await createUserClient(t, w.orgB.id, [{ role: 'mentor' }]);
    await addMembership(t.database.db, w.orgA.id, outsider.userId, 'hub_clinician', null);
    const res = await w.users.pm.post(`/api/v1/youth/${y.id}/matches`, agreement(outsider.userId));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('mentorUserId');
  });
});
