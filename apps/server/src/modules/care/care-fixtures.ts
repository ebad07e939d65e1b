import { addDays, calendarDate, RULE_SET_PRESETS, type TRuleSet, type TRuleSetPreset } from '@mentorbridge/core';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  contact,
  episode,
  goal,
  hubService,
  programRuleSet,
  referral,
  supervisionSession,
  youth,
} from '../../db/schema.ts';

/**
 * Rows of the tables other areas write (rule sets, episodes, referrals, contacts, supervision sessions), inserted
 * directly for the care area's tests. Test support only.
 */
export const TEST_TZ = 'America/New_York';
export const orgToday = () => calendarDate(new Date(), TEST_TZ);
export const daysAgo = (n: number) => addDays(orgToday(), -n);

/** A local date and "HH:MM" time in the test organization's time zone, `hours` before now. */
export const localHoursAgo = (hours: number) => {
  const at = new Date(Date.now() - hours * 3600_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TEST_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
};

const orgOf = async (db: Db, youthId: string) => {
  const [y] = await db.select({ o: youth.organizationId, p: youth.programId }).from(youth).where(eq(youth.id, youthId));
  return { organizationId: y!.o, programId: y!.p };
};

export const insertRuleSet = async (
  db: Db,
  organizationId: string,
  programId: string,
  preset: TRuleSetPreset = 'masshealth_cbhi_tm',
  overrides: Partial<TRuleSet> = {},
) => {
  const [n] = await db
    .select({ v: sql<number>`coalesce(max(${programRuleSet.version}), 0)::int` })
    .from(programRuleSet)
    .where(eq(programRuleSet.programId, programId));
  const [row] = await db
    .insert(programRuleSet)
    .values({
      organizationId,
      programId,
      version: Number(n?.v ?? 0) + 1,
      effectiveFrom: '2020-01-01',
      preset,
      rules: { ...RULE_SET_PRESETS[preset].rules, ...overrides } as TRuleSet,
    })
    .returning();
  return row!;
};

export const insertEpisode = async (db: Db, youthId: string, ruleSetId: string, admittedOn = daysAgo(60)) => {
  const { organizationId, programId } = await orgOf(db, youthId);
  const [row] = await db
    .insert(episode)
    .values({
      organizationId,
      programId,
      youthId,
      ruleSetId,
      admittedOn,
      status: 'open',
      eligibility: { eligible: true, findings: [] },
    })
    .returning();
  return row!;
};

export const insertReferral = async (db: Db, youthId: string, values: Partial<typeof referral.$inferInsert> = {}) => {
  const { organizationId, programId } = await orgOf(db, youthId);
  const [row] = await db
    .insert(referral)
    .values({
      organizationId,
      programId,
      youthId,
      referringClinicianName: 'Dr. Hub',
      referringAgency: 'Harbor ICC',
      hubType: 'icc',
      reason: 'Anxiety at school',
      status: 'admitted',
      planGoals: [
        { text: 'Attend school 4 of 5 days', planGoalId: 'ICP-1', planType: 'icc_icp', planDate: daysAgo(40) },
        { text: 'Use a coping skill when upset', planGoalId: null, planType: 'icc_icp', planDate: daysAgo(40) },
      ],
      ...values,
    })
    .returning();
  return row!;
};

export const insertHubService = async (db: Db, youthId: string, clinicianUserId: string | null) => {
  const { organizationId } = await orgOf(db, youthId);
  const [row] = await db
    .insert(hubService)
    .values({
      organizationId,
      youthId,
      type: 'icc',
      agency: 'Harbor ICC',
      clinicianName: 'Dr. Hub',
      clinicianUserId,
      startedOn: daysAgo(100),
      coordinating: true,
    })
    .returning();
  return row!;
};

export const insertContact = async (
  db: Db,
  youthId: string,
  mentorUserId: string,
  values: Partial<typeof contact.$inferInsert> = {},
) => {
  const { organizationId } = await orgOf(db, youthId);
  const [row] = await db
    .insert(contact)
    .values({
      organizationId,
      youthId,
      mentorUserId,
      date: orgToday(),
      startTime: '15:00',
      endTime: '16:00',
      status: 'scheduled',
      noteStatus: 'draft',
      ...values,
    })
    .returning();
  return row!;
};

export const insertSupervision = async (
  db: Db,
  organizationId: string,
  supervisorUserId: string,
  superviseeUserIds: string[],
  date: string,
  signed = true,
) => {
  const [row] = await db
    .insert(supervisionSession)
    .values({
      organizationId,
      supervisorUserId,
      superviseeUserIds,
      date,
      minutes: 60,
      format: 'individual',
      signedAt: signed ? new Date() : null,
    })
    .returning();
  return row!;
};

export const insertGoal = async (
  db: Db,
  youthId: string,
  episodeId: string,
  values: Partial<typeof goal.$inferInsert> = {},
) => {
  const { organizationId } = await orgOf(db, youthId);
  const [row] = await db
    .insert(goal)
    .values({
      organizationId,
      youthId,
      episodeId,
      hubPlanGoal: 'Attend school',
      planType: 'icc_icp',
      title: 'School attendance',
      ...values,
    })
    .returning();
  return row!;
};
