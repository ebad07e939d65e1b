import type {
  TMatch,
  TMatchListItem,
  TMentorAvailability,
  ZCloseMatch,
  ZCreateMatch,
  ZRematch,
} from '@mentorbridge/core';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  episode,
  membership,
  mentorAssignment,
  mentorClearance,
  staffProfile,
  supervisionAssignment,
  user,
  youth,
} from '../../db/schema.ts';
import { AppError, badRequest, versionConflict } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { findYouthFor, type YouthRow } from '../youth/youth-record.ts';
import { findMatchFor, lockKey, type MatchRow, isFuture, orgClock, rows } from './care-access.ts';

type CreateInput = z.output<typeof ZCreateMatch>;
type CloseInput = z.output<typeof ZCloseMatch>;
type RematchInput = z.output<typeof ZRematch>;

const matchFields = { m: mentorAssignment, mentorName: user.name };

export const toMatch = (m: MatchRow, mentorName: string): TMatch => ({
  id: m.id,
  youthId: m.youthId,
  mentorUserId: m.mentorUserId,
  mentorName,
  episodeId: m.episodeId,
  status: m.status,
  isPrimary: m.isPrimary,
  meetingFrequency: m.meetingFrequency,
  expectedDurationMonths: m.expectedDurationMonths,
  agreementSignedOn: m.agreementSignedOn,
  startedAt: isoRequired(m.startedAt),
  endedAt: iso(m.endedAt),
  closedOn: m.closedOn,
  closureType: m.closureType,
  closureReasons: m.closureReasons,
  closureChecklist: m.closureChecklist,
  closureNote: m.closureNote,
  version: m.version,
});

const withMentorName = async (db: Db | Tx, m: MatchRow): Promise<TMatch> => {
  const [u] = await db.select({ name: user.name }).from(user).where(eq(user.id, m.mentorUserId));
  return toMatch(m, u?.name ?? '');
};

/** Primary first, then open matches before closed ones, newest first. */
const matchOrder = [
  desc(mentorAssignment.active),
  desc(mentorAssignment.isPrimary),
  desc(mentorAssignment.startedAt),
  asc(mentorAssignment.id),
];

export const listYouthMatches = async (db: Db, actor: Actor, youthId: string): Promise<TMatch[]> => {
  await findYouthFor(db, actor, youthId, 'match.read');
  const found = await db
    .select(matchFields)
    .from(mentorAssignment)
    .innerJoin(user, eq(user.id, mentorAssignment.mentorUserId))
    .where(and(eq(mentorAssignment.youthId, youthId), eq(mentorAssignment.organizationId, actor.organizationId)))
    .orderBy(...matchOrder);
  await auditRead(db, actor, {
    action: 'match.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: found.map((r) => r.m.id) },
  });
  return found.map((r) => toMatch(r.m, r.mentorName));
};

export const matchListSelect = {
  m: mentorAssignment,
  mentorName: user.name,
  youthFirstName: youth.firstName,
  youthLastName: youth.lastName,
  youthPreferredName: youth.preferredName,
  programId: youth.programId,
};
type MatchListRow = {
  m: MatchRow;
  mentorName: string;
  youthFirstName: string;
  youthLastName: string;
  youthPreferredName: string | null;
  programId: string;
};
export const toMatchListItem = (r: MatchListRow): TMatchListItem => ({
  ...toMatch(r.m, r.mentorName),
  youthFirstName: r.youthFirstName,
  youthLastName: r.youthLastName,
  youthPreferredName: r.youthPreferredName,
  programId: r.programId,
});

