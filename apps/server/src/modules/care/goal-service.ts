import type {
  TGasLevels,
  TGoal,
  TGoalList,
  TGoalProgress,
  THubPlanGoal,
  ZCreateGoal,
  ZCreateGoalProgress,
  ZUpdateGoal,
} from '@mentorbridge/core';
import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  episode,
  goal,
  goalProgress,
  hubService,
  membership,
  referral,
  user,
  youthHubClinician,
} from '../../db/schema.ts';
import { AppError, badRequest, versionConflict } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { changedFields, findYouthFor } from '../youth/youth-record.ts';
import { findGoalFor, type GoalRow, isFuture, orgClock, permissionsOn } from './care-access.ts';

type CreateInput = z.output<typeof ZCreateGoal>;
type UpdateInput = z.output<typeof ZUpdateGoal>;
type ProgressInput = z.output<typeof ZCreateGoalProgress>;

const owner = alias(user, 'goal_owner');

const latestLevel = sql<
  number | null
>`(select ${goalProgress.level} from ${goalProgress} where ${goalProgress.goalId} = ${goal.id} order by ${goalProgress.ratedOn} desc, ${goalProgress.createdAt} desc limit 1)`;
const latestRatedOn = sql<
  string | null
>`(select ${goalProgress.ratedOn}::text from ${goalProgress} where ${goalProgress.goalId} = ${goal.id} order by ${goalProgress.ratedOn} desc limit 1)`;

const goalSelect = { g: goal, ownerName: owner.name, latestLevel, latestRatedOn };

const toGoal = (r: {
  g: GoalRow;
  ownerName: string | null;
  latestLevel: number | null;
  latestRatedOn: string | null;
}): TGoal => ({
  id: r.g.id,
  youthId: r.g.youthId,
  episodeId: r.g.episodeId,
  hubPlanGoal: r.g.hubPlanGoal,
  hubPlanGoalId: r.g.hubPlanGoalId,
  planType: r.g.planType,
  planDate: r.g.planDate,
  familyAgreed: r.g.familyAgreed,
  ownerUserId: r.g.ownerUserId,
  ownerName: r.ownerName,
  title: r.g.title,
  specific: r.g.specific,
  measurable: r.g.measurable,
  achievable: r.g.achievable,
  relevant: r.g.relevant,
  targetDate: r.g.targetDate,
  gasLevels: (r.g.gasLevels as TGasLevels | null) ?? null,
  weight: r.g.weight,
  status: r.g.status,
  latestLevel: r.latestLevel == null ? null : Number(r.latestLevel),
  latestRatedOn: r.latestRatedOn,
  version: r.g.version,
  createdAt: isoRequired(r.g.createdAt),
  updatedAt: isoRequired(r.g.updatedAt),
});

const loadGoal = async (db: Db | Tx, goalId: string): Promise<TGoal> => {
  const [r] = await db
    .select(goalSelect)
    .from(goal)
    .leftJoin(owner, eq(owner.id, goal.ownerUserId))
    .where(eq(goal.id, goalId));
  return toGoal(r!);
};

const openEpisodeOf = async (db: Db | Tx, youthId: string) => {
  const [e] = await db
    .select({ id: episode.id })
    .from(episode)
    .where(and(eq(episode.youthId, youthId), eq(episode.status, 'open')))
    .orderBy(desc(episode.admittedOn))
    .limit(1);
  return e?.id ?? null;
};

