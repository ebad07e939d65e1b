import {
  checkEligibility,
  type TEligibilityResult,
  type TEpisode,
  type ZAdmit,
  type ZEligibilityRequest,
} from '@mentorbridge/core';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { episode, hubService, referral, youth } from '../../db/schema.ts';
import { AppError, badRequest, versionConflict } from '../../http/errors.ts';
import { loadEpisode } from './episodes.ts';
import { findReferralFor, hubActiveOn, orgToday, type RuleSetRow, ruleSetInForce } from './intake-common.ts';
import { invalidTransition, loadReferral } from './referrals.ts';

type Check = {
  onDate: string;
  livingSituation?: z.output<typeof ZEligibilityRequest>['livingSituation'];
  admissionCriteria: z.output<typeof ZEligibilityRequest>['admissionCriteria'];
  exclusionCriteria: z.output<typeof ZEligibilityRequest>['exclusionCriteria'];
};

/** The eligibility check (R-1.6–1.11) against the program's rule set in force on the day. */
const evaluate = async (
  db: Db | Tx,
  r: typeof referral.$inferSelect,
  y: typeof youth.$inferSelect,
  check: Check,
): Promise<TEligibilityResult & { ruleSetRow: RuleSetRow }> => {
  const rs = await ruleSetInForce(db, r.programId, check.onDate);
  if (!rs) {
    throw new AppError(409, 'NO_RULE_SET', `The program has no rule set in force on ${check.onDate}`);
  }
  const hubs = await db
    .select({ startedOn: hubService.startedOn, endedOn: hubService.endedOn })
    .from(hubService)
    .where(eq(hubService.youthId, y.id));
  const result = checkEligibility({
    dateOfBirth: y.dateOfBirth,
    onDate: check.onDate,
    payer: y.payer,
    livingSituation: check.livingSituation ?? null,
    hasActiveHub: hubs.some((h) => hubActiveOn(h, check.onDate)),
    admissionCriteria: check.admissionCriteria,
    exclusionCriteria: check.exclusionCriteria,
    rules: rs.rules,
  });
  return {
    ...result,
    onDate: check.onDate,
    ruleSet: { id: rs.id, version: rs.version, effectiveFrom: rs.effectiveFrom },
    ruleSetRow: rs,
  };
};

/** Every finding of the eligibility check, without storing anything (the check itself is audited as a read). */
export const previewEligibility = async (
  db: Db,
  actor: Actor,
  referralId: string,
  input: z.output<typeof ZEligibilityRequest>,
): Promise<TEligibilityResult> => {
  const { r, y } = await findReferralFor(db, actor, referralId, 'referral.screen');
  const onDate = input.onDate ?? (await orgToday(db, actor.organizationId));
  const { ruleSetRow: _rs, ...result } = await evaluate(db, r, y, { ...input, onDate });
  await auditRead(db, actor, {
    action: 'referral.eligibility_checked',
    resourceType: 'referral',
    resourceId: r.id,
    youthId: y.id,
    detail: { eligible: result.eligible, failed: result.findings.filter((f) => !f.met).map((f) => f.code) },
  });
  return result;
};

/**
 * Admits an accepted referral: checks eligibility with the rule set in force on the admission day and, when the
 * youth is eligible, opens the episode (findings, who decided and when, the rule-set version), marks the
 * referral admitted and the youth active, in one transaction. An ineligible youth is refused with 422 and the
 * failing findings; nothing is written.
 */
export const admitReferral = async (
  db: Db,
  actor: Actor,
  referralId: string,
  input: z.output<typeof ZAdmit>,
): Promise<TEpisode> =>
  db.transaction(async (tx) => {
    const { r, y } = await findReferralFor(tx, actor, referralId, 'episode.manage');
    if (input.version !== undefined && input.version !== r.version) throw versionConflict(await loadReferral(tx, r, y));
    if (r.status !== 'accepted') throw invalidTransition(r.status, 'admitted');
    const today = await orgToday(tx, actor.organizationId);
    if (input.admittedOn > today) throw badRequest({ admittedOn: 'The admission date cannot be in the future' });
    const [open] = await tx
      .select({ id: episode.id })
      .from(episode)
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')));
    if (open) throw new AppError(409, 'EPISODE_OPEN', 'The youth already has an open episode');
    const result = await evaluate(tx, r, y, { ...input, onDate: input.admittedOn });
    if (!result.eligible) {
      const failing = result.findings.filter((f) => !f.met);
      const extra = {
        fields: Object.fromEntries(failing.map((f) => [`eligibility.${f.code}`, f.detail])),
        findings: failing,
      };
      throw new AppError(
        422,
        'NOT_ELIGIBLE',
        'The youth does not meet the eligibility rules',
        extra as AppError['extra'],
      );
    }
    const now = new Date();
    const [e] = await tx
      .insert(episode)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        programId: r.programId,
        youthId: y.id,
        referralId: r.id,
        ruleSetId: result.ruleSet.id,
        status: 'open',
        admittedOn: input.admittedOn,
        livingSituation: input.livingSituation,
        admissionCriteria: input.admissionCriteria,
        exclusionCriteria: input.exclusionCriteria,
        eligibility: { eligible: result.eligible, findings: result.findings },
        eligibilityDecidedBy: actor.userId,
        eligibilityDecidedAt: now,
      })
      .returning();
    await tx
      .update(referral)
      .set({ status: 'admitted', statusChangedAt: now, updatedAt: now, version: sql`${referral.version} + 1` })
      .where(eq(referral.id, r.id));
    await tx
      .update(youth)
      .set({ status: 'active', deactivatedAt: null, updatedAt: now, version: sql`${youth.version} + 1` })
      .where(eq(youth.id, y.id));
    await writeAudit(tx, originOf(actor), [
      {
        action: 'episode.admitted',
        resourceType: 'episode',
        resourceId: e!.id,
        youthId: y.id,
        detail: { referralId: r.id, ruleSetId: result.ruleSet.id, ruleSetVersion: result.ruleSet.version },
      },
      {
        action: 'referral.status_changed',
        resourceType: 'referral',
        resourceId: r.id,
        youthId: y.id,
        detail: { from: r.status, to: 'admitted', episodeId: e!.id, youthStatus: 'active' },
      },
    ]);
    return loadEpisode(tx, e!, actor.organizationId);
  });