export const listMatches = async (
  db: Db,
  actor: Actor,
  q: { status?: TMatch['status']; programId?: string; mentorUserId?: string; page: number; pageSize: number },
) => {
  const filters: SQL[] = [youthScope(actor, 'match.read'), eq(mentorAssignment.organizationId, actor.organizationId)];
  if (q.status) filters.push(eq(mentorAssignment.status, q.status));
  if (q.programId) filters.push(eq(youth.programId, q.programId));
  if (q.mentorUserId) filters.push(eq(mentorAssignment.mentorUserId, q.mentorUserId));
  const where = and(...filters);
  const [found, [total]] = await Promise.all([
    db
      .select(matchListSelect)
      .from(mentorAssignment)
      .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
      .innerJoin(user, eq(user.id, mentorAssignment.mentorUserId))
      .where(where)
      .orderBy(asc(sql`lower(${youth.lastName})`), asc(sql`lower(${youth.firstName})`), ...matchOrder)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(mentorAssignment)
      .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
      .where(where),
  ]);
  if (found.length) {
    await auditRead(db, actor, {
      action: 'match.searched',
      resourceType: 'match',
      detail: {
        filters: (['status', 'programId', 'mentorUserId'] as const).filter((k) => q[k] != null),
        page: q.page,
        shown: found.map((r) => r.m.id),
        youth: [...new Set(found.map((r) => r.m.youthId))],
      },
    });
  }
  return { items: found.map(toMatchListItem), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};

/** How many matches a mentor carries (active and paused) and how many they may carry. */
export const mentorLoad = async (db: Db | Tx, organizationId: string, mentorUserId: string) => {
  const [[load], [profile]] = await Promise.all([
    db
      .select({ n: count() })
      .from(mentorAssignment)
      .where(
        and(
          eq(mentorAssignment.organizationId, organizationId),
          eq(mentorAssignment.mentorUserId, mentorUserId),
          eq(mentorAssignment.active, true),
        ),
      ),
    db
      .select({ capacity: staffProfile.capacity })
      .from(staffProfile)
      .where(and(eq(staffProfile.organizationId, organizationId), eq(staffProfile.userId, mentorUserId))),
  ]);
  return { caseload: load?.n ?? 0, capacity: profile?.capacity ?? null };
};

type OpenInput = {
  id?: string | undefined;
  mentorUserId: string;
  isPrimary: boolean;
  meetingFrequency: string;
  expectedDurationMonths: number;
  agreementSignedOn: string;
  episodeId?: string | undefined;
};

/**
 * Opens a match inside the caller's transaction (which holds the youth's lock): the mentor must hold the mentor
 * role here, must not already be matched with the youth, must have room under their capacity; one active
 * primary per youth, and a secondary only beside a primary. `field` prefixes field names in errors.
 */
const openMatch = async (tx: Tx, actor: Actor, y: YouthRow, input: OpenInput, today: string, field = '') => {
  const f = (name: string) => `${field}${name}`;
  const [isMentor] = await tx
    .select({ id: membership.id })
    .from(membership)
    .where(
      and(
        eq(membership.organizationId, actor.organizationId),
        eq(membership.userId, input.mentorUserId),
        eq(membership.role, 'mentor'),
      ),
    )
    .limit(1);
  if (!isMentor) throw badRequest({ [f('mentorUserId')]: 'Not a mentor in this organization' });
  if (isFuture(input.agreementSignedOn, today)) throw badRequest({ [f('agreementSignedOn')]: 'Cannot be in the future' });

  await lockKey(tx, `match:mentor:${actor.organizationId}:${input.mentorUserId}`);
  const open = await tx
    .select({ mentorUserId: mentorAssignment.mentorUserId, isPrimary: mentorAssignment.isPrimary })
    .from(mentorAssignment)
    .where(and(eq(mentorAssignment.youthId, y.id), eq(mentorAssignment.active, true)));
  if (open.some((m) => m.mentorUserId === input.mentorUserId)) {
    throw badRequest({ [f('mentorUserId')]: 'This mentor already has an open match with this youth' });
  }
  const hasPrimary = open.some((m) => m.isPrimary);
  if (input.isPrimary && hasPrimary) {
    throw new AppError(
      409,
      'PRIMARY_MATCH_EXISTS',
      'The youth already has an active primary match: add this one as secondary, or re-match the primary',
    );
  }
  if (!input.isPrimary && !hasPrimary) {
    throw badRequest({ [f('isPrimary')]: 'The youth has no active primary match; make this match primary' });
  }
  const { caseload, capacity } = await mentorLoad(tx, actor.organizationId, input.mentorUserId);
  if (capacity != null && caseload >= capacity) {
    throw new AppError(
      409,
      'CAPACITY_REACHED',
      `The mentor carries ${caseload} active or paused matches and has a capacity of ${capacity}`,
      { current: { caseload, capacity } },
    );
  }

  let episodeId: string | null = null;
  if (input.episodeId) {
    const [e] = await tx
      .select({ id: episode.id })
      .from(episode)
      .where(and(eq(episode.id, input.episodeId), eq(episode.youthId, y.id), eq(episode.status, 'open')));
    if (!e) throw badRequest({ [f('episodeId')]: 'Not an open episode of this youth\'s' });
    episodeId = e.id;
  } else {
    const [e] = await tx
      .select({ id: episode.id })
      .from(episode)
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')))
      .orderBy(desc(episode.admittedOn))
      .limit(1);
    episodeId = e?.id ?? null;
  }

  const [row] = await tx
    .insert(mentorAssignment)
    .values({
      id: input.id,
      organizationId: actor.organizationId,
      youthId: y.id,
      mentorUserId: input.mentorUserId,
      episodeId,
      active: true,
      status: 'active',
      isPrimary: input.isPrimary,
      meetingFrequency: input.meetingFrequency,
      expectedDurationMonths: input.expectedDurationMonths,
      agreementSignedOn: input.agreementSignedOn,
    })
    .returning();
  await writeAudit(tx, originOf(actor), {
    action: 'match.created',
    resourceType: 'match',
    resourceId: row!.id,
    youthId: y.id,
    detail: { mentorUserId: input.mentorUserId, isPrimary: input.isPrimary, episodeId },
  });
  return row!;
};

export const createMatch = async (db: Db, actor: Actor, youthId: string, input: CreateInput): Promise<TMatch> =>
  db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'match.write');
    await lockKey(tx, `match:youth:${youthId}`);
    const { today } = await orgClock(tx, actor);
    const row = await openMatch(tx, actor, y, input, today);
    return withMentorName(tx, row);
  });

