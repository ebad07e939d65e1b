import { addDays, calendarDate, RULE_SET_PRESETS } from '@mentorbridge/core';
import { eq, inArray } from 'drizzle-orm';
import {
  consent,
  contact,
  episode,
  goal,
  hubService,
  mentorClearance,
  programRuleSet,
  staffProfile,
} from '../../db/schema.ts';
import type { Client, TestApp } from '../../test/test-app.ts';
import { buildWorld } from '../../test/world.ts';

/** Today in the test organizations' time zone (the default, America/New_York). */
export const orgToday = () => calendarDate(new Date(), 'America/New_York');
export const daysAgo = (n: number) => addDays(orgToday(), -n);

/**
 * The access-matrix world plus what the notes gates need, inserted directly (the intake and care areas own these
 * rows): rule sets for every program, an episode with guardian agreement, an active hub and goals for y1 and y2 (TM
 * program) and y3 (community program), licensed supervisors and cleared mentors.
 */
export const buildNotesWorld = async (t: TestApp) => {
  const w = await buildWorld(t);
  const db = t.database.db;
  const { orgA, orgB, users } = w;
  const [tmRules, communityRules, tmRulesB] = await db
    .insert(programRuleSet)
    .values([
      {
        organizationId: orgA.id,
        programId: orgA.tmProgramId,
        version: 1,
        effectiveFrom: '2020-01-01',
        preset: 'masshealth_cbhi_tm',
        rules: RULE_SET_PRESETS.masshealth_cbhi_tm.rules,
      },
      {
        organizationId: orgA.id,
        programId: orgA.communityProgramId,
        version: 1,
        effectiveFrom: '2020-01-01',
        preset: 'community_tm',
        rules: RULE_SET_PRESETS.community_tm.rules,
      },
      {
        organizationId: orgB.id,
        programId: orgB.tmProgramId,
        version: 1,
        effectiveFrom: '2020-01-01',
        preset: 'masshealth_cbhi_tm',
        rules: RULE_SET_PRESETS.masshealth_cbhi_tm.rules,
      },
    ])
    .returning();
  await db
    .update(staffProfile)
    .set({ licenceType: 'LICSW', licenceNumber: '115342', licenceState: 'MA', licenceExpiresOn: '2099-06-30' })
    .where(inArray(staffProfile.userId, [users.s1.userId, users.s2.userId]));
  await db.insert(mentorClearance).values(
    [users.m1, users.m2].map((m) => ({
      organizationId: orgA.id,
      mentorUserId: m.userId,
      clearedOn: '2020-01-01',
      clearedBy: users.admin.userId,
    })),
  );
  const eligibility = { eligible: true, findings: [] };
  const [e1, e2, e3, eb] = await db
    .insert(episode)
    .values([
      {
        organizationId: orgA.id,
        programId: orgA.tmProgramId,
        youthId: w.youth.y1.id,
        ruleSetId: tmRules!.id,
        admittedOn: '2020-02-01',
        eligibility,
      },
      {
        organizationId: orgA.id,
        programId: orgA.tmProgramId,
        youthId: w.youth.y2.id,
        ruleSetId: tmRules!.id,
        admittedOn: '2020-02-01',
        eligibility,
      },
      {
        organizationId: orgA.id,
        programId: orgA.communityProgramId,
        youthId: w.youth.y3.id,
        ruleSetId: communityRules!.id,
        admittedOn: '2020-02-01',
        eligibility,
      },
      {
        organizationId: orgB.id,
        programId: orgB.tmProgramId,
        youthId: w.youth.yb.id,
        ruleSetId: tmRulesB!.id,
        admittedOn: '2020-02-01',
        eligibility,
      },
    ])
    .returning();
  const [agreement1] = await db
    .insert(consent)
    .values(
      [e1!, e2!].map((e) => ({
        organizationId: orgA.id,
        youthId: e.youthId,
        episodeId: e.id,
        kind: 'guardian_agreement' as const,
        givenByName: 'Gfirst Glast',
        legalBasis: 'parent',
        method: 'uploaded_form' as const,
        givenOn: '2020-02-01',
      })),
    )
    .returning();
  const [hub1] = await db
    .insert(hubService)
    .values(
      [w.youth.y1, w.youth.y2].map((y) => ({
        organizationId: orgA.id,
        youthId: y.id,
        type: 'iht' as const,
        agency: 'Hub Agency',
        clinicianName: 'Hub Clinician',
        startedOn: '2020-01-15',
        coordinating: true,
      })),
    )
    .returning();
  const goalRow = (e: typeof e1, title: string, status: 'active' | 'met' = 'active') => ({
    organizationId: e!.organizationId,
    youthId: e!.youthId,
    episodeId: e!.id,
    hubPlanGoal: `Hub plan: ${title}`,
    planType: 'iht_plan',
    familyAgreed: true,
    title,
    status,
  });
  const [g1, g1met, g2, g3, gb] = await db
    .insert(goal)
    .values([
      goalRow(e1, 'Use coping skills at school'),
      goalRow(e1, 'Join an after-school club', 'met'),
      goalRow(e2, 'Speak up in class'),
      goalRow(e3, 'Make a new friend'),
      goalRow(eb, 'Other org goal'),
    ])
    .returning();
  return {
    ...w,
    ruleSets: { tm: tmRules!, community: communityRules! },
    episodes: { e1: e1!, e2: e2!, e3: e3!, eb: eb! },
    agreement1: agreement1!,
    hub1: hub1!,
    goals: { g1: g1!, g1met: g1met!, g2: g2!, g3: g3!, gb: gb! },
  };
};

export type NotesWorld = Awaited<ReturnType<typeof buildNotesWorld>>;

/** A complete session note for a youth, ready to sign. */
export const completeNote = (goalIds: string[], date = daysAgo(1)) => ({
  kind: 'session' as const,
  date,
  startTime: '15:00',
  endTime: '16:00',
  setting: 'school' as const,
  modality: 'in_person' as const,
  participants: 'Youth',
  goalIds,
  activities: ['role_play' as const],
  skills: ['relaxation' as const],
  youthResponse: 'Practised breathing and used it once during the visit.',
  plan: 'Practise before the math test on Friday.',
  safetyConcern: false,
  mileage: 12,
});

/** Documents a session as its mentor (201) and returns the contact. */
export const documentSession = async (
  mentor: Client,
  youthId: string,
  goalIds: string[],
  overrides: Record<string, unknown> = {},
) => {
  const res = await mentor.post(`/api/v1/youth/${youthId}/contacts`, { ...completeNote(goalIds), ...overrides });
  if (res.statusCode !== 201) throw new Error(`documenting failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; [k: string]: unknown };
};

export const contactRow = async (t: TestApp, id: string) =>
  (await t.database.db.select().from(contact).where(eq(contact.id, id)))[0];
