import {
  CANS_MAX_AGE_DAYS,
  cansTimer,
  daysBetween,
  intervalTimer,
  isNoteOverdue,
  noteDeadline,
  type TRuleSet,
  type TTimerKind,
  type TTimerState,
  type TYouthTimers,
} from '@mentorbridge/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { youth } from '../../db/schema.ts';
import { rows } from './care-access.ts';

/**
 * The queries that feed the compliance timers. Each query works on a whole set of youth at once (given as a
 * where-clause on `youth`), so a board of any size costs the same handful of queries; the pure timer functions of
 * the core decide what is due and overdue.
 *
 * - hub contact: the latest `hub_contact` against the rule set's interval, counted from admission if none;
 * - CANS: the latest `referral.last_cans_on` older than 90 days (when the rule set requires a hub);
 * - unsigned notes: completed contacts whose note is a draft or was returned, past the signing deadline after the
 *   contact's end (the rule set of the contact, else of its episode, else of the youth's open episode);
 * - supervision: per mentor, the latest signed `supervision_session` that includes them, against the rule set's
 *   supervision interval, counted from the start of their supervision assignment (else of the match) if none;
 * - match support: the latest completed collateral contact with the guardian since the match started, against the
 *   rule set's match-support interval, counted from the match's start.
 *
 * Rules come from the youth's open episode's rule set; a youth with no open episode has no applicable timer except
 * unsigned notes whose own contact names a rule set.
 */
export type TimerClock = { organizationId: string; timeZone: string; today: string; now: Date };

type BaseRow = {
  youth_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  program_id: string;
  episode_id: string | null;
  admitted_on: string | null;
  rule_set_id: string | null;
  rules: TRuleSet | null;
  match_id: string | null;
  mentor_user_id: string | null;
  match_started_on: string | null;
};

export type UnsignedNoteRow = {
  id: string;
  youth_id: string;
  mentor_user_id: string;
  date: string;
  note_status: 'draft' | 'returned';
  ended_at: Date | string;
  deadline_hours: number | null;
};

export type SupervisionRow = { mentor_user_id: string; last_on: string | null; since: string | null };

export const unsignedNotes = (db: Db | Tx, clock: TimerClock, where: SQL, extra: SQL = sql`true`, named = true) =>
  rows<UnsignedNoteRow>(
    db,
    sql`select c.id, c.youth_id, c.mentor_user_id, c.date::text as date, c.note_status::text as note_status,
      ((c.date + coalesce(nullif(c.end_time, ''), nullif(c.start_time, ''), '23:59')::time) at time zone ${clock.timeZone}) as ended_at,
      (coalesce(crs.rules, ers.rules) ->> 'noteSigningDeadlineHours')::int as deadline_hours
    from contact c
    join ${youth} on ${youth.id} = c.youth_id
    left join program_rule_set crs on crs.id = c.rule_set_id
    left join episode ce on ce.id = c.episode_id
    left join program_rule_set ers on ers.id = ce.rule_set_id
    where ${where} and c.organization_id = ${clock.organizationId} and c.status = 'completed'
      and c.note_status in ('draft', 'returned') and ${extra}
    order by c.date, c.start_time`,
    { named },
  );

/** Latest signed supervision and the start of supervision, per mentor of `mentors` (a subquery yielding `id`). */
export const supervisionByMentor = async (db: Db | Tx, clock: TimerClock, mentors: SQL, named = true) => {
  const found = await rows<SupervisionRow>(
    db,
    sql`select mentors.id as mentor_user_id,
      (select max(s.date)::text from supervision_session s where s.organization_id = ${clock.organizationId}
        and s.signed_at is not null and s.supervisee_user_ids @> array[mentors.id]) as last_on,
      (select min((sa.created_at at time zone ${clock.timeZone})::date)::text from supervision_assignment sa
        where sa.mentor_user_id = mentors.id and sa.organization_id = ${clock.organizationId} and sa.active) as since
    from (${mentors}) as mentors`,
    { named },
  );
  return new Map(found.map((r) => [r.mentor_user_id, r]));
};

const notApplicable = (lastOn: string | null, today: string): TTimerState => ({
  applicable: false,
  lastOn,
  intervalDays: null,
  due: null,
  daysSince: lastOn ? daysBetween(lastOn, today) : null,
  overdue: false,
});