/** Loads a match that is still open, under its youth's lock, at the version the caller edited. */
const openMatchForChange = async (tx: Tx, actor: Actor, matchId: string, version: number) => {
  const before = await findMatchFor(tx, actor, matchId, 'match.write');
  await lockKey(tx, `match:youth:${before.youthId}`);
  const [m] = await tx.select().from(mentorAssignment).where(eq(mentorAssignment.id, matchId));
  if (m!.version !== version) throw versionConflict(await withMentorName(tx, m!));
  if (m!.status === 'closed') throw new AppError(409, 'MATCH_CLOSED', 'This match is closed');
  return m!;
};

export const setMatchStatus = async (
  db: Db,
  actor: Actor,
  matchId: string,
  input: { status: 'active' | 'paused'; version: number },
): Promise<TMatch> =>
  db.transaction(async (tx) => {
    const m = await openMatchForChange(tx, actor, matchId, input.version);
    if (m.status === input.status) return withMentorName(tx, m);
    const [row] = await tx
      .update(mentorAssignment)
      .set({ status: input.status, version: sql`${mentorAssignment.version} + 1` })
      .where(and(eq(mentorAssignment.id, matchId), eq(mentorAssignment.version, input.version)))
      .returning();
    if (!row) throw versionConflict(await withMentorName(tx, m));
    await writeAudit(tx, originOf(actor), {
      action: input.status === 'paused' ? 'match.paused' : 'match.resumed',
      resourceType: 'match',
      resourceId: matchId,
      youthId: m.youthId,
    });
    return withMentorName(tx, row);
  });

const closeInTx = async (
  tx: Tx,
  actor: Actor,
  m: MatchRow,
  input: { closedOn: string; closureType: string; reasons: string[]; checklist: string[]; note?: string | null },
  today: string,
) => {
  if (isFuture(input.closedOn, today)) throw badRequest({ closedOn: 'Cannot be in the future' });
  if (m.agreementSignedOn && input.closedOn < m.agreementSignedOn) {
    throw badRequest({ closedOn: 'Cannot be before the match agreement was signed' });
  }
  const reasons = [...new Set(input.reasons)];
  const checklist = [...new Set(input.checklist)];
  const [row] = await tx
    .update(mentorAssignment)
    .set({
      status: 'closed',
      active: false,
      endedAt: new Date(),
      closedOn: input.closedOn,
      closureType: input.closureType,
      closureReasons: reasons,
      closureChecklist: checklist,
      closureNote: input.note ?? null,
      version: sql`${mentorAssignment.version} + 1`,
    })
    .where(and(eq(mentorAssignment.id, m.id), eq(mentorAssignment.version, m.version)))
    .returning();
  if (!row) throw versionConflict(await withMentorName(tx, m));
  await writeAudit(tx, originOf(actor), {
    action: 'match.closed',
    resourceType: 'match',
    resourceId: m.id,
    youthId: m.youthId,
    detail: { closureType: input.closureType, reasons, checklist, fields: input.note ? ['note'] : [] },
  });
  return row;
};

export const closeMatch = async (db: Db, actor: Actor, matchId: string, input: CloseInput): Promise<TMatch> =>
  db.transaction(async (tx) => {
    const m = await openMatchForChange(tx, actor, matchId, input.version);
    const { today } = await orgClock(tx, actor);
    return withMentorName(tx, await closeInTx(tx, actor, m, input, today));
  });