export const listGoals = async (db: Db, actor: Actor, youthId: string): Promise<TGoalList> => {
  await findYouthFor(db, actor, youthId, 'goal.read');
  const [found, may, openEpisodeId] = await Promise.all([
    db
      .select(goalSelect)
      .from(goal)
      .leftJoin(owner, eq(owner.id, goal.ownerUserId))
      .where(and(eq(goal.youthId, youthId), eq(goal.organizationId, actor.organizationId)))
      .orderBy(
        sql`case ${goal.status} when 'active' then 0 when 'met' then 1 else 2 end`,
        desc(goal.weight),
        asc(goal.createdAt),
      ),
    permissionsOn(db, actor, youthId, ['goal.write'] as const),
    openEpisodeOf(db, youthId),
  ]);
  const goals = found.map(toGoal);
  // The hub plan goals of the youth's referrals, offered to whoever adds goals.
  let hubPlanGoals: THubPlanGoal[] = [];
  if (may['goal.write']) {
    const refs = await db
      .select({ id: referral.id, planGoals: referral.planGoals })
      .from(referral)
      .where(and(eq(referral.youthId, youthId), eq(referral.organizationId, actor.organizationId)))
      .orderBy(desc(referral.receivedAt));
    hubPlanGoals = refs.flatMap((r) =>
      (r.planGoals ?? []).map((p) => ({
        referralId: r.id,
        text: p.text,
        planGoalId: p.planGoalId ?? null,
        planType: p.planType,
        planDate: p.planDate ?? null,
        used: goals.some((g) =>
          p.planGoalId ? g.hubPlanGoalId === p.planGoalId : !g.hubPlanGoalId && g.hubPlanGoal === p.text,
        ),
      })),
    );
  }
  await auditRead(db, actor, {
    action: 'goal.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: goals.map((g) => g.id) },
  });
  return { items: goals, hubPlanGoals, openEpisodeId: may['goal.write'] ? openEpisodeId : null };
};

/** The youth's hub clinician when known: the coordinating (or any) active hub service's clinician, else the care team's. */
const defaultOwner = async (tx: Tx, youthId: string, today: string): Promise<string | null> => {
  const [hub] = await tx
    .select({ userId: hubService.clinicianUserId })
    .from(hubService)
    .where(
      and(
        eq(hubService.youthId, youthId),
        sql`${hubService.clinicianUserId} is not null`,
        or(isNull(hubService.endedOn), sql`${hubService.endedOn} >= ${today}`),
      ),
    )
    .orderBy(desc(hubService.coordinating), desc(hubService.startedOn))
    .limit(1);
  if (hub?.userId) return hub.userId;
  const [team] = await tx
    .select({ userId: youthHubClinician.userId })
    .from(youthHubClinician)
    .where(eq(youthHubClinician.youthId, youthId))
    .orderBy(asc(youthHubClinician.createdAt))
    .limit(1);
  return team?.userId ?? null;
};

const assertOwner = async (tx: Tx, actor: Actor, ownerUserId: string) => {
  const [m] = await tx
    .select({ id: membership.id })
    .from(membership)
    .where(
      and(
        eq(membership.organizationId, actor.organizationId),
        eq(membership.userId, ownerUserId),
        eq(membership.role, 'hub_clinician'),
      ),
    )
    .limit(1);
  if (!m) throw badRequest({ ownerUserId: 'Not a hub clinician in this organization' });
};

export const createGoal = async (db: Db, actor: Actor, youthId: string, input: CreateInput): Promise<TGoal> =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, youthId, 'goal.write');
    const { today } = await orgClock(tx, actor);
    const episodeId = await openEpisodeOf(tx, youthId);
    if (!episodeId) {
      throw new AppError(409, 'NO_OPEN_EPISODE', 'Goals belong to an episode of care: admit the youth first');
    }
    if (input.planDate && isFuture(input.planDate, today)) throw badRequest({ planDate: 'Cannot be in the future' });
    let ownerUserId: string | null;
    if (input.ownerUserId) {
      await assertOwner(tx, actor, input.ownerUserId);
      ownerUserId = input.ownerUserId;
    } else if (input.ownerUserId === null) {
      ownerUserId = null;
    } else {
      ownerUserId = await defaultOwner(tx, youthId, today);
    }
    const { id, ...fields } = input;
    const [row] = await tx
      .insert(goal)
      .values({
        ...fields,
        id,
        organizationId: actor.organizationId,
        youthId,
        episodeId,
        ownerUserId,
        hubPlanGoalId: fields.hubPlanGoalId ?? null,
        planDate: fields.planDate ?? null,
        targetDate: fields.targetDate ?? null,
        gasLevels: fields.gasLevels ?? null,
      })
      .returning({ id: goal.id });
    await writeAudit(tx, originOf(actor), {
      action: 'goal.created',
      resourceType: 'goal',
      resourceId: row!.id,
      youthId,
      detail: { episodeId, familyAgreed: input.familyAgreed, gas: input.gasLevels != null, ownerUserId },
    });
    return loadGoal(tx, row!.id);
  });

