import {
  daysBetween,
  type TCaseloadDashboard,
  type TComplianceBoard,
  type TMatchesDashboard,
  type TTeamDashboard,
  type TTimerKind,
  type TTimerState,
  type TTodayDashboard,
  type TWaitingYouth,
  type TYouthTimers,
} from '@mentorbridge/core';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { contact, episode, mentorAssignment, user, youth } from '../../db/schema.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { orgClock, rows } from './care-access.ts';
import { matchListSelect, toMatchListItem } from './match-service.ts';
import { computeTimers, supervisionByMentor, supervisionTimer, type TimerClock, type YouthName } from './timers.ts';

const clockFor = async (db: Db, actor: Actor): Promise<TimerClock> => ({
  organizationId: actor.organizationId,
  ...(await orgClock(db, actor)),
});

const nameOf = (p: YouthName) => ({
  youthId: p.youthId,
  firstName: p.firstName,
  lastName: p.lastName,
  preferredName: p.preferredName,
});

const auditDashboard = (
  db: Db,
  actor: Actor,
  which: string,
  youthIds: string[],
  detail: Record<string, unknown> = {},
) =>
  auditRead(db, actor, {
    action: `dashboard.${which}.viewed`,
    resourceType: 'dashboard',
    detail: { ...detail, youth: [...new Set(youthIds)] },
  });

/** Youth actively matched (active or paused) with the acting mentor. */
const caseloadWhere = (actor: Actor): SQL =>
  and(
    youthScope(actor, 'contact.read'),
    sql`exists (select 1 from ${mentorAssignment} where ${mentorAssignment.youthId} = ${youth.id}
      and ${mentorAssignment.mentorUserId} = ${actor.userId} and ${mentorAssignment.active})`,
  )!;

/** One youth's timers. */
export const getYouthTimers = async (db: Db, actor: Actor, youthId: string): Promise<TYouthTimers> => {
  await findYouthFor(db, actor, youthId, 'contact.read');
  const clock = await clockFor(db, actor);
  const { timers } = await computeTimers(db, clock, eq(youth.id, youthId));
  await auditRead(db, actor, { action: 'timers.viewed', resourceType: 'youth', resourceId: youthId, youthId });
  return timers.get(youthId)!;
};

/** The mentor's day: today's contacts, notes past their deadline, youth with an overdue timer. */
export const todayDashboard = async (db: Db, actor: Actor): Promise<TTodayDashboard> => {
  const clock = await clockFor(db, actor);
  const [set, visits] = await Promise.all([
    computeTimers(db, clock, caseloadWhere(actor)),
    db
      .select({
        contactId: contact.id,
        youthId: youth.id,
        firstName: youth.firstName,
        lastName: youth.lastName,
        preferredName: youth.preferredName,
        date: contact.date,
        startTime: contact.startTime,
        endTime: contact.endTime,
        kind: contact.kind,
        status: contact.status,
        noteStatus: contact.noteStatus,
        setting: contact.setting,
      })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(
        and(
          eq(contact.mentorUserId, actor.userId),
          eq(contact.date, clock.today),
          eq(contact.organizationId, actor.organizationId),
          youthScope(actor, 'contact.read'),
        ),
      )
      .orderBy(sql`${contact.startTime} asc nulls last`, asc(contact.id)),
  ]);
  const names = new Map(set.people.map((p) => [p.youthId, p]));
  const overdueNotes = set.notes
    .filter((n) => n.overdue && n.mentor_user_id === actor.userId && names.has(n.youth_id))
    .map((n) => ({
      ...nameOf(names.get(n.youth_id)!),
      contactId: n.id,
      date: n.date,
      noteStatus: n.note_status,
      deadline: n.deadline!,
    }));
  const attention = set.people
    .map((p) => ({ ...nameOf(p), overdue: set.timers.get(p.youthId)!.overdue }))
    .filter((p) => p.overdue.length > 0);
  await auditDashboard(db, actor, 'today', [
    ...visits.map((v) => v.youthId),
    ...overdueNotes.map((n) => n.youthId),
    ...attention.map((a) => a.youthId),
  ]);
  return { today: clock.today, visits, overdueNotes, attention };
};