export const noteIsOverdue = (n: UnsignedNoteRow, fallbackHours: number | null, now: Date) => {
  const hours = n.deadline_hours ?? fallbackHours;
  if (hours == null) return { overdue: false, deadline: null };
  const endedAt = new Date(n.ended_at);
  return {
    overdue: isNoteOverdue({ endedAt, signedAt: null, deadlineHours: hours, now }),
    deadline: noteDeadline(endedAt, hours).toISOString(),
  };
};

/** The supervision timer of one mentor under one interval. */
export const supervisionTimer = (
  s: SupervisionRow | undefined,
  intervalDays: number | null,
  fallbackSince: string | null,
  today: string,
): TTimerState => {
  const lastOn = s?.last_on ?? null;
  if (intervalDays == null) return notApplicable(lastOn, today);
  const t = intervalTimer({ lastDone: lastOn, since: s?.since ?? fallbackSince ?? today, intervalDays, today });
  return { applicable: true, lastOn, intervalDays, ...t };
};

export type TimerSet = {
  timers: Map<string, TYouthTimers>;
  /** The unsigned notes behind the counts, with their deadline. */
  notes: (UnsignedNoteRow & { overdue: boolean; deadline: string | null })[];
  supervision: Map<string, SupervisionRow>;
  /** Each youth's rules (from the open episode), for callers that aggregate per mentor. */
  rules: Map<string, TRuleSet | null>;
  /** The youth selected, in name order. */
  people: YouthName[];
};

export type YouthName = {
  youthId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  programId: string;
};

