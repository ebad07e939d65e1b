import {
  SAFETY_PLAN_SECTIONS,
  type TCrisisResources,
  type TProgramSafetySettings,
  type TSafetyPlan,
  type TSafetyPlanSection,
  type TSafetyPlanView,
  type ZSaveSafetyPlan,
  type ZUpdateProgramSafetySettings,
} from '@mentorbridge/core';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { programsFor } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { program, safetyPlan, user } from '../../db/schema.ts';
import { forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { lockKey, permissionsOn } from '../care/care-access.ts';
import { findYouthFor } from '../youth/youth-record.ts';

type PlanRow = typeof safetyPlan.$inferSelect;

const planSelect = { p: safetyPlan, createdByName: user.name };

const toPlan = (r: { p: PlanRow; createdByName: string | null }): TSafetyPlan => ({
  id: r.p.id,
  youthId: r.p.youthId,
  version: r.p.version,
  sections: Object.fromEntries(SAFETY_PLAN_SECTIONS.map((s) => [s, r.p.sections[s] ?? []])) as Record<
    TSafetyPlanSection,
    string[]
  >,
  reasonsForLiving: r.p.reasonsForLiving,
  sharedWithYouth: r.p.sharedWithYouth,
  sharedWithGuardian: r.p.sharedWithGuardian,
  createdByName: r.createdByName ?? '',
  createdAt: isoRequired(r.p.createdAt),
});

const latestPlan = async (db: Db | Tx, youthId: string) => {
  const [r] = await db
    .select(planSelect)
    .from(safetyPlan)
    .leftJoin(user, eq(user.id, safetyPlan.createdBy))
    .where(eq(safetyPlan.youthId, youthId))
    .orderBy(desc(safetyPlan.version))
    .limit(1);
  return r ? toPlan(r) : null;
};

/**
 * The latest plan shared with the youth (or their guardian), or null: they see the current version only when the
 * case staff shared that version with them, never an earlier one.
 */
export const sharedPlanFor = async (db: Db | Tx, youthId: string, viewer: 'youth' | 'guardian') => {
  const plan = await latestPlan(db, youthId);
  if (!plan) return null;
  return (viewer === 'youth' ? plan.sharedWithYouth : plan.sharedWithGuardian) ? plan : null;
};

/** A youth's safety plan: the case team sees the current version and every earlier one. */
export const getSafetyPlan = async (db: Db, actor: Actor, youthId: string): Promise<TSafetyPlanView> => {
  const y = await findYouthFor(db, actor, youthId, 'safety_plan.read');
  const may = await permissionsOn(db, actor, youthId, ['safety_plan.history', 'safety_plan.write'] as const);
  let view: TSafetyPlanView;
  if (may['safety_plan.history']) {
    const versions = await db
      .select({ version: safetyPlan.version, createdAt: safetyPlan.createdAt, createdByName: user.name })
      .from(safetyPlan)
      .leftJoin(user, eq(user.id, safetyPlan.createdBy))
      .where(eq(safetyPlan.youthId, youthId))
      .orderBy(desc(safetyPlan.version));
    view = {
      current: await latestPlan(db, youthId),
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: isoRequired(v.createdAt),
        createdByName: v.createdByName ?? '',
      })),
      mayWrite: may['safety_plan.write'],
    };
  } else {
    const viewer = y.userId === actor.userId ? 'youth' : 'guardian';
    view = { current: await sharedPlanFor(db, youthId, viewer), versions: [], mayWrite: false };
  }
  await auditRead(db, actor, {
    action: 'safety_plan.viewed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { version: view.current?.version ?? null },
  });
  return view;
};

/** One earlier (or the current) version of a youth's safety plan, for the case team. */
export const getSafetyPlanVersion = async (
  db: Db,
  actor: Actor,
  youthId: string,
  version: number,
): Promise<TSafetyPlan> => {
  await findYouthFor(db, actor, youthId, 'safety_plan.history');
  const [r] = await db
    .select(planSelect)
    .from(safetyPlan)
    .leftJoin(user, eq(user.id, safetyPlan.createdBy))
    .where(and(eq(safetyPlan.youthId, youthId), eq(safetyPlan.version, version)));
  if (!r) throw notFound('Safety plan version');
  await auditRead(db, actor, {
    action: 'safety_plan.viewed',
    resourceType: 'safety_plan',
    resourceId: r.p.id,
    youthId,
    detail: { version },
  });
  return toPlan(r);
};

