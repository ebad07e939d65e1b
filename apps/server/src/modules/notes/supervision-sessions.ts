import {
  addDays,
  calendarDate,
  intervalTimer,
  type TSupervisionCompliance,
  type TSupervisionSession,
  type ZCreateSupervisionSession,
  type ZSignSupervisionSession,
  type ZSupervisionSessionQuery,
  type ZUpdateSupervisionSession,
} from '@mentorbridge/core';
import { and, arrayOverlaps, asc, count, desc, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { staffScope, youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import { reauthenticate } from '../../auth/reauthenticate.ts';
import type { Db, Tx } from '../../db/client.ts';
import { membership, mentorAssignment, supervisionAssignment, supervisionSession, youth } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { changedFields } from '../youth/youth-record.ts';
import { namesOf, ruleSetsByProgram, rulesOn, youthDisplayName } from './contact-record.ts';
import { orgClock } from './org-time.ts';
import { currentCredentials } from './review-notes.ts';

type SessionRow = typeof supervisionSession.$inferSelect;

/** Where-clause of the sessions an actor may read: all of the organization's, or those they led or attended. */
const sessionScope = (actor: Actor): SQL => {
  const scope = staffScope(actor, 'supervision.read');
  const org = eq(supervisionSession.organizationId, actor.organizationId);
  if (scope.all) return org;
  if (!scope.self) return sql`false`;
  return and(
    org,
    sql`(${supervisionSession.supervisorUserId} = ${actor.userId} or ${actor.userId} = any(${supervisionSession.superviseeUserIds}))`,
  )!;
};

const toSessions = async (db: Db | Tx, actor: Actor, rows: SessionRow[]): Promise<TSupervisionSession[]> => {
  const youthIds = [...new Set(rows.flatMap((r) => r.youthDiscussed))];
  const [names, readable] = await Promise.all([
    namesOf(db, [...rows.map((r) => r.supervisorUserId), ...rows.flatMap((r) => r.superviseeUserIds)]),
    youthIds.length
      ? db
          .select({
            id: youth.id,
            firstName: youth.firstName,
            lastName: youth.lastName,
            preferredName: youth.preferredName,
          })
          .from(youth)
          .where(and(inArray(youth.id, youthIds), youthScope(actor, 'youth.read')))
      : [],
  ]);
  const youthName = new Map(readable.map((y) => [y.id, youthDisplayName(y)]));
  return rows.map((r) => ({
    id: r.id,
    supervisorUserId: r.supervisorUserId,
    supervisorName: names.get(r.supervisorUserId) ?? '',
    supervisees: r.superviseeUserIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })),
    date: r.date,
    minutes: r.minutes,
    format: r.format as TSupervisionSession['format'],
    remote: r.remote,
    topics: r.topics,
    youthDiscussed: r.youthDiscussed.map((id) => ({ id, name: youthName.get(id) ?? null })),
    actions: r.actions,
    signedAt: iso(r.signedAt),
    signatureCredentials: r.signatureCredentials,
    version: r.version,
    createdAt: isoRequired(r.createdAt),
  }));
};

export const listSupervisionSessions = async (db: Db, actor: Actor, q: z.output<typeof ZSupervisionSessionQuery>) => {
  const filters: SQL[] = [sessionScope(actor)];
  if (q.from) filters.push(gte(supervisionSession.date, q.from));
  if (q.to) filters.push(lte(supervisionSession.date, q.to));
  if (q.mentorUserId) filters.push(sql`${q.mentorUserId} = any(${supervisionSession.superviseeUserIds})`);
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(supervisionSession)
      .where(where)
      .orderBy(desc(supervisionSession.date), desc(supervisionSession.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(supervisionSession).where(where),
  ]);
  const items = await toSessions(db, actor, rows);
  const discussed = [...new Set(rows.flatMap((r) => r.youthDiscussed))];
  if (rows.length && discussed.length) {
    await auditRead(db, actor, {
      action: 'supervision_session.listed',
      resourceType: 'supervision_session',
      detail: { shown: rows.map((r) => r.id), youthDiscussed: discussed },
    });
  }
  return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};