/** The mentor's caseload with next visit, last contact and timers. */
export const caseloadDashboard = async (db: Db, actor: Actor): Promise<TCaseloadDashboard> => {
  const clock = await clockFor(db, actor);
  const [set, matches] = await Promise.all([
    computeTimers(db, clock, caseloadWhere(actor)),
    rows<{
      youth_id: string;
      pronouns: string | null;
      match_id: string;
      status: 'active' | 'paused' | 'closed';
      is_primary: boolean;
      next_on: string | null;
      next_time: string | null;
      last_on: string | null;
    }>(
      db,
      sql`select ${youth.id} as youth_id, ${youth.pronouns} as pronouns, ma.id as match_id, ma.status::text as status,
        ma.is_primary,
        nv.date::text as next_on, nv.start_time as next_time,
        (select max(c.date)::text from contact c where c.youth_id = ${youth.id} and c.status = 'completed'
          and c.kind = 'session') as last_on
      from ${youth}
      join mentor_assignment ma on ma.youth_id = ${youth.id} and ma.mentor_user_id = ${actor.userId} and ma.active
      left join lateral (select c.date, c.start_time from contact c where c.youth_id = ${youth.id}
        and c.status = 'scheduled' and c.date >= ${clock.today} order by c.date, c.start_time nulls last limit 1) nv on true
      where ${caseloadWhere(actor)}`,
    ),
  ]);
  const byYouth = new Map(matches.map((m) => [m.youth_id, m]));
  const items = set.people
    .filter((p) => byYouth.has(p.youthId))
    .map((p) => {
      const m = byYouth.get(p.youthId)!;
      return {
        ...nameOf(p),
        pronouns: m.pronouns,
        matchId: m.match_id,
        matchStatus: m.status,
        isPrimary: Boolean(m.is_primary),
        nextVisitOn: m.next_on,
        nextVisitTime: m.next_time,
        lastContactOn: m.last_on,
        timers: set.timers.get(p.youthId)!,
      };
    });
  await auditDashboard(
    db,
    actor,
    'caseload',
    items.map((i) => i.youthId),
  );
  return { today: clock.today, items };
};

/** The supervisor's team: each supervisee's caseload, notes and timers. */
export const teamDashboard = async (db: Db, actor: Actor): Promise<TTeamDashboard> => {
  const clock = await clockFor(db, actor);
  const org = actor.organizationId;
  const supervisees = sql`select sa.mentor_user_id as id from supervision_assignment sa
    where sa.supervisor_user_id = ${actor.userId} and sa.organization_id = ${org} and sa.active`;
  const youthWhere = and(
    youthScope(actor, 'youth.read'),
    sql`exists (select 1 from ${mentorAssignment} where ${mentorAssignment.youthId} = ${youth.id}
      and ${mentorAssignment.active} and ${mentorAssignment.mentorUserId} in (${supervisees}))`,
  )!;
  const [members, set, supervision, review] = await Promise.all([
    rows<{ mentor_user_id: string; name: string; capacity: number | null; caseload: number }>(
      db,
      sql`select distinct m.id as mentor_user_id, u.name, sp.capacity,
        (select count(*)::int from mentor_assignment ma where ma.mentor_user_id = m.id and ma.organization_id = ${org}
          and ma.active) as caseload
      from (${supervisees}) m
      join "user" u on u.id = m.id
      left join staff_profile sp on sp.user_id = m.id and sp.organization_id = ${org}
      order by u.name`,
    ),
    computeTimers(db, clock, youthWhere),
    supervisionByMentor(db, clock, supervisees),
    rows<{ mentor_user_id: string; n: number }>(
      db,
      sql`select c.mentor_user_id, count(*)::int as n from contact c
      join ${youth} on ${youth.id} = c.youth_id
      where ${youthWhere} and c.note_status = 'signed' and c.review_required is not null and c.reviewed_at is null
      group by c.mentor_user_id`,
    ),
  ]);
  const reviewBy = new Map(review.map((r) => [r.mentor_user_id, Number(r.n)]));
  const out = members.map((m) => {
    const notes = set.notes.filter((n) => n.mentor_user_id === m.mentor_user_id);
    const theirYouth = set.people.filter(
      (p) => set.timers.get(p.youthId)!.supervision.mentorUserId === m.mentor_user_id,
    );
    // The strictest supervision interval among the rule sets of their youth.
    const intervals = theirYouth
      .map((p) => set.rules.get(p.youthId)?.supervisionIntervalDays)
      .filter((d): d is number => d != null);
    const supervisionState: TTimerState = supervisionTimer(
      supervision.get(m.mentor_user_id),
      intervals.length ? Math.min(...intervals) : null,
      null,
      clock.today,
    );
    return {
      mentorUserId: m.mentor_user_id,
      name: m.name,
      caseload: Number(m.caseload),
      capacity: m.capacity,
      unsignedNotes: notes.length,
      lateNotes: notes.filter((n) => n.overdue).length,
      awaitingReview: reviewBy.get(m.mentor_user_id) ?? 0,
      supervision: supervisionState,
      youthOverdue: theirYouth
        .map((p) => ({ ...nameOf(p), overdue: set.timers.get(p.youthId)!.overdue }))
        .filter((p) => p.overdue.length > 0),
    };
  });
  await auditDashboard(
    db,
    actor,
    'team',
    out.flatMap((m) => m.youthOverdue.map((y) => y.youthId)),
  );
  return { today: clock.today, members: out };
};

