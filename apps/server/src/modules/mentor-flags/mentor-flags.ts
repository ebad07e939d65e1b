import type { TMentorFlag, TYouthHome, ZCreateMentorFlag, ZMentorFlagListQuery, ZReviewMentorFlag } from '@mentorbridge/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { checkIn, mentorAssignment, mentorFlag, program, user, youth } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { displayName, lockKey, orgClock } from '../care/care-access.ts';
import { closeMatchInTx } from '../care/match-service.ts';
import { raiseAlert } from '../safety/raise-alert.ts';
import { crisisResourcesOfProgram, sharedPlanFor } from '../safety-plans/safety-plans.ts';

const mentor = alias(user, 'flagged_mentor');
const reviewer = alias(user, 'flag_reviewer');

const flagSelect = {
  f: mentorFlag,
  firstName: youth.firstName,
  lastName: youth.lastName,
  preferredName: youth.preferredName,
  mentorName: mentor.name,
  reviewedByName: reviewer.name,
};
type FlagRow = {
  f: typeof mentorFlag.$inferSelect;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  mentorName: string | null;
  reviewedByName: string | null;
};

const toFlag = (r: FlagRow): TMentorFlag => ({
  id: r.f.id,
  youthId: r.f.youthId,
  youthName: displayName(r),
  matchId: r.f.assignmentId,
  mentorUserId: r.f.mentorUserId,
  mentorName: r.mentorName ?? '',
  reason: r.f.reason,
  status: r.f.status,
  createdAt: isoRequired(r.f.createdAt),
  reviewedAt: iso(r.f.reviewedAt),
  reviewedByName: r.reviewedByName,
  outcome: r.f.outcome,
  reviewNote: r.f.reviewNote,
});

const flagQuery = (db: Db) =>
  db
    .select(flagSelect)
    .from(mentorFlag)
    .innerJoin(youth, eq(youth.id, mentorFlag.youthId))
    .leftJoin(mentor, eq(mentor.id, mentorFlag.mentorUserId))
    .leftJoin(reviewer, eq(reviewer.id, mentorFlag.reviewedBy));

/** The signed-in youth's own record. */
const ownYouth = async (db: Db, actor: Actor) => {
  const [y] = await db.select().from(youth).where(youthScope(actor, 'youth_home.read')).limit(1);
  if (!y) throw notFound('Youth');
  return y;
};

/** Where a youth lands: their check-in areas, their shared safety plan, crisis numbers, their mentors to flag. */
export const youthHome = async (db: Db, actor: Actor): Promise<TYouthHome> => {
  const y = await ownYouth(db, actor);
  const [p] = await db.select({ domains: program.checkInDomains }).from(program).where(eq(program.id, y.programId));
  const [last] = await db
    .select({ at: checkIn.createdAt })
    .from(checkIn)
    .where(eq(checkIn.youthId, y.id))
    .orderBy(desc(checkIn.createdAt))
    .limit(1);
  const mentors = await db
    .select({ a: mentorAssignment, name: user.name })
    .from(mentorAssignment)
    .innerJoin(user, eq(user.id, mentorAssignment.mentorUserId))
    .where(and(eq(mentorAssignment.youthId, y.id), eq(mentorAssignment.active, true)))
    .orderBy(desc(mentorAssignment.isPrimary));
  const plan = await sharedPlanFor(db, y.id, 'youth');
  await auditRead(db, actor, {
    action: 'youth_home.viewed',
    resourceType: 'youth',
    resourceId: y.id,
    youthId: y.id,
    detail: { safetyPlanVersion: plan?.version ?? null },
  });
  return {
    youthId: y.id,
    firstName: y.preferredName || y.firstName,
    checkInDomains: p?.domains ?? [],
    lastCheckInAt: iso(last?.at),
    safetyPlan: plan,
    mentors: mentors.map((m) => ({
      matchId: m.a.id,
      mentorName: m.name,
      isPrimary: m.a.isPrimary,
      suspended: m.a.contactSuspendedAt != null,
    })),
    crisis: await crisisResourcesOfProgram(db, y.programId),
  };
};

/**
 * A youth flags their mentor. In one transaction: the flag, the match's contact suspended (the mentor can no
 * longer reach the youth, see the caseload relationship in scopes.ts), and an alert to the program managers only.
 */
