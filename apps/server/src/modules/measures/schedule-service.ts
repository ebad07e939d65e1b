import {
  addDays,
  calendarDate,
  duePointStates,
  findInstrument,
  measureDuePoints,
  type TLocalizedText,
  type TOverdueList,
  type TOverdueMeasure,
  ZMeasurementSchedule,
} from '@mentorbridge/core';
import { and, asc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { measureResponse, programSurvey } from '../../db/schema-measures.ts';
import { episode, mentorAssignment, organization, programRuleSet, user, youth } from '../../db/schema.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { orgClock } from '../care/care-access.ts';

/** A discharged episode's discharge measure stays on the list this long. */
const DISCHARGE_FOLLOW_UP_DAYS = 30;

type Options = { includeDue: boolean };

/**
 * Due and overdue measures of the youth matched by `scope` in one organization: per open (or just discharged)
 * episode, per instrument of its rule set's schedule, the points not yet met whose window is still open.
 */
export const scheduledMeasures = async (
  db: Db,
  organizationId: string,
  scope: SQL,
  today: string,
  opts: Options,
): Promise<TOverdueMeasure[]> => {
  const episodes = await db
    .select({
      episodeId: episode.id,
      youthId: episode.youthId,
      programId: episode.programId,
      admittedOn: episode.admittedOn,
      dischargedOn: episode.dischargedOn,
      rules: programRuleSet.rules,
      firstName: youth.firstName,
      preferredName: youth.preferredName,
      lastName: youth.lastName,
    })
    .from(episode)
    .innerJoin(youth, eq(youth.id, episode.youthId))
    .innerJoin(programRuleSet, eq(programRuleSet.id, episode.ruleSetId))
    .where(
      and(
        eq(episode.organizationId, organizationId),
        or(eq(episode.status, 'open'), gte(episode.dischargedOn, addDays(today, -DISCHARGE_FOLLOW_UP_DAYS))),
        scope,
      ),
    )
    .orderBy(asc(episode.admittedOn));
  if (episodes.length === 0) return [];
  const responses = await db
    .select({
      youthId: measureResponse.youthId,
      instrumentId: measureResponse.instrumentId,
      administeredOn: measureResponse.administeredOn,
      scheduleKey: measureResponse.scheduleKey,
    })
    .from(measureResponse)
    .where(
      and(
        eq(measureResponse.organizationId, organizationId),
        inArray(
          measureResponse.youthId,
          episodes.map((e) => e.youthId),
        ),
      ),
    );
  const surveyTitles = new Map(
    (
      await db
        .select({ id: programSurvey.instrumentId, title: sql<TLocalizedText>`${programSurvey.definition}->'title'` })
        .from(programSurvey)
        .where(and(eq(programSurvey.organizationId, organizationId), eq(programSurvey.active, true)))
    ).map((s) => [s.id, s.title]),
  );
  const titleOf = (id: string): TLocalizedText => findInstrument(id)?.title ?? surveyTitles.get(id) ?? { en: id };

  const out: TOverdueMeasure[] = [];
  for (const e of episodes) {
    const parsed = ZMeasurementSchedule.safeParse((e.rules as { measurementSchedule?: unknown }).measurementSchedule);
    if (!parsed.success) continue;
    const schedule = parsed.data;
    const points = measureDuePoints({ admittedOn: e.admittedOn, dischargedOn: e.dischargedOn, schedule, today });
    for (const instrumentId of schedule.instruments) {
      const mine = responses.filter((r) => r.youthId === e.youthId && r.instrumentId === instrumentId);
      for (const p of duePointStates(points, mine, today)) {
        const actionable = p.status === 'overdue' || (opts.includeDue && p.status === 'due');
        if (!actionable || (p.windowEnd != null && p.windowEnd < today)) continue;
        out.push({
          youthId: e.youthId,
          youthName: `${e.preferredName?.trim() || e.firstName} ${e.lastName}`,
          programId: e.programId,
          episodeId: e.episodeId,
          instrumentId,
          instrumentTitle: titleOf(instrumentId),
          scheduleKey: p.key,
          kind: p.kind,
          dueOn: p.dueOn,
          status: p.status === 'overdue' ? 'overdue' : 'due',
          daysOverdue: p.daysOverdue,
        });
      }
    }
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn));
};

export const listOverdue = async (db: Db, actor: Actor, opts: Options): Promise<TOverdueList> => {
  const { today } = await orgClock(db, actor);
  const items = await scheduledMeasures(db, actor.organizationId, youthScope(actor, 'measure.overdue'), today, opts);
  await auditRead(db, actor, {
    action: 'measure.overdue_listed',
    resourceType: 'measure_schedule',
    detail: { youthIds: [...new Set(items.map((i) => i.youthId))] },
  });
  return { asOf: today, items };
};

export type ReminderDeps = { db: Db; mailer: Mailer; publicUrl: string };

/**
 * Emails each mentor whose youth have overdue measures: a count and a link, never a youth's name (email leaves
 * the platform). Meant for the periodic job runner; `now` makes it testable.
 */
export const sendMeasureReminders = async (deps: ReminderDeps, now: Date): Promise<{ emails: number }> => {
  const { db, mailer, publicUrl } = deps;
  const orgs = await db.select({ id: organization.id, timeZone: organization.timeZone }).from(organization);
  let emails = 0;
  for (const org of orgs) {
    const today = calendarDate(now, org.timeZone);
    const overdue = (await scheduledMeasures(db, org.id, sql`true`, today, { includeDue: false })).filter((m) => m.status === 'overdue');
    if (overdue.length === 0) continue;
    const mentors = await db
      .select({ youthId: mentorAssignment.youthId, userId: mentorAssignment.mentorUserId, email: user.email })
      .from(mentorAssignment)
      .innerJoin(user, eq(user.id, mentorAssignment.mentorUserId))
      .where(
        and(
          eq(mentorAssignment.organizationId, org.id),
          eq(mentorAssignment.active, true),
          inArray(mentorAssignment.youthId, [...new Set(overdue.map((m) => m.youthId))]),
        ),
      );
    const perMentor = new Map<string, { email: string; count: number }>();
    for (const m of overdue) {
      for (const a of mentors.filter((x) => x.youthId === m.youthId)) {
        const e = perMentor.get(a.userId) ?? { email: a.email, count: 0 };
        e.count += 1;
        perMentor.set(a.userId, e);
      }
    }
    if (perMentor.size === 0) continue;
    await db.transaction(async (tx) => {
      for (const { email, count } of perMentor.values()) {
        await mailer.enqueue(tx, {
          organizationId: org.id,
          to: email,
          subject: 'Mentorbridge: measures overdue',
          text:
            `You have ${count} overdue ${count === 1 ? 'measure' : 'measures'} for youth on your caseload.\n\n` +
            `See which ones: ${publicUrl}/measures/overdue\n`,
        });
      }
      await writeAudit(
        tx,
        { organizationId: org.id, actorUserId: null, ip: null, userAgent: null, requestId: null },
        { action: 'measure.reminders_sent', resourceType: 'measure_schedule', detail: { mentors: [...perMentor.keys()], on: today } },
      );
    });
    emails += perMentor.size;
  }
  return { emails };
};