/** Timers for every youth that `where` selects (a where-clause on `youth`), in five set-based queries and one per mentor set. */
export const computeTimers = async (db: Db | Tx, clock: TimerClock, where: SQL): Promise<TimerSet> => {
  const { today, now, timeZone } = clock;
  const base = await rows<BaseRow>(
    db,
    sql`select ${youth.id} as youth_id, ${youth.firstName} as first_name, ${youth.lastName} as last_name,
        ${youth.preferredName} as preferred_name, ${youth.programId} as program_id, e.id as episode_id, e.admitted_on::text as admitted_on,
        e.rule_set_id, rs.rules, m.id as match_id, m.mentor_user_id,
        (m.created_at at time zone ${timeZone})::date::text as match_started_on
      from ${youth}
      left join lateral (select ep.id, ep.admitted_on, ep.rule_set_id from episode ep
        where ep.youth_id = ${youth.id} and ep.status = 'open' order by ep.admitted_on desc limit 1) e on true
      left join program_rule_set rs on rs.id = e.rule_set_id
      left join lateral (select ma.id, ma.mentor_user_id, ma.created_at from mentor_assignment ma
        where ma.youth_id = ${youth.id} and ma.active order by ma.is_primary desc, ma.created_at limit 1) m on true
      where ${where}
      order by lower(${youth.lastName}), lower(${youth.firstName}), ${youth.id}`,
  );
  // The other timers look up the youth the access-checked query found, by id: planning the scope's subqueries
  // again in each of them cost PostgreSQL more than running them (docs/performance.md). Planned for each request:
  // the best plan for a caseload's ten ids is not the one for an organization's 5,000.
  // An array literal in one text parameter (the same on both drivers); the planner sees how many ids it holds.
  const ids = `{${base.map((b) => b.youth_id).join(',')}}`;
  const chosen = sql`${youth.id} = any(${ids}::uuid[])`;
  const [hub, cans, notes, checkIns, supervision] = await Promise.all([
    rows<{ youth_id: string; last_on: string | null }>(
      db,
      sql`select hc.youth_id, max(hc.contact_on)::text as last_on from hub_contact hc
      join ${youth} on ${youth.id} = hc.youth_id where ${chosen} and hc.contact_on <= ${today} group by hc.youth_id`,
      { named: false },
    ),
    rows<{ youth_id: string; last_on: string | null }>(
      db,
      sql`select r.youth_id, max(r.last_cans_on)::text as last_on from referral r
      join ${youth} on ${youth.id} = r.youth_id where ${chosen} and r.organization_id = ${clock.organizationId} group by r.youth_id`,
      { named: false },
    ),
    unsignedNotes(db, clock, chosen, undefined, false),
    rows<{ youth_id: string; last_on: string | null }>(
      db,
      sql`select c.youth_id, max(c.date)::text as last_on from contact c
      join ${youth} on ${youth.id} = c.youth_id
      where ${chosen} and c.kind = 'collateral' and c.collateral_with = 'guardian' and c.status = 'completed'
        and c.date <= ${today}
      group by c.youth_id`,
      { named: false },
    ),
    supervisionByMentor(
      db,
      clock,
      sql`select distinct ma.mentor_user_id as id from mentor_assignment ma
        join ${youth} on ${youth.id} = ma.youth_id where ${chosen} and ma.organization_id = ${clock.organizationId} and ma.active`,
      false,
    ),
  ]);
  const hubBy = new Map(hub.map((r) => [r.youth_id, r.last_on]));
  const cansBy = new Map(cans.map((r) => [r.youth_id, r.last_on]));
  const checkInBy = new Map(checkIns.map((r) => [r.youth_id, r.last_on]));
  const rulesBy = new Map(base.map((b) => [b.youth_id, b.rules]));
  const notesOut = notes.map((n) => ({
    ...n,
    ...noteIsOverdue(n, rulesBy.get(n.youth_id)?.noteSigningDeadlineHours ?? null, now),
  }));
  const notesBy = new Map<string, typeof notesOut>();
  for (const n of notesOut) notesBy.set(n.youth_id, [...(notesBy.get(n.youth_id) ?? []), n]);

  const timers = new Map<string, TYouthTimers>();
  for (const b of base) {
    const rules = b.episode_id ? b.rules : null;
    const lastHub = hubBy.get(b.youth_id) ?? null;
    const hubContact: TTimerState =
      rules?.hubContactIntervalDays != null && b.admitted_on
        ? {
            applicable: true,
            lastOn: lastHub,
            intervalDays: rules.hubContactIntervalDays,
            ...intervalTimer({
              lastDone: lastHub,
              since: b.admitted_on,
              intervalDays: rules.hubContactIntervalDays,
              today,
            }),
          }
        : notApplicable(lastHub, today);
    const lastCans = cansBy.get(b.youth_id) ?? null;
    const cans: TTimerState = rules?.hubRequired
      ? { applicable: true, lastOn: lastCans, intervalDays: CANS_MAX_AGE_DAYS, ...cansTimer(lastCans, today) }
      : notApplicable(lastCans, today);
    const youthNotes = notesBy.get(b.youth_id) ?? [];
    const supervisionState = b.mentor_user_id
      ? supervisionTimer(
          supervision.get(b.mentor_user_id),
          rules?.supervisionIntervalDays ?? null,
          b.match_started_on,
          today,
        )
      : notApplicable(null, today);
    const lastCheckIn = checkInBy.get(b.youth_id) ?? null;
    const checkInSinceMatch =
      lastCheckIn && b.match_started_on && lastCheckIn >= b.match_started_on ? lastCheckIn : null;
    const matchSupport: TTimerState =
      rules?.matchSupportIntervalDays != null && b.match_started_on
        ? {
            applicable: true,
            lastOn: checkInSinceMatch,
            intervalDays: rules.matchSupportIntervalDays,
            ...intervalTimer({
              lastDone: checkInSinceMatch,
              since: b.match_started_on,
              intervalDays: rules.matchSupportIntervalDays,
              today,
            }),
          }
        : notApplicable(checkInSinceMatch, today);
    const unsigned = {
      count: youthNotes.length,
      overdue: youthNotes.filter((n) => n.overdue).length,
      oldestContactOn: youthNotes[0]?.date ?? null,
    };
    const overdue: TTimerKind[] = [];
    if (hubContact.overdue) overdue.push('hubContact');
    if (cans.overdue) overdue.push('cans');
    if (unsigned.overdue > 0) overdue.push('unsignedNotes');
    if (supervisionState.overdue) overdue.push('supervision');
    if (matchSupport.overdue) overdue.push('matchSupport');
    timers.set(b.youth_id, {
      youthId: b.youth_id,
      episodeId: b.episode_id,
      ruleSetId: b.episode_id ? b.rule_set_id : null,
      today,
      hubContact,
      cans,
      unsignedNotes: unsigned,
      supervision: { ...supervisionState, mentorUserId: b.mentor_user_id },
      matchSupport: { ...matchSupport, matchId: b.match_id },
      overdue,
    });
  }
  const people = base.map((b) => ({
    youthId: b.youth_id,
    firstName: b.first_name,
    lastName: b.last_name,
    preferredName: b.preferred_name,
    programId: b.program_id,
  }));
  return { timers, notes: notesOut, supervision, rules: rulesBy, people };
};
