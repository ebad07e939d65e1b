import {
  addDays,
  RULE_SET_PRESETS,
  ruleSetOn,
  type TCreateRuleSet,
  type TProgramDetail,
  type TRuleSetPreset,
  type TRuleSetPresetInfo,
  type TRuleSetVersion,
  type TRuleSetVersions,
  therapeuticMentoringDefinition,
  type ZCreateRuleSet,
} from '@mentorbridge/core';
import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { mayEver } from '../../access/policy.ts';
import { programsFor } from '../../access/scopes.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  contact,
  mentorAssignment,
  program,
  programRuleSet,
  staffProfile,
  supervisionAssignment,
  youth,
} from '../../db/schema.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { orgToday, personRef, type RuleSetRow, ruleSetVersions, userNames } from './intake-common.ts';

/**
 * Loads a program of the actor's organization. Anyone who may read rule sets sees every program of the
 * organization; writing is for the programs a role covers (403 for another program, 404 outside the organization).
 */
export const findProgramFor = async (
  db: Db | Tx,
  actor: Actor,
  programId: string,
  action: 'rule_set.read' | 'rule_set.write',
) => {
  const [p] = await db
    .select()
    .from(program)
    .where(and(eq(program.id, programId), eq(program.organizationId, actor.organizationId)));
  const roles = actor.roles.map((r) => r.role);
  if (!p || !mayEver('rule_set.read', roles)) throw notFound('Program');
  if (action !== 'rule_set.read') {
    const allowed = programsFor(actor, action);
    if (allowed !== null && !allowed.includes(programId))
      throw forbidden('You cannot change the rules of that program');
  }
  return p;
};

const toVersion = (r: RuleSetRow, names: Map<string, string>, inForceId: string | null): TRuleSetVersion => ({
  id: r.id,
  programId: r.programId,
  version: r.version,
  effectiveFrom: r.effectiveFrom,
  preset: r.preset,
  rules: r.rules,
  createdBy: personRef(names, r.createdBy),
  createdAt: isoRequired(r.createdAt),
  inForce: r.id === inForceId,
});

export const listRuleSets = async (db: Db, actor: Actor, programId: string): Promise<TRuleSetVersions> => {
  await findProgramFor(db, actor, programId, 'rule_set.read');
  const [rows, today] = await Promise.all([ruleSetVersions(db, programId), orgToday(db, actor.organizationId)]);
  const names = await userNames(
    db,
    rows.map((r) => r.createdBy),
  );
  const inForceId = ruleSetOn(rows, today)?.id ?? null;
  return { programId, today, inForceId, versions: rows.map((r) => toVersion(r, names, inForceId)) };
};

/** Checks across fields that the rule-set schema alone cannot make. */
const ruleProblems = (rules: TCreateRuleSet['rules']): Record<string, string> => {
  const fields: Record<string, string> = {};
  if (rules.partialUnitFromMinutes > rules.unitMinutes)
    fields['rules.partialUnitFromMinutes'] = 'A partial unit cannot need more minutes than a whole unit';
  if (rules.billable && !rules.serviceCode) fields['rules.serviceCode'] = 'A billable program needs a service code';
  return fields;
};

export const createRuleSet = async (
  db: Db,
  actor: Actor,
  programId: string,
  input: z.output<typeof ZCreateRuleSet>,
): Promise<TRuleSetVersion> => {
  const problems = ruleProblems(input.rules);
  if (Object.keys(problems).length) throw badRequest(problems);
  return db.transaction(async (tx) => {
    await findProgramFor(tx, actor, programId, 'rule_set.write');
    // One writer at a time per program, so two new versions cannot take the same number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rule_set:${programId}`}))`);
    const versions = await ruleSetVersions(tx, programId);
    const latest = versions[0];
    if (latest && input.effectiveFrom < latest.effectiveFrom) {
      throw badRequest({
        effectiveFrom: `Cannot be before the latest version's effective date (${latest.effectiveFrom})`,
      });
    }
    const [row] = await tx
      .insert(programRuleSet)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        programId,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        preset: input.preset ?? null,
        rules: input.rules,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'rule_set.created',
      resourceType: 'program_rule_set',
      resourceId: row!.id,
      detail: { programId, version: row!.version, effectiveFrom: row!.effectiveFrom, preset: row!.preset },
    });
    const today = await orgToday(tx, actor.organizationId);
    const inForceId = ruleSetOn([row!, ...versions], today)?.id ?? null;
    return toVersion(row!, await userNames(tx, [actor.userId]), inForceId);
  });
};

