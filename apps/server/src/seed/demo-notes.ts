import {
  addDays,
  calendarDate,
  inReviewSample,
  isSignedLate,
  minutesBetween,
  type TEbpSkill,
  type TNoteStatus,
} from '@mentorbridge/core';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  contact,
  contactSeries,
  episode,
  goal,
  mentorAssignment,
  noteReview,
  noteRevision,
  organization,
  supervisionAssignment,
  supervisionSession,
  youth,
} from '../db/schema.ts';
import { contactEndedAt, noteContent } from '../modules/notes/contact-record.ts';
import { evaluateNote } from '../modules/notes/evaluate-note.ts';
import { credentialsOf } from '../modules/notes/review-notes.ts';
import type { DemoContext, DemoStep } from './demo-context.ts';

type Activity =
  | 'anticipatory_guidance'
  | 'teaching_alternative_strategies'
  | 'role_play'
  | 'skill_acquisition_in_community'
  | 'social_exposure'
  | 'conflict_resolution'
  | 'communication_skills'
  | 'coaching';

/** What a week's session was about: realistic, short notes of the kind a mentor writes on a phone. */
const SESSIONS: {
  setting: string;
  participants: string;
  activities: Activity[];
  skills: TEbpSkill[];
  response: string;
  plan: string;
}[] = [
  {
    setting: 'school',
    participants: 'Youth',
    activities: ['role_play', 'communication_skills'],
    skills: ['social_communication_skills'],
    response:
      'Practised asking the teacher for help with a worksheet in two role plays. Needed one prompt the first time, none the second. Said it felt "less weird" by the end.',
    plan: 'Try asking for help once in math class this week; review how it went next visit.',
  },
  {
    setting: 'community',
    participants: 'Youth',
    activities: ['skill_acquisition_in_community', 'coaching'],
    skills: ['relaxation', 'emotion_regulation'],
    response:
      'Walked to the library. Youth noticed tension when the bus was late and used box breathing without a prompt. Rated stress 7 before and 4 after.',
    plan: 'Keep using box breathing before school; bring the feelings log next time.',
  },
  {
    setting: 'home',
    participants: 'Youth and guardian (last 10 minutes)',
    activities: ['teaching_alternative_strategies', 'conflict_resolution'],
    skills: ['problem_solving'],
    response:
      'Worked through the morning argument about getting ready using the five problem-solving steps. Youth chose laying clothes out the night before. Guardian agreed to try it.',
    plan: 'Check whether the evening routine happened on at least three school nights.',
  },
  {
    setting: 'community',
    participants: 'Youth',
    activities: ['social_exposure', 'coaching'],
    skills: ['social_communication_skills', 'behavioral_activation'],
    response:
      'Visited the rec center; youth introduced themself to the basketball coach with support and stayed for 20 minutes of open gym. Quiet at first, then joined a game.',
    plan: 'Go to open gym once on their own this week; plan what to say to the coach.',
  },
  {
    setting: 'school',
    participants: 'Youth',
    activities: ['anticipatory_guidance', 'coaching'],
    skills: ['goal_setting', 'psychoeducation'],
    response:
      'Reviewed the week: attended four days. Set the next step together (arrive before first bell on three days). Youth wrote it in their phone.',
    plan: 'Start next visit by checking the arrival step; celebrate what went well.',
  },
  {
    setting: 'home',
    participants: 'Youth',
    activities: ['teaching_alternative_strategies'],
    skills: ['cognitive_restructuring', 'emotion_regulation'],
    response:
      'Youth described a fight with a friend and the thought "nobody likes me". Looked at the evidence together and found a more balanced thought. Calmer by the end of the visit.',
    plan: 'Notice one upsetting thought this week and write a balanced one; share it next time.',
  },
  {
    setting: 'community',
    participants: 'Youth',
    activities: ['skill_acquisition_in_community', 'communication_skills'],
    skills: ['motivational_interviewing', 'goal_setting'],
    response:
      'Over a snack, talked about wanting a summer job. Youth named two reasons it matters to them and one worry (talking to adults). Agreed on a first step.',
    plan: 'Pick up one job application together at the grocery store next visit.',
  },
  {
    setting: 'school',
    participants: 'Youth and school counselor (5 minutes)',
    activities: ['role_play', 'conflict_resolution'],
    skills: ['problem_solving', 'social_communication_skills'],
    response:
      'Rehearsed what to say when a classmate teases them: a calm "stop" and walking to a safe adult. Youth practised three times and said they would try it.',
    plan: 'Check in on any teasing this week and whether the plan was used.',
  },
];