export const createMentorFlag = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZCreateMentorFlag>,
): Promise<TMentorFlag> => {
  const id = await db.transaction(async (tx) => {
    const [y] = await tx
      .select({ y: youth, allowed: sql<boolean>`(${youthScope(actor, 'mentor_flag.create')})` })
      .from(youth)
      .where(and(eq(youth.id, youthId), youthScope(actor, 'youth.read')));
    if (!y) throw notFound('Youth');
    if (!y.allowed) throw forbidden();
    await lockKey(tx, `match:youth:${youthId}`);
    const matches = await tx
      .select()
      .from(mentorAssignment)
      .where(and(eq(mentorAssignment.youthId, youthId), eq(mentorAssignment.active, true)))
      .orderBy(desc(mentorAssignment.isPrimary));
    const match = input.matchId ? matches.find((m) => m.id === input.matchId) : matches[0];
    if (input.matchId && !match) throw badRequest({ matchId: 'Not one of your mentors' });
    if (!match) throw new AppError(409, 'NO_ACTIVE_MATCH', 'You have no mentor to flag');
    if (match.contactSuspendedAt) {
      throw new AppError(409, 'FLAG_OPEN', 'You already flagged this mentor; a program manager is reviewing it');
    }
    const now = new Date();
    const [flag] = await tx
      .insert(mentorFlag)
      .values({
        organizationId: y.y.organizationId,
        youthId,
        assignmentId: match.id,
        mentorUserId: match.mentorUserId,
        reason: input.reason ?? null,
        flaggedBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: mentorFlag.id });
    await tx
      .update(mentorAssignment)
      .set({ contactSuspendedAt: now, version: sql`${mentorAssignment.version} + 1` })
      .where(eq(mentorAssignment.id, match.id));
    const alert = await raiseAlert(tx, originOf(actor), {
      youthId,
      source: 'mentor_flag',
      sourceId: flag!.id,
      severity: 'non_acute',
      reasons: ['mentor_flag'],
      raisedBy: actor.userId,
      now,
      audience: 'managers',
    });
    await writeAudit(tx, originOf(actor), {
      action: 'mentor_flag.created',
      resourceType: 'mentor_flag',
      resourceId: flag!.id,
      youthId,
      detail: { matchId: match.id, mentorUserId: match.mentorUserId, alertId: alert.id, contactSuspended: true },
    });
    return flag!.id;
  });
  const [row] = await flagQuery(db).where(eq(mentorFlag.id, id));
  return toFlag(row!);
};

export const listMentorFlags = async (
  db: Db,
  actor: Actor,
  q: z.output<typeof ZMentorFlagListQuery>,
): Promise<TMentorFlag[]> => {
  const rows = await flagQuery(db)
    .where(
      and(
        eq(mentorFlag.organizationId, actor.organizationId),
        youthScope(actor, 'mentor_flag.read'),
        q.status === 'all' ? undefined : eq(mentorFlag.status, q.status),
      ),
    )
    .orderBy(desc(mentorFlag.createdAt))
    .limit(200);
  await auditRead(db, actor, {
    action: 'mentor_flag.listed',
    resourceType: 'mentor_flag',
    detail: { shown: rows.map((r) => r.f.id), youth: [...new Set(rows.map((r) => r.f.youthId))] },
  });
  return rows.map(toFlag);
};

/**
 * A program manager reviews a flag: contact_restored lifts the suspension; match_closed closes the match (through
 * the match service, in this transaction); rematch_planned keeps the mentor away until the re-match closes it.
 */
export const reviewMentorFlag = async (
  db: Db,
  actor: Actor,
  flagId: string,
  input: z.output<typeof ZReviewMentorFlag>,
): Promise<TMentorFlag> => {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ f: mentorFlag, allowed: sql<boolean>`(${youthScope(actor, 'mentor_flag.review')})` })
      .from(mentorFlag)
      .innerJoin(youth, eq(youth.id, mentorFlag.youthId))
      .where(and(eq(mentorFlag.id, flagId), youthScope(actor, 'youth.read')));
    if (!row) throw notFound('Flag');
    if (!row.allowed) throw forbidden();
    const f = row.f;
    await lockKey(tx, `match:youth:${f.youthId}`);
    const [fresh] = await tx.select({ status: mentorFlag.status }).from(mentorFlag).where(eq(mentorFlag.id, flagId));
    if (fresh!.status !== 'open') throw new AppError(409, 'FLAG_REVIEWED', 'This flag has already been reviewed');
    const [match] = await tx.select().from(mentorAssignment).where(eq(mentorAssignment.id, f.assignmentId));
    if (input.outcome === 'contact_restored') {
      if (!match!.active) throw new AppError(409, 'MATCH_CLOSED', 'This match is closed; contact cannot be restored');
      await tx
        .update(mentorAssignment)
        .set({ contactSuspendedAt: null, version: sql`${mentorAssignment.version} + 1` })
        .where(eq(mentorAssignment.id, match!.id));
    } else if (input.outcome === 'match_closed' && match!.active) {
      const { today } = await orgClock(tx, actor);
      await closeMatchInTx(tx, actor, match!.id, {
        closedOn: input.closedOn ?? today,
        closureType: 'unplanned',
        reasons: ['safety_or_conduct'],
        checklist: [],
        note: null,
        version: match!.version,
      });
    }
    await tx
      .update(mentorFlag)
      .set({
        status: 'reviewed',
        outcome: input.outcome,
        reviewNote: input.reviewNote ?? null,
        reviewedAt: new Date(),
        reviewedBy: actor.userId,
      })
      .where(eq(mentorFlag.id, flagId));
    await writeAudit(tx, originOf(actor), {
      action: 'mentor_flag.reviewed',
      resourceType: 'mentor_flag',
      resourceId: flagId,
      youthId: f.youthId,
      detail: { outcome: input.outcome, matchId: f.assignmentId },
    });
  });
  const [out] = await flagQuery(db).where(eq(mentorFlag.id, flagId));
  return toFlag(out!);
};
