import {
  billingUnits,
  failedGates,
  type GateFailure,
  isLicenceExpired,
  minutesBetween,
  ruleSetOn,
  type TGateCheck,
} from '@mentorbridge/core';
import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sum } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  consent,
  contact,
  episode,
  goal,
  hubService,
  mentorClearance,
  programRuleSet,
  staffProfile,
  supervisionAssignment,
} from '../../db/schema.ts';
import { iso } from '../../http/schemas.ts';
import { type ContactRow, type RuleSetRow, signingDeadline } from './contact-record.ts';

/** The episode of care a contact on `day` belongs to: the latest admission on or before it, not discharged before. */
export const episodeOn = async (db: Db | Tx, youthId: string, day: string) => {
  const [row] = await db
    .select()
    .from(episode)
    .where(
      and(
        eq(episode.youthId, youthId),
        lte(episode.admittedOn, day),
        or(isNull(episode.dischargedOn), gte(episode.dischargedOn, day)),
      ),
    )
    .orderBy(desc(episode.admittedOn))
    .limit(1);
  return row ?? null;
};

export type NoteEvaluation = {
  episodeId: string | null;
  ruleSet: RuleSetRow | null;
  billableProgram: boolean;
  failures: GateFailure[];
  billable: boolean;
  minutes: number;
  units: number;
  deadlineAt: Date | null;
};

/**
 * What signing this note now would decide: the rules in force on the contact date for the youth's
 * episode, every hard gate that fails, whether the contact is billable and its units.
 */
export const evaluateNote = async (
  db: Db | Tx,
  c: ContactRow,
  youthProgramId: string,
  timeZone: string,
): Promise<NoteEvaluation> => {
  const ep = c.episodeId
    ? ((await db.select().from(episode).where(eq(episode.id, c.episodeId)))[0] ?? null)
    : await episodeOn(db, c.youthId, c.date);
  const programId = ep?.programId ?? youthProgramId;
  const versions = await db.select().from(programRuleSet).where(eq(programRuleSet.programId, programId));
  const ruleSet = ruleSetOn(versions, c.date) ?? null;
  const rules = ruleSet?.rules;
  const billableProgram = Boolean(rules?.billable);
  const minutes = c.startTime && c.endTime ? Math.max(0, minutesBetween(c.startTime, c.endTime)) : 0;

  let failures: GateFailure[] = [];
  if (c.kind === 'session') {
    const [agreement] = ep
      ? await db
          .select({ id: consent.id })
          .from(consent)
          .where(
            and(
              eq(consent.episodeId, ep.id),
              eq(consent.kind, 'guardian_agreement'),
              isNull(consent.withdrawnAt),
              lte(consent.givenOn, c.date),
            ),
          )
          .limit(1)
      : [];
    const [hub] = await db
      .select({ id: hubService.id })
      .from(hubService)
      .where(
        and(
          eq(hubService.youthId, c.youthId),
          lte(hubService.startedOn, c.date),
          or(isNull(hubService.endedOn), gte(hubService.endedOn, c.date)),
        ),
      )
      .limit(1);
    const linked = c.goalIds.length
      ? await db
          .select({ id: goal.id })
          .from(goal)
          .where(and(eq(goal.youthId, c.youthId), inArray(goal.id, c.goalIds)))
      : [];
    const supervisors = await db
      .select({
        licenceType: staffProfile.licenceType,
        licenceNumber: staffProfile.licenceNumber,
        licenceExpiresOn: staffProfile.licenceExpiresOn,
      })
      .from(supervisionAssignment)
      .leftJoin(
        staffProfile,
        and(
          eq(staffProfile.userId, supervisionAssignment.supervisorUserId),
          eq(staffProfile.organizationId, supervisionAssignment.organizationId),
        ),
      )
      .where(
        and(
          eq(supervisionAssignment.organizationId, c.organizationId),
          eq(supervisionAssignment.mentorUserId, c.mentorUserId),
          eq(supervisionAssignment.active, true),
        ),
      );
    const candidates = supervisors.map((s) => ({
      hasLicence: Boolean(s.licenceType && s.licenceNumber),
      licenceExpiresOn: s.licenceExpiresOn ?? null,
    }));
    // Any one supervisor with a current licence satisfies the gate.
    const supervisor =
      candidates.find((s) => s.hasLicence && !isLicenceExpired(s.licenceExpiresOn, c.date)) ?? candidates[0] ?? null;
    // Cleared on the contact date: a clearance recorded on or before it and not revoked (as the intake area shows it).
    const [clearance] = await db
      .select({ clearedOn: mentorClearance.clearedOn })
      .from(mentorClearance)
      .where(
        and(
          eq(mentorClearance.organizationId, c.organizationId),
          eq(mentorClearance.mentorUserId, c.mentorUserId),
          isNull(mentorClearance.revokedAt),
          lte(mentorClearance.clearedOn, c.date),
        ),
      )
      .orderBy(desc(mentorClearance.clearedOn), desc(mentorClearance.createdAt))
      .limit(1);
    failures = failedGates({
      today: c.date,
      hubRequired: Boolean(rules?.hubRequired),
      hasGuardianAgreement: Boolean(agreement),
      hasActiveHub: Boolean(hub),
      linkedGoalCount: linked.length,
      supervisor,
      mentorClearedOn: clearance?.clearedOn ?? null,
    });
  }
  const billable = billableProgram && c.kind === 'session' && failures.length === 0;
  let units = 0;
  if (billable && rules) {
    const [already] = await db
      .select({ n: sum(contact.billingUnits) })
      .from(contact)
      .where(
        and(
          eq(contact.youthId, c.youthId),
          eq(contact.date, c.date),
          ne(contact.id, c.id),
          eq(contact.billable, true),
          inArray(contact.noteStatus, ['signed', 'approved', 'cosigned']),
        ),
      );
    units = billingUnits(minutes, rules, Number(already?.n ?? 0));
  }
  return {
    episodeId: ep?.id ?? null,
    ruleSet,
    billableProgram,
    failures,
    billable,
    minutes,
    units,
    deadlineAt: rules && c.endTime ? signingDeadline(c, rules, timeZone) : null,
  };
};

export const toGateCheck = (e: NoteEvaluation): TGateCheck => ({
  ruleSetId: e.ruleSet?.id ?? null,
  ruleSetVersion: e.ruleSet?.version ?? null,
  billableProgram: e.billableProgram,
  failures: e.failures,
  billableIfSigned: e.billable,
  minutes: e.minutes,
  unitsPreview: e.units,
  noteSigningDeadlineHours: e.ruleSet?.rules.noteSigningDeadlineHours ?? null,
  deadlineAt: iso(e.deadlineAt),
});