/** Supervisees must be the supervisor's own; youth discussed must be within their reach; the date not ahead. */
const validateSession = async (
  tx: Tx,
  actor: Actor,
  v: { superviseeUserIds?: string[] | undefined; youthDiscussed?: string[] | undefined; date?: string | undefined },
) => {
  const problems: Record<string, string> = {};
  if (v.superviseeUserIds?.length) {
    const mine = await tx
      .select({ id: supervisionAssignment.mentorUserId })
      .from(supervisionAssignment)
      .where(
        and(
          eq(supervisionAssignment.organizationId, actor.organizationId),
          eq(supervisionAssignment.supervisorUserId, actor.userId),
          eq(supervisionAssignment.active, true),
        ),
      );
    const ok = new Set(mine.map((m) => m.id));
    if (v.superviseeUserIds.some((id) => !ok.has(id))) problems.superviseeUserIds = 'Choose mentors you supervise';
  }
  if (v.youthDiscussed?.length) {
    const seen = await tx
      .select({ id: youth.id })
      .from(youth)
      .where(and(inArray(youth.id, v.youthDiscussed), youthScope(actor, 'youth.read')));
    if (seen.length !== v.youthDiscussed.length) problems.youthDiscussed = 'Choose youth of your supervisees';
  }
  if (v.date) {
    const { today } = await orgClock(tx, actor);
    if (v.date > today) problems.date = 'Record a supervision session on or after its day';
  }
  if (Object.keys(problems).length) throw badRequest(problems);
};

export const createSupervisionSession = async (
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateSupervisionSession>,
): Promise<TSupervisionSession> =>
  db.transaction(async (tx) => {
    await validateSession(tx, actor, input);
    const [row] = await tx
      .insert(supervisionSession)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        supervisorUserId: actor.userId,
        superviseeUserIds: input.superviseeUserIds,
        date: input.date,
        minutes: input.minutes,
        format: input.format,
        remote: input.remote,
        topics: input.topics,
        youthDiscussed: input.youthDiscussed,
        actions: input.actions ?? null,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'supervision_session.created',
      resourceType: 'supervision_session',
      resourceId: row!.id,
      detail: { supervisees: input.superviseeUserIds, youthDiscussed: input.youthDiscussed },
    });
    return (await toSessions(tx, actor, [row!]))[0]!;
  });

/** One session the caller may change: 404 out of reach; 403 unless they led it; 409 once signed. */
const loadSessionForChange = async (tx: Tx, actor: Actor, sessionId: string) => {
  const [row] = await tx
    .select()
    .from(supervisionSession)
    .where(and(eq(supervisionSession.id, sessionId), sessionScope(actor)));
  if (!row) throw notFound('Supervision session');
  if (row.supervisorUserId !== actor.userId || !staffScope(actor, 'supervision.write').self)
    throw forbidden('Only the supervisor who led the session can change or sign it');
  if (row.signedAt) throw new AppError(409, 'SESSION_SIGNED', 'This supervision session is signed and cannot change');
  return row;
};

export const updateSupervisionSession = async (
  db: Db,
  actor: Actor,
  sessionId: string,
  patch: z.output<typeof ZUpdateSupervisionSession>,
): Promise<TSupervisionSession> =>
  db.transaction(async (tx) => {
    const before = await loadSessionForChange(tx, actor, sessionId);
    const { version, ...fields } = patch;
    if (before.version !== version) throw versionConflict((await toSessions(tx, actor, [before]))[0]);
    await validateSession(tx, actor, fields);
    const changed = changedFields(before, fields);
    if (!changed.length) return (await toSessions(tx, actor, [before]))[0]!;
    const [row] = await tx
      .update(supervisionSession)
      .set({ ...fields, version: sql`${supervisionSession.version} + 1` })
      .where(and(eq(supervisionSession.id, sessionId), eq(supervisionSession.version, version)))
      .returning();
    if (!row) throw versionConflict((await toSessions(tx, actor, [before]))[0]);
    await writeAudit(tx, originOf(actor), {
      action: 'supervision_session.updated',
      resourceType: 'supervision_session',
      resourceId: sessionId,
      detail: { fields: changed },
    });
    return (await toSessions(tx, actor, [row]))[0]!;
  });

/** The supervisor signs the session with their password and current licence; signed sessions are final. */
export const signSupervisionSession = async (
  db: Db,
  actor: Actor,
  sessionId: string,
  input: z.output<typeof ZSignSupervisionSession>,
): Promise<TSupervisionSession> =>
  db.transaction(async (tx) => {
    const before = await loadSessionForChange(tx, actor, sessionId);
    if (input.version !== undefined && before.version !== input.version)
      throw versionConflict((await toSessions(tx, actor, [before]))[0]);
    await reauthenticate(tx, actor.userId, input.password);
    const { today } = await orgClock(tx, actor);
    const credentials = await currentCredentials(tx, actor.organizationId, actor.userId, today);
    const [row] = await tx
      .update(supervisionSession)
      .set({
        signedAt: new Date(),
        signatureCredentials: credentials,
        version: sql`${supervisionSession.version} + 1`,
      })
      .where(eq(supervisionSession.id, sessionId))
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'supervision_session.signed',
      resourceType: 'supervision_session',
      resourceId: sessionId,
    });
    return (await toSessions(tx, actor, [row!]))[0]!;
  });