const RETURN_COMMENTS = [
  'Please name which goal step today’s role play served, and how the youth responded in their own words.',
  'The plan needs a concrete next step with a day; please add it and re-sign.',
];
const NO_SHOW_REASONS = ['Youth not home at the agreed time; guardian did not answer', 'Youth stayed after school'];
const CANCEL_REASONS = ['Youth sick', 'School event moved the visit; rescheduled next week'];
const TIMES: [string, string][] = [
  ['15:30', '16:45'],
  ['16:00', '17:00'],
  ['14:45', '16:00'],
  ['15:00', '16:30'],
];

/** Where a past session ends up: the mix a program sees on a real Monday. */
type Outcome = 'approved' | 'awaiting' | 'returned' | 'draft' | 'no_show' | 'cancelled';
const outcomeOf = (index: number, weeksAgo: number): Outcome => {
  if ((index === 5 && weeksAgo === 3) || (index === 10 && weeksAgo === 2)) return 'no_show';
  if ((index === 2 && weeksAgo === 4) || (index === 17 && weeksAgo === 1)) return 'cancelled';
  if ((index === 0 && weeksAgo === 2) || (index === 5 && weeksAgo === 1)) return 'returned';
  if (weeksAgo === 1 && [1, 9, 16].includes(index)) return 'draft';
  if (weeksAgo === 1 || (weeksAgo === 2 && index % 3 === 0)) return 'awaiting';
  return 'approved';
};

const ordered = async (tx: Tx, ctx: DemoContext) => {
  if (ctx.youth.length) return ctx.youth;
  // Without the base seed's list: the demo's last names run alphabetically in the order the youth were made.
  const rows = await tx
    .select({ id: youth.id, programId: youth.programId })
    .from(youth)
    .where(eq(youth.organizationId, ctx.organizationId))
    .orderBy(asc(youth.lastName));
  return rows.map((r, index) => ({ ...r, mentorKey: '', index }));
};

/**
 * Demo contacts and notes, after the intake and care steps: for each admitted youth, weekly sessions over the past
 * six weeks with their mentor — most signed and approved or co-signed, some awaiting review, two returned with a
 * comment, a few drafts past the deadline, no-shows and cancellations — and weekly visits from today on. Notes are
 * signed only where every hard gate passes (so the youth without guardian agreement, and the TM youth of the
 * supervisor whose licence lapsed, keep drafts). Supervision sessions: supervisor1's mentors are up to date,
 * supervisor2's are overdue.
 */
