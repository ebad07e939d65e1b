import { addDays, calendarDate, type TGasLevels } from '@mentorbridge/core';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  episode,
  goal,
  goalProgress,
  hubContact,
  hubService,
  mentorAssignment,
  organization,
  referral,
  youth,
  youthHubClinician,
} from '../db/schema.ts';
import type { DemoContext, DemoStep } from './demo-context.ts';

/** Plan goals for youth whose referral names none (community youth, or a referral without goals). */
const FALLBACK_GOALS = [
  'Attend school at least 4 days a week',
  'Use a coping skill when frustrated instead of leaving the room',
  'Join one structured activity with peers each week',
  'Speak up to ask for help at school',
  'Keep a regular sleep routine on school nights',
];
const GAS: Record<string, TGasLevels> = {
  'Attend school at least 4 days a week': {
    '-2': 'Attends 0–1 days a week',
    '-1': 'Attends 2 days a week',
    0: 'Attends 3 days a week',
    1: 'Attends 4 days a week',
    2: 'Attends every day',
  },
};
const genericGas = (title: string): TGasLevels => ({
  '-2': `Much less than expected: ${title.toLowerCase()} not practised`,
  '-1': 'Somewhat less than expected: practised with full prompting',
  0: 'Expected level: practised with some prompting',
  1: 'Somewhat more than expected: practised with little prompting',
  2: 'Much more than expected: practised on their own',
});
const HUB_SUMMARIES = [
  'Weekly check-in with the care coordinator on school attendance and coping skills',
  'Update to the therapist on goal progress; agreed to keep practising the same skills',
  'Care planning team meeting: reviewed progress and next steps',
  'Shared the week’s progress; therapist will reinforce the skill in session',
];

/**
 * Demo records of the care area, after the intake step (episodes, rule sets, referrals, hub services):
 * - the 20 matches get their agreement (weekly, 9 months) and a start a few months back; two are paused and one
 *   is closed and re-matched with another mentor;
 * - 1–3 goals per admitted youth from the hub plan, some with GAS levels and progress ratings over past weeks, one
 *   without family agreement;
 * - weekly hub contacts for TM youth, with a few youth overdue (nothing logged for more than 7 days).
 */