/**
 * Supervision cadence per mentor: the last signed session, the minutes in the current cadence window
 * against the minimum, and when the next is due — under the strictest rule set among the programs of the mentor's
 * active matches.
 */
export const supervisionCompliance = async (db: Db, actor: Actor): Promise<TSupervisionCompliance[]> => {
  const scope = staffScope(actor, 'supervision.read');
  const org = actor.organizationId;
  const { today, timeZone } = await orgClock(db, org);
  let mentorIds: string[];
  if (scope.all) {
    mentorIds = (
      await db
        .selectDistinct({ id: membership.userId })
        .from(membership)
        .where(and(eq(membership.organizationId, org), eq(membership.role, 'mentor')))
    ).map((r) => r.id);
  } else {
    const supervised = await db
      .select({ id: supervisionAssignment.mentorUserId })
      .from(supervisionAssignment)
      .where(
        and(
          eq(supervisionAssignment.organizationId, org),
          eq(supervisionAssignment.supervisorUserId, actor.userId),
          eq(supervisionAssignment.active, true),
        ),
      );
    mentorIds = [
      ...new Set([
        ...supervised.map((r) => r.id),
        ...(actor.roles.some((r) => r.role === 'mentor') ? [actor.userId] : []),
      ]),
    ];
  }
  if (!mentorIds.length) return [];
  const [assignments, matches, sessions, ruleSets] = await Promise.all([
    db
      .select({
        mentorUserId: supervisionAssignment.mentorUserId,
        supervisorUserId: supervisionAssignment.supervisorUserId,
        startedAt: supervisionAssignment.startedAt,
      })
      .from(supervisionAssignment)
      .where(
        and(
          eq(supervisionAssignment.organizationId, org),
          eq(supervisionAssignment.active, true),
          inArray(supervisionAssignment.mentorUserId, mentorIds),
        ),
      ),
    db
      .selectDistinct({ mentorUserId: mentorAssignment.mentorUserId, programId: youth.programId })
      .from(mentorAssignment)
      .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
      .where(
        and(
          eq(mentorAssignment.organizationId, org),
          eq(mentorAssignment.active, true),
          inArray(mentorAssignment.mentorUserId, mentorIds),
        ),
      ),
    db
      .select({
        date: supervisionSession.date,
        minutes: supervisionSession.minutes,
        supervisees: supervisionSession.superviseeUserIds,
      })
      .from(supervisionSession)
      .where(
        and(
          eq(supervisionSession.organizationId, org),
          isNotNull(supervisionSession.signedAt),
          arrayOverlaps(supervisionSession.superviseeUserIds, mentorIds),
        ),
      )
      .orderBy(asc(supervisionSession.date)),
    ruleSetsByProgram(db, org),
  ]);
  const names = await namesOf(db, [...mentorIds, ...assignments.map((a) => a.supervisorUserId)]);
  return mentorIds
    .map((mentorUserId): TSupervisionCompliance => {
      const programIds = [...new Set(matches.filter((m) => m.mentorUserId === mentorUserId).map((m) => m.programId))];
      const rules = programIds.map((p) => rulesOn(ruleSets.get(p), today)?.rules).filter((r) => r != null);
      const intervals = rules.map((r) => r.supervisionIntervalDays).filter((d): d is number => d != null);
      const intervalDays = intervals.length ? Math.min(...intervals) : null;
      const minMinutes = rules.length ? Math.max(...rules.map((r) => r.supervisionMinMinutes)) : 0;
      const mine = sessions.filter((s) => s.supervisees.includes(mentorUserId));
      const lastSessionOn = mine.at(-1)?.date ?? null;
      const windowStart = intervalDays ? addDays(today, -(intervalDays - 1)) : null;
      const minutesInWindow = windowStart
        ? mine.filter((s) => s.date >= windowStart && s.date <= today).reduce((n, s) => n + s.minutes, 0)
        : 0;
      const supervisors = assignments.filter((a) => a.mentorUserId === mentorUserId);
      const since = supervisors.length
        ? calendarDate(new Date(Math.min(...supervisors.map((a) => a.startedAt.getTime()))), timeZone)
        : today;
      const timer = intervalTimer({ lastDone: lastSessionOn, since, intervalDays, today });
      return {
        mentorUserId,
        mentorName: names.get(mentorUserId) ?? '',
        supervisors: supervisors.map((a) => ({
          userId: a.supervisorUserId,
          name: names.get(a.supervisorUserId) ?? '',
        })),
        programIds,
        intervalDays,
        minMinutes,
        lastSessionOn,
        windowStart,
        minutesInWindow,
        minutesMet: intervalDays == null || minutesInWindow >= minMinutes,
        dueOn: timer.due,
        overdue: timer.overdue,
      };
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.mentorName.localeCompare(b.mentorName));
};