export const updateGoal = async (db: Db, actor: Actor, goalId: string, patch: UpdateInput): Promise<TGoal> =>
  db.transaction(async (tx) => {
    const before = await findGoalFor(tx, actor, goalId, 'goal.write');
    const { version, ...fields } = patch;
    if (before.version !== version) throw versionConflict(await loadGoal(tx, goalId));
    const changed = changedFields(before, fields);
    if (changed.length === 0) return loadGoal(tx, goalId);
    if (changed.includes('ownerUserId') && fields.ownerUserId) await assertOwner(tx, actor, fields.ownerUserId);
    if (changed.includes('planDate') && fields.planDate) {
      const { today } = await orgClock(tx, actor);
      if (isFuture(fields.planDate, today)) throw badRequest({ planDate: 'Cannot be in the future' });
    }
    const set: Partial<typeof goal.$inferInsert> = {};
    for (const k of changed) (set as Record<string, unknown>)[k] = (fields as Record<string, unknown>)[k] ?? null;
    const [row] = await tx
      .update(goal)
      .set({ ...set, version: sql`${goal.version} + 1`, updatedAt: new Date() })
      .where(and(eq(goal.id, goalId), eq(goal.version, version)))
      .returning({ id: goal.id });
    if (!row) throw versionConflict(await loadGoal(tx, goalId));
    await writeAudit(tx, originOf(actor), {
      action: 'goal.updated',
      resourceType: 'goal',
      resourceId: goalId,
      youthId: before.youthId,
      detail: { fields: changed },
    });
    return loadGoal(tx, goalId);
  });

const progressSelect = {
  p: goalProgress,
  ratedByName: user.name,
};
const toProgress = (r: { p: typeof goalProgress.$inferSelect; ratedByName: string | null }): TGoalProgress => ({
  id: r.p.id,
  goalId: r.p.goalId,
  ratedOn: r.p.ratedOn,
  level: r.p.level,
  note: r.p.note,
  ratedBy: r.p.ratedBy,
  ratedByName: r.ratedByName,
  createdAt: isoRequired(r.p.createdAt),
});

export const addGoalProgress = async (
  db: Db,
  actor: Actor,
  goalId: string,
  input: ProgressInput,
): Promise<TGoalProgress> =>
  db.transaction(async (tx) => {
    const g = await findGoalFor(tx, actor, goalId, 'goal.progress');
    if (g.status !== 'active') {
      throw new AppError(409, 'GOAL_NOT_ACTIVE', 'Progress is rated on active goals only');
    }
    const { today } = await orgClock(tx, actor);
    if (isFuture(input.ratedOn, today)) throw badRequest({ ratedOn: 'Cannot be in the future' });
    const [row] = await tx
      .insert(goalProgress)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        goalId,
        ratedOn: input.ratedOn,
        level: input.level,
        note: input.note ?? null,
        ratedBy: actor.userId,
      })
      .returning({ id: goalProgress.id });
    await writeAudit(tx, originOf(actor), {
      action: 'goal.progress_recorded',
      resourceType: 'goal_progress',
      resourceId: row!.id,
      youthId: g.youthId,
      detail: { goalId },
    });
    const [r] = await tx
      .select(progressSelect)
      .from(goalProgress)
      .leftJoin(user, eq(user.id, goalProgress.ratedBy))
      .where(eq(goalProgress.id, row!.id));
    return toProgress(r!);
  });

export const listGoalProgress = async (db: Db, actor: Actor, goalId: string): Promise<TGoalProgress[]> => {
  const g = await findGoalFor(db, actor, goalId, 'goal.read');
  const found = await db
    .select(progressSelect)
    .from(goalProgress)
    .leftJoin(user, eq(user.id, goalProgress.ratedBy))
    .where(eq(goalProgress.goalId, goalId))
    .orderBy(desc(goalProgress.ratedOn), desc(goalProgress.createdAt));
  await auditRead(db, actor, {
    action: 'goal.progress_viewed',
    resourceType: 'goal',
    resourceId: goalId,
    youthId: g.youthId,
    detail: { shown: found.map((r) => r.p.id) },
  });
  return found.map(toProgress);
};