export const listPresets = (): TRuleSetPresetInfo[] =>
  (Object.keys(RULE_SET_PRESETS) as TRuleSetPreset[]).map((key) => ({
    key,
    label: RULE_SET_PRESETS[key].label,
    rules: structuredClone(RULE_SET_PRESETS[key].rules) as TRuleSetPresetInfo['rules'],
  }));

/** How far back contacts count as "recent" for the evidence-based-practice criterion. */
const SKILL_LOOKBACK_DAYS = 90;

export const getProgram = async (db: Db, actor: Actor, programId: string): Promise<TProgramDetail> => {
  const p = await findProgramFor(db, actor, programId, 'rule_set.read');
  const today = await orgToday(db, actor.organizationId);
  const versions = await ruleSetVersions(db, programId);
  const current = ruleSetOn(versions, today);

  const mentorRows = await db
    .selectDistinct({ userId: mentorAssignment.mentorUserId })
    .from(mentorAssignment)
    .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
    .where(
      and(
        eq(youth.programId, programId),
        eq(youth.organizationId, actor.organizationId),
        eq(mentorAssignment.organizationId, actor.organizationId),
        eq(mentorAssignment.active, true),
      ),
    );
  const mentorIds = mentorRows.map((m) => m.userId);
  const [profiles, supervision, [skills]] = await Promise.all([
    mentorIds.length
      ? db
          .select({
            userId: staffProfile.userId,
            degreeLevel: staffProfile.degreeLevel,
            licenceType: staffProfile.licenceType,
          })
          .from(staffProfile)
          .where(and(eq(staffProfile.organizationId, actor.organizationId), inArray(staffProfile.userId, mentorIds)))
      : Promise.resolve([]),
    mentorIds.length
      ? db
          .select({
            mentorUserId: supervisionAssignment.mentorUserId,
            licenceType: staffProfile.licenceType,
            licenceExpiresOn: staffProfile.licenceExpiresOn,
          })
          .from(supervisionAssignment)
          .leftJoin(
            staffProfile,
            and(
              eq(staffProfile.userId, supervisionAssignment.supervisorUserId),
              eq(staffProfile.organizationId, actor.organizationId),
            ),
          )
          .where(
            and(
              eq(supervisionAssignment.organizationId, actor.organizationId),
              eq(supervisionAssignment.active, true),
              inArray(supervisionAssignment.mentorUserId, mentorIds),
            ),
          )
      : Promise.resolve([]),
    db
      .select({ n: count() })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(
        and(
          eq(youth.programId, programId),
          eq(contact.organizationId, actor.organizationId),
          eq(contact.status, 'completed'),
          gte(contact.date, addDays(today, -SKILL_LOOKBACK_DAYS)),
          sql`cardinality(${contact.skills}) > 0`,
        ),
      ),
  ]);
  const profileOf = new Map(profiles.map((r) => [r.userId, r]));
  const definition = therapeuticMentoringDefinition({
    kind: p.kind,
    outcomeMeasuresScheduled: Boolean(
      current?.rules.measurementSchedule.baseline && current.rules.measurementSchedule.everyWeeks,
    ),
    skillContacts: skills?.n ?? 0,
    mentors: mentorIds.map((id) => ({
      degreeLevel: profileOf.get(id)?.degreeLevel ?? null,
      hasLicence: Boolean(profileOf.get(id)?.licenceType),
      supervisors: supervision
        .filter((s) => s.mentorUserId === id)
        .map((s) => ({ hasLicence: Boolean(s.licenceType), licenceExpiresOn: s.licenceExpiresOn })),
    })),
    today,
  });
  const names = await userNames(db, [current?.createdBy]);
  return {
    id: p.id,
    organizationId: p.organizationId,
    name: p.name,
    kind: p.kind,
    active: p.active,
    today,
    ruleSet: current ? toVersion(current, names, current.id) : null,
    definition,
  };
};