/** Saves the plan as a new version; the earlier ones stay. Editing from a stale version answers 409. */
export const saveSafetyPlan = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZSaveSafetyPlan>,
): Promise<TSafetyPlanView> => {
  await db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'safety_plan.write');
    await lockKey(tx, `safety_plan:${youthId}`);
    const current = await latestPlan(tx, youthId);
    if ((current?.version ?? null) !== input.basedOnVersion) throw versionConflict(current);
    const version = (current?.version ?? 0) + 1;
    const [row] = await tx
      .insert(safetyPlan)
      .values({
        organizationId: y.organizationId,
        youthId,
        version,
        sections: input.sections,
        reasonsForLiving: input.reasonsForLiving ?? null,
        sharedWithYouth: input.sharedWithYouth,
        sharedWithGuardian: input.sharedWithGuardian,
        createdBy: actor.userId,
      })
      .returning({ id: safetyPlan.id });
    await writeAudit(tx, originOf(actor), {
      action: 'safety_plan.saved',
      resourceType: 'safety_plan',
      resourceId: row!.id,
      youthId,
      detail: {
        version,
        sections: SAFETY_PLAN_SECTIONS.filter((s) => input.sections[s].length > 0),
        sharedWithYouth: input.sharedWithYouth,
        sharedWithGuardian: input.sharedWithGuardian,
      },
    });
  });
  return getSafetyPlan(db, actor, youthId);
};

/**
 * The crisis numbers shown beside a youth: the program's mobile crisis line (911, 988 and the state help line are
 * fixed in the panel). Program data only, so the read is not a touch of the youth's record.
 */
export const crisisResourcesFor = async (db: Db, actor: Actor, youthId: string): Promise<TCrisisResources> => {
  const y = await findYouthFor(db, actor, youthId, 'crisis_resources.read');
  return crisisResourcesOfProgram(db, y.programId);
};

export const crisisResourcesOfProgram = async (db: Db | Tx, programId: string): Promise<TCrisisResources> => {
  const [p] = await db
    .select({ name: program.name, phone: program.mobileCrisisPhone })
    .from(program)
    .where(eq(program.id, programId));
  return { programName: p?.name ?? '', mobileCrisisPhone: p?.phone ?? null };
};

const toSettings = (p: typeof program.$inferSelect): TProgramSafetySettings => ({
  programId: p.id,
  programName: p.name,
  checkInDomains: p.checkInDomains,
  mobileCrisisPhone: p.mobileCrisisPhone,
});

const findProgram = async (db: Db | Tx, actor: Actor, programId: string) => {
  const [p] = await db
    .select()
    .from(program)
    .where(and(eq(program.id, programId), eq(program.organizationId, actor.organizationId)));
  if (!p) throw notFound('Program');
  return p;
};

export const getProgramSafetySettings = async (db: Db, actor: Actor, programId: string) =>
  toSettings(await findProgram(db, actor, programId));

/** A program manager sets the check-in areas and the mobile crisis number of their program. */
export const updateProgramSafetySettings = async (
  db: Db,
  actor: Actor,
  programId: string,
  input: z.output<typeof ZUpdateProgramSafetySettings>,
): Promise<TProgramSafetySettings> =>
  db.transaction(async (tx) => {
    const before = await findProgram(tx, actor, programId);
    const scoped = programsFor(actor, 'program_safety.write');
    if (scoped !== null && !scoped.includes(programId)) throw forbidden();
    const [row] = await tx
      .update(program)
      .set({ checkInDomains: input.checkInDomains, mobileCrisisPhone: input.mobileCrisisPhone })
      .where(eq(program.id, programId))
      .returning();
    const fields = [
      ...(JSON.stringify(before.checkInDomains) !== JSON.stringify(input.checkInDomains) ? ['checkInDomains'] : []),
      ...(before.mobileCrisisPhone !== input.mobileCrisisPhone ? ['mobileCrisisPhone'] : []),
    ];
    await writeAudit(tx, originOf(actor), {
      action: 'program.safety_settings_updated',
      resourceType: 'program',
      resourceId: programId,
      detail: { fields },
    });
    return toSettings(row!);
  });