const mentorNames = async (db: Db, ids: string[]) => {
  if (!ids.length) return new Map<string, string>();
  const found = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
};

/** The program manager's compliance board: every youth in service with each timer, and the totals. */
export const complianceBoard = async (
  db: Db,
  actor: Actor,
  q: { programId?: string | undefined },
): Promise<TComplianceBoard> => {
  const clock = await clockFor(db, actor);
  const where = and(
    youthScope(actor, 'dashboard.program'),
    eq(youth.status, 'active'),
    q.programId ? eq(youth.programId, q.programId) : undefined,
    sql`(exists (select 1 from ${episode} where ${episode.youthId} = ${youth.id} and ${episode.status} = 'open')
      or exists (select 1 from ${mentorAssignment} where ${mentorAssignment.youthId} = ${youth.id} and ${mentorAssignment.active}))`,
  )!;
  const set = await computeTimers(db, clock, where);
  const mentorIds = [
    ...new Set([...set.timers.values()].map((t) => t.supervision.mentorUserId).filter((id): id is string => !!id)),
  ];
  const names = await mentorNames(db, mentorIds);
  const rowsOut = set.people.map((p) => {
    const timers = set.timers.get(p.youthId)!;
    const mentorUserId = timers.supervision.mentorUserId;
    return {
      ...nameOf(p),
      programId: p.programId,
      mentorUserId,
      mentorName: mentorUserId ? (names.get(mentorUserId) ?? null) : null,
      timers,
    };
  });
  const count = (k: TTimerKind) => rowsOut.filter((r) => r.timers.overdue.includes(k)).length;
  await auditDashboard(
    db,
    actor,
    'compliance',
    rowsOut.map((r) => r.youthId),
    { filters: q.programId ? ['programId'] : [] },
  );
  return {
    today: clock.today,
    rows: rowsOut,
    totals: {
      youth: rowsOut.length,
      hubContact: count('hubContact'),
      cans: count('cans'),
      unsignedNotes: count('unsignedNotes'),
      supervision: count('supervision'),
      matchSupport: count('matchSupport'),
      anyOverdue: rowsOut.filter((r) => r.timers.overdue.length > 0).length,
    },
  };
};

/** Active and paused matches, and the youth admitted with an open episode who wait for a match. */
export const matchesDashboard = async (db: Db, actor: Actor): Promise<TMatchesDashboard> => {
  const clock = await clockFor(db, actor);
  const scope = youthScope(actor, 'dashboard.program');
  const [matches, waiting] = await Promise.all([
    db
      .select(matchListSelect)
      .from(mentorAssignment)
      .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
      .innerJoin(user, eq(user.id, mentorAssignment.mentorUserId))
      .where(and(scope, eq(mentorAssignment.active, true), eq(mentorAssignment.organizationId, actor.organizationId)))
      .orderBy(
        asc(sql`lower(${youth.lastName})`),
        asc(sql`lower(${youth.firstName})`),
        desc(mentorAssignment.isPrimary),
      ),
    db
      .select({
        youthId: youth.id,
        firstName: youth.firstName,
        lastName: youth.lastName,
        preferredName: youth.preferredName,
        programId: youth.programId,
        episodeId: episode.id,
        admittedOn: episode.admittedOn,
        primaryLanguage: youth.primaryLanguage,
        interpreterNeeded: youth.interpreterNeeded,
      })
      .from(youth)
      .innerJoin(episode, and(eq(episode.youthId, youth.id), eq(episode.status, 'open')))
      .where(
        and(
          scope,
          sql`not exists (select 1 from ${mentorAssignment} where ${mentorAssignment.youthId} = ${youth.id} and ${mentorAssignment.active})`,
        ),
      )
      .orderBy(asc(episode.admittedOn), asc(youth.id)),
  ]);
  const seen = new Set<string>();
  const waitingOut: TWaitingYouth[] = [];
  for (const w of waiting) {
    if (seen.has(w.youthId)) continue;
    seen.add(w.youthId);
    waitingOut.push({ ...w, daysWaiting: Math.max(0, daysBetween(w.admittedOn, clock.today)) });
  }
  const items = matches.map(toMatchListItem);
  await auditDashboard(db, actor, 'matches', [...items.map((m) => m.youthId), ...waitingOut.map((w) => w.youthId)]);
  return { today: clock.today, matches: items, waiting: waitingOut };
};