/** Closes a match inside the caller's transaction (a program manager's review of a youth's flag closes it with the flag). */
export const closeMatchInTx = async (tx: Tx, actor: Actor, matchId: string, input: CloseInput): Promise<TMatch> => {
  const m = await openMatchForChange(tx, actor, matchId, input.version);
  const { today } = await orgClock(tx, actor);
  return withMentorName(tx, await closeInTx(tx, actor, m, input, today));
};

/** Closes a match with the reason "rematch" and opens the new one with another mentor: both or neither. */
export const rematch = async (db: Db, actor: Actor, matchId: string, input: RematchInput) =>
  db.transaction(async (tx) => {
    const m = await openMatchForChange(tx, actor, matchId, input.version);
    if (input.newMatch.mentorUserId === m.mentorUserId) {
      throw badRequest({ 'newMatch.mentorUserId': 'Choose another mentor than the one of the match being closed' });
    }
    const { today } = await orgClock(tx, actor);
    const closed = await closeInTx(tx, actor, m, { ...input, reasons: ['rematch', ...input.reasons] }, today);
    const [y] = await tx.select().from(youth).where(eq(youth.id, m.youthId));
    // The new match links to the youth's open episode, like any new match.
    const opened = await openMatch(tx, actor, y!, { ...input.newMatch, isPrimary: m.isPrimary }, today, 'newMatch.');
    return { closed: await withMentorName(tx, closed), opened: await withMentorName(tx, opened) };
  });

/** Mentors to match with: caseload against capacity, languages, supervisor, clearance. */
export const mentorAvailability = async (
  db: Db,
  actor: Actor,
  q: { programId?: string | undefined; language?: string | undefined },
): Promise<TMentorAvailability[]> => {
  const { today } = await orgClock(db, actor);
  const org = actor.organizationId;
  const programFilter = q.programId
    ? sql`and (${membership.programId} is null or ${membership.programId} = ${q.programId})`
    : sql``;
  const languageFilter = q.language
    ? sql`and exists (select 1 from unnest(coalesce(${staffProfile.languages}, '{}'::text[])) as l(v) where lower(l.v) = lower(${q.language}))`
    : sql``;
  const found = await rows<{
    user_id: string;
    name: string;
    languages: string[] | null;
    capacity: number | null;
    caseload: number;
    supervisor_user_id: string | null;
    supervisor_name: string | null;
    cleared: boolean;
  }>(
    db,
    sql`select u.id as user_id, u.name,
      ${staffProfile.languages} as languages, ${staffProfile.capacity} as capacity,
      (select count(*)::int from ${mentorAssignment} where ${mentorAssignment.organizationId} = ${org}
        and ${mentorAssignment.mentorUserId} = u.id and ${mentorAssignment.active}) as caseload,
      sup.id as supervisor_user_id, sup.name as supervisor_name,
      exists (select 1 from ${mentorClearance} where ${mentorClearance.organizationId} = ${org}
        and ${mentorClearance.mentorUserId} = u.id and ${mentorClearance.revokedAt} is null
        and ${mentorClearance.clearedOn} <= ${today}) as cleared
    from ${user} u
    left join ${staffProfile} on ${staffProfile.userId} = u.id and ${staffProfile.organizationId} = ${org}
    left join lateral (
      select su.id, su.name from ${supervisionAssignment} join ${user} su on su.id = ${supervisionAssignment.supervisorUserId}
      where ${supervisionAssignment.mentorUserId} = u.id and ${supervisionAssignment.organizationId} = ${org}
        and ${supervisionAssignment.active}
      order by ${supervisionAssignment.startedAt} limit 1
    ) sup on true
    where exists (select 1 from ${membership} where ${membership.userId} = u.id and ${membership.organizationId} = ${org}
      and ${membership.role} = 'mentor' ${programFilter})
    ${languageFilter}
    order by u.name, u.id`,
  );
  return found
    .map((r) => ({
      userId: r.user_id,
      name: r.name,
      languages: r.languages ?? [],
      caseload: Number(r.caseload),
      capacity: r.capacity,
      openPlaces: r.capacity == null ? null : Math.max(0, r.capacity - Number(r.caseload)),
      supervisorUserId: r.supervisor_user_id,
      supervisorName: r.supervisor_name,
      cleared: Boolean(r.cleared),
    }))
    .sort((a, b) => (b.openPlaces ?? Number.MAX_SAFE_INTEGER) - (a.openPlaces ?? Number.MAX_SAFE_INTEGER));
};