export const demoNotes: DemoStep = async (tx, ctx) => {
  const [org] = await tx
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, ctx.organizationId));
  const timeZone = org?.tz ?? 'America/New_York';
  const now = new Date();
  const today = calendarDate(now, timeZone);
  const u = ctx.users;
  const orgId = ctx.organizationId;

  // Review modes: supervisor1 co-signs mentor2's notes; supervisor2 reviews a sample of mentor4's.
  const setMode = (mentor: string, reviewMode: 'approve_all' | 'cosign_all' | 'sample', samplePercent = 100) =>
    tx
      .update(supervisionAssignment)
      .set({ reviewMode, samplePercent })
      .where(and(eq(supervisionAssignment.organizationId, orgId), eq(supervisionAssignment.mentorUserId, mentor)));
  await setMode(u.mentor2!, 'cosign_all');
  await setMode(u.mentor4!, 'sample', 50);
  const assignments = await tx
    .select()
    .from(supervisionAssignment)
    .where(and(eq(supervisionAssignment.organizationId, orgId), eq(supervisionAssignment.active, true)));
  const supervisorOf = (mentor: string) => assignments.find((a) => a.mentorUserId === mentor);

  for (const y of await ordered(tx, ctx)) {
    const [match] = await tx
      .select()
      .from(mentorAssignment)
      .where(and(eq(mentorAssignment.youthId, y.id), eq(mentorAssignment.active, true)))
      .orderBy(desc(mentorAssignment.isPrimary), desc(mentorAssignment.startedAt))
      .limit(1);
    const [ep] = await tx
      .select()
      .from(episode)
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')))
      .orderBy(desc(episode.admittedOn))
      .limit(1);
    if (!match || !ep) continue;
    const mentor = match.mentorUserId;
    const [youthRow] = await tx.select().from(youth).where(eq(youth.id, y.id));
    const goals = await tx
      .select({ id: goal.id })
      .from(goal)
      .where(and(eq(goal.youthId, y.id), eq(goal.status, 'active')))
      .orderBy(asc(goal.createdAt));
    const since = [ep.admittedOn, calendarDate(match.startedAt, timeZone)].sort().at(-1)!;
    const assignment = supervisorOf(mentor);
    const weekday = y.index % 5;

    for (let weeksAgo = 6; weeksAgo >= 1; weeksAgo--) {
      const date = addDays(today, -7 * weeksAgo + weekday);
      if (date < since) continue;
      const outcome = outcomeOf(y.index, weeksAgo);
      const [startTime, endTime] = TIMES[(y.index + weeksAgo) % TIMES.length]!;
      const s = SESSIONS[(y.index * 3 + weeksAgo) % SESSIONS.length]!;
      const base = {
        organizationId: orgId,
        youthId: y.id,
        episodeId: ep.id,
        mentorUserId: mentor,
        kind: 'session' as const,
        date,
        startTime,
        endTime,
        setting: s.setting,
        modality: 'in_person',
      };
      if (outcome === 'no_show' || outcome === 'cancelled') {
        await tx.insert(contact).values({
          ...base,
          status: outcome,
          statusReason: (outcome === 'no_show' ? NO_SHOW_REASONS : CANCEL_REASONS)[y.index % 2]!,
        });
        continue;
      }
      const safety = y.index === 4 && weeksAgo === 2;
      const [row] = await tx
        .insert(contact)
        .values({
          ...base,
          status: 'completed',
          participants: s.participants,
          goalIds: goals.slice(0, 1 + (weeksAgo % 2)).map((g) => g.id),
          activities: s.activities,
          skills: s.skills,
          youthResponse: s.response,
          plan: s.plan,
          safetyConcern: safety,
          safetyDetail: safety
            ? 'Youth said an older student threatened them on the walk home. Talked through a safe route; guardian informed.'
            : null,
          mileage: 6 + ((y.index * 7 + weeksAgo) % 15),
        })
        .returning();
      if (outcome === 'draft') continue;
      const evaluation = await evaluateNote(tx, row!, youthRow!.programId, timeZone);
      const ruleSet = evaluation.ruleSet;
      // The gates decide, as they do for every mentor: a blocked note stays a draft. (Only the last three weeks'
      // blocked drafts are kept, so the demo shows the pile-up without burying everything else.)
      if (!ruleSet || (evaluation.billableProgram && evaluation.failures.length)) {
        if (weeksAgo > 3) await tx.delete(contact).where(eq(contact.id, row!.id));
        continue;
      }
      const endedAt = contactEndedAt(row!, timeZone);
      // Most notes are signed the same evening; one in five two and a half days later (late).
      const lateSigning = (y.index + weeksAgo) % 5 === 0;
      const signedAt = new Date(endedAt.getTime() + (lateSigning ? 60 : 3) * 3600_000);
      if (signedAt > now) continue;
      const signedLate = isSignedLate({ endedAt, signedAt, deadlineHours: ruleSet.rules.noteSigningDeadlineHours });
      const mode = assignment?.reviewMode ?? 'approve_all';
      const reviewRequired =
        mode === 'cosign_all'
          ? 'cosign'
          : mode === 'approve_all' || inReviewSample(row!.id, assignment?.samplePercent ?? 100)
            ? 'approve'
            : null;
      const reviewer = assignment?.supervisorUserId;
      const reviewedAt = new Date(Math.min(signedAt.getTime() + 26 * 3600_000, now.getTime()));
      let noteStatus: TNoteStatus = 'signed';
      if (outcome === 'returned') noteStatus = 'returned';
      else if (outcome === 'approved' && reviewRequired && reviewer)
        noteStatus = reviewRequired === 'cosign' ? 'cosigned' : 'approved';
      await tx
        .update(contact)
        .set({
          noteStatus,
          signedAt,
          signedBy: mentor,
          signedLate,
          billable: evaluation.billable,
          billingUnits: evaluation.units,
          ruleSetId: ruleSet.id,
          reviewRequired: outcome === 'returned' ? 'approve' : reviewRequired,
          reviewedAt: noteStatus === 'signed' ? null : reviewedAt,
          reviewedBy: noteStatus === 'signed' ? null : (reviewer ?? null),
          version: noteStatus === 'signed' ? 2 : 3,
          updatedAt: noteStatus === 'signed' ? signedAt : reviewedAt,
        })
        .where(eq(contact.id, row!.id));
      await tx.insert(noteRevision).values({
        organizationId: orgId,
        contactId: row!.id,
        revision: 1,
        content: {
          ...noteContent(row!),
          minutes: evaluation.minutes,
          billable: evaluation.billable,
          billingUnits: evaluation.units,
          ruleSetId: ruleSet.id,
          ruleSetVersion: ruleSet.version,
          signedLate,
        },
        signedBy: mentor,
        signedAt,
      });
      if (noteStatus !== 'signed' && reviewer) {
        const cosign = noteStatus === 'cosigned';
        const credentials = cosign ? (await credentialsOf(tx, orgId, reviewer, date)).text : null;
        await tx.insert(noteReview).values({
          organizationId: orgId,
          contactId: row!.id,
          revision: 1,
          reviewerUserId: reviewer,
          action: noteStatus === 'returned' ? 'return' : cosign ? 'cosign' : 'approve',
          comment: noteStatus === 'returned' ? RETURN_COMMENTS[y.index % 2]! : null,
          attestation: cosign
            ? 'I reviewed this note and the services it documents, which were delivered under my clinical supervision.'
            : null,
          credentials,
          createdAt: reviewedAt,
        });
      }
    }

    // Collateral contacts are logged like sessions and signed, never billable.
    const collateral = async (input: {
      collateralWith: 'hub_clinician' | 'guardian';
      date: string;
      participants: string;
      youthResponse: string;
      goalIds: string[];
    }) => {
      const [row] = await tx
        .insert(contact)
        .values({
          organizationId: orgId,
          youthId: y.id,
          episodeId: ep.id,
          mentorUserId: mentor,
          kind: 'collateral',
          collateralWith: input.collateralWith,
          status: 'completed',
          date: input.date,
          startTime: '12:00',
          endTime: '12:20',
          setting: 'other',
          modality: 'phone',
          participants: input.participants,
          goalIds: input.goalIds,
          youthResponse: input.youthResponse,
          safetyConcern: false,
        })
        .returning();
      const evaluation = await evaluateNote(tx, row!, youthRow!.programId, timeZone);
      if (!evaluation.ruleSet) return;
      const signedAt = new Date(contactEndedAt(row!, timeZone).getTime() + 2 * 3600_000);
      await tx
        .update(contact)
        .set({
          noteStatus: 'signed',
          signedAt,
          signedBy: mentor,
          ruleSetId: evaluation.ruleSet.id,
          version: 2,
          updatedAt: signedAt,
        })
        .where(eq(contact.id, row!.id));
      await tx.insert(noteRevision).values({
        organizationId: orgId,
        contactId: row!.id,
        revision: 1,
        content: { ...noteContent(row!), minutes: 20, billable: false, billingUnits: 0, signedLate: false },
        signedBy: mentor,
        signedAt,
      });
    };

    // A call with the hub clinician for some TM youth.
    if (y.index < 14 && y.index % 3 === 1) {
      const date = addDays(today, -10 + weekday);
      if (date >= since) {
        await collateral({
          collateralWith: 'hub_clinician',
          date,
          participants: 'Hub clinician',
          youthResponse:
            'Phone call with the therapist: shared the coping-skills practice; the therapist will reinforce it in session.',
          goalIds: goals.slice(0, 1).map((g) => g.id),
        });
      }
    }

    // Monthly match-support check-ins with the guardian; a few are left overdue for the compliance board.
    if (y.index % 5 !== 4) {
      await collateral({
        collateralWith: 'guardian',
        date: addDays(today, -((y.index * 3) % 20) - 1),
        participants: 'Guardian',
        youthResponse: 'Match-support check-in with the guardian: meeting times work; they see progress with the goals.',
        goalIds: [],
      });
    }

    // Weekly visits from this week on: two youth per mentor today, the rest over the coming days.
    const first = addDays(today, Math.floor(y.index / 4) % 3);
    const [startTime, endTime] = y.index % 2 ? ['16:30', '17:30'] : ['15:30', '16:45'];
    const until = addDays(first, 21);
    const [series] = await tx
      .insert(contactSeries)
      .values({
        organizationId: orgId,
        youthId: y.id,
        mentorUserId: mentor,
        startsOn: first,
        endsOn: until,
        startTime,
        durationMinutes: minutesBetween(startTime, endTime),
        setting: y.index % 3 ? 'community' : 'school',
      })
      .returning();
    await tx.insert(contact).values(
      [0, 7, 14, 21].map((d) => ({
        organizationId: orgId,
        youthId: y.id,
        episodeId: ep.id,
        mentorUserId: mentor,
        seriesId: series!.id,
        kind: 'session' as const,
        date: addDays(first, d),
        startTime,
        endTime,
        setting: y.index % 3 ? 'community' : 'school',
        modality: 'in_person',
      })),
    );
  }

  // Supervision: supervisor1 meets mentor1 and mentor2 every week (signed); supervisor2's last signed sessions were
  // before their licence lapsed, so their mentors are overdue, and this week's session waits for a signature.
  const s1 = u.supervisor1!;
  const s2 = u.supervisor2!;
  const [s1Cred, s2Cred] = await Promise.all([
    credentialsOf(tx, orgId, s1, today),
    credentialsOf(tx, orgId, s2, '2026-01-01'),
  ]);
  const sessions: (typeof supervisionSession.$inferInsert)[] = [];
  for (let week = 6; week >= 1; week--) {
    const date = addDays(today, -7 * week + 5);
    const group = week % 2 === 0;
    const signedAt = new Date(`${date}T20:00:00Z`);
    const topicsFor = (mentorKey: string) =>
      group
        ? 'Group supervision: practising role play for social skills; documentation tips for goal-linked notes'
        : `Individual supervision with ${mentorKey === 'mentor1' ? 'Casey' : 'Riley'}: caseload review, progress on hub plan goals, self-care`;
    if (group) {
      sessions.push({
        organizationId: orgId,
        supervisorUserId: s1,
        superviseeUserIds: [u.mentor1!, u.mentor2!],
        date,
        minutes: 60,
        format: 'group',
        remote: week === 4,
        topics: topicsFor('group'),
        actions: 'Each mentor brings one role-play scenario next week.',
        signedAt: signedAt < now ? signedAt : now,
        signatureCredentials: s1Cred.text,
      });
    } else {
      for (const m of ['mentor1', 'mentor2']) {
        sessions.push({
          organizationId: orgId,
          supervisorUserId: s1,
          superviseeUserIds: [u[m]!],
          date,
          minutes: 60,
          format: week === 3 && m === 'mentor2' ? 'observation' : 'individual',
          remote: false,
          topics: topicsFor(m),
          actions: 'Follow up with the hub clinician on goal wording.',
          signedAt: signedAt < now ? signedAt : now,
          signatureCredentials: s1Cred.text,
        });
      }
    }
  }
  sessions.push(
    {
      organizationId: orgId,
      supervisorUserId: s2,
      superviseeUserIds: [u.mentor3!, u.mentor4!],
      date: '2026-09-22',
      minutes: 60,
      format: 'group',
      remote: true,
      topics: 'Group supervision: safety planning refresher; mandated reporting',
      actions: 'Review each youth’s safety plan with the hub.',
      signedAt: new Date('2026-09-22T21:00:00Z'),
      signatureCredentials: s2Cred.text,
    },
    {
      organizationId: orgId,
      supervisorUserId: s2,
      superviseeUserIds: [u.mentor3!],
      date: addDays(today, -2),
      minutes: 45,
      format: 'individual',
      remote: false,
      topics: 'Caseload review; notes blocked while the supervisor licence is renewed',
      actions: 'Sign once the licence renewal is recorded.',
    },
  );
  // Only sessions dated on or before today; supervisor2's September session only when it is in the past.
  await tx.insert(supervisionSession).values(sessions.filter((s) => s.date <= today));
};