export const demoCare: DemoStep = async (tx, ctx) => {
  const [org] = await tx
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, ctx.organizationId));
  const today = calendarDate(new Date(), org?.tz ?? 'America/New_York');
  const daysAgo = (n: number) => addDays(today, -n);
  const at = (day: string) => new Date(`${day}T14:00:00Z`);
  const youthList = await demoYouth(tx, ctx);

  // Matches: agreement, start dates, two paused, one re-matched.
  const PAUSED = new Set([9, 18]);
  const REMATCHED = 15;
  for (const y of youthList) {
    const weeksAgo = 10 + (y.index % 8);
    const started = daysAgo(weeksAgo * 7);
    const [ep] = await tx
      .select({ id: episode.id, admittedOn: episode.admittedOn })
      .from(episode)
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')))
      .orderBy(desc(episode.admittedOn))
      .limit(1);
    const signed = ep && ep.admittedOn > started ? ep.admittedOn : started;
    const open = await tx
      .select({ id: mentorAssignment.id, active: mentorAssignment.active })
      .from(mentorAssignment)
      .where(eq(mentorAssignment.youthId, y.id))
      .orderBy(asc(mentorAssignment.startedAt));
    for (const m of open) {
      await tx
        .update(mentorAssignment)
        .set({
          meetingFrequency: 'weekly',
          expectedDurationMonths: 9,
          agreementSignedOn: signed,
          startedAt: at(signed),
          episodeId: ep?.id ?? null,
          ...(m.active && PAUSED.has(y.index) ? { status: 'paused' as const } : {}),
        })
        .where(eq(mentorAssignment.id, m.id));
    }
    const current = open.find((m) => m.active);
    if (y.index === REMATCHED && current) {
      const closedOn = daysAgo(21);
      await tx
        .update(mentorAssignment)
        .set({
          status: 'closed',
          active: false,
          closedOn,
          endedAt: at(closedOn),
          closureType: 'planned',
          closureReasons: ['rematch', 'mentor_left'],
          closureChecklist: ['closure_meeting_held', 'youth_informed', 'guardian_informed', 'mentor_debriefed'],
          version: 2,
        })
        .where(eq(mentorAssignment.id, current.id));
      const newMentor = y.mentorKey === 'mentor3' ? 'mentor4' : 'mentor3';
      await tx.insert(mentorAssignment).values({
        organizationId: ctx.organizationId,
        youthId: y.id,
        mentorUserId: ctx.users[newMentor]!,
        episodeId: ep?.id ?? null,
        isPrimary: true,
        meetingFrequency: 'weekly',
        expectedDurationMonths: 9,
        agreementSignedOn: closedOn,
        startedAt: at(closedOn),
      });
      // Later steps (notes) document this youth's contacts with the new mentor.
      const entry = ctx.youth.find((e) => e.id === y.id);
      if (entry) entry.mentorKey = newMentor;
      y.mentorKey = newMentor;
    }
  }

  // Goals from the hub plan, with progress over the past weeks.
  for (const y of youthList) {
    const [ep] = await tx
      .select({ id: episode.id })
      .from(episode)
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')))
      .orderBy(desc(episode.admittedOn))
      .limit(1);
    if (!ep) continue;
    const [ref] = await tx
      .select({ planGoals: referral.planGoals })
      .from(referral)
      .where(eq(referral.youthId, y.id))
      .orderBy(desc(referral.receivedAt))
      .limit(1);
    const [hub] = await tx
      .select({ userId: youthHubClinician.userId })
      .from(youthHubClinician)
      .where(eq(youthHubClinician.youthId, y.id))
      .limit(1);
    const tm = y.programId === ctx.programs.tm;
    const howMany = 1 + (y.index % 3);
    const planGoals = (ref?.planGoals ?? []).length
      ? ref!.planGoals.slice(0, howMany)
      : Array.from({ length: howMany }, (_, k) => ({
          text: FALLBACK_GOALS[(y.index + k) % FALLBACK_GOALS.length]!,
          planGoalId: tm ? `ICP-${100 + y.index}-${k + 1}` : null,
          planType: tm ? 'icc_icp' : 'program_plan',
          planDate: daysAgo(120),
        }));
    for (const [k, p] of planGoals.entries()) {
      const withGas = k === 0 && y.index % 2 === 0;
      const [g] = await tx
        .insert(goal)
        .values({
          organizationId: ctx.organizationId,
          youthId: y.id,
          episodeId: ep.id,
          hubPlanGoal: p.text,
          hubPlanGoalId: p.planGoalId,
          planType: p.planType,
          planDate: p.planDate,
          // One goal still waits for the family's agreement: the screens flag it.
          familyAgreed: !(y.index === 4 && k === 1),
          ownerUserId: hub?.userId ?? null,
          title: p.text,
          specific: `${p.text}, practised with the mentor during weekly sessions`,
          measurable: withGas ? 'Goal Attainment Scale level, rated every two weeks' : 'Mentor and youth rate progress',
          achievable: 'Agreed with the youth and family as a realistic step',
          relevant: 'Named in the hub treatment plan',
          targetDate: addDays(today, 90 + 7 * k),
          gasLevels: withGas ? (GAS[p.text] ?? genericGas(p.text)) : null,
          weight: withGas ? 3 : 1 + k,
          status: y.index === 7 && k === 1 ? 'met' : 'active',
          createdAt: at(daysAgo(70)),
          updatedAt: at(daysAgo(70)),
        })
        .returning({ id: goal.id });
      if (!withGas && k > 0) continue;
      // Ratings every two weeks over the past eight weeks, mostly improving.
      const levels = [-1, -1, 0, y.index % 3 === 0 ? 0 : 1];
      await tx.insert(goalProgress).values(
        levels.map((level, i) => ({
          organizationId: ctx.organizationId,
          goalId: g!.id,
          ratedOn: daysAgo(56 - i * 14),
          level,
          note: level > 0 ? 'Practised the skill without prompting' : 'Practised with prompting',
          ratedBy: ctx.users[y.mentorKey]!,
        })),
      );
    }
  }

  // Hub contacts for TM youth: weekly, with a few youth overdue.
  const OVERDUE: Record<number, number> = { 2: 12, 6: 19, 11: 9 };
  for (const y of youthList) {
    if (y.programId !== ctx.programs.tm) continue;
    const [hs] = await tx
      .select({ id: hubService.id })
      .from(hubService)
      .where(eq(hubService.youthId, y.id))
      .orderBy(desc(hubService.coordinating))
      .limit(1);
    const goals = await tx.select({ id: goal.id }).from(goal).where(eq(goal.youthId, y.id));
    const latest = OVERDUE[y.index] ?? 1 + (y.index % 6);
    const rows = [0, 1, 2, 3, 4].map((w) => ({
      organizationId: ctx.organizationId,
      youthId: y.id,
      hubServiceId: hs?.id ?? null,
      contactOn: daysAgo(latest + w * 7),
      mode: w === 2 ? 'team_meeting' : w % 2 === 0 ? 'phone' : 'email',
      participants: w === 2 ? 'Care coordinator, mentor, guardian' : 'Care coordinator, mentor',
      summary: HUB_SUMMARIES[(y.index + w) % HUB_SUMMARIES.length]!,
      goalIds: goals.slice(0, 2).map((g) => g.id),
      durationMinutes: w === 2 ? 60 : 15,
      loggedBy: ctx.users[y.mentorKey]!,
      createdAt: at(daysAgo(latest + w * 7)),
    }));
    await tx.insert(hubContact).values(rows);
  }
};

/** The demo youth in index order (from the context; read back from the database when the context has none). */
const demoYouth = async (tx: Tx, ctx: DemoContext): Promise<DemoContext['youth']> => {
  if (ctx.youth.length) return ctx.youth.map((y) => ({ ...y }));
  const found = await tx
    .select({
      id: youth.id,
      programId: youth.programId,
      mentorUserId: mentorAssignment.mentorUserId,
    })
    .from(youth)
    .innerJoin(mentorAssignment, eq(mentorAssignment.youthId, youth.id))
    .where(eq(youth.organizationId, ctx.organizationId))
    // The demo's last names run alphabetically in the order the youth were made.
    .orderBy(asc(youth.lastName));
  const keyOf = new Map(Object.entries(ctx.users).map(([k, v]) => [v, k]));
  const unique = found.filter((r, i) => found.findIndex((o) => o.id === r.id) === i);
  return unique.map((r, index) => ({
    id: r.id,
    programId: r.programId,
    mentorKey: keyOf.get(r.mentorUserId) ?? 'mentor1',
    index,
  }));
};
