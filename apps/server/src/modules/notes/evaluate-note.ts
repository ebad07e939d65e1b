import {
  billingUnits,
  failedGates,
  type GateFailure,
  isLicenceExpired,
  minutesBetween,
  ruleSetOn,
  type TGateCheck,
} from '@mentorbridge/core';
import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sql, sum } from 'drizzle-orm';
import { type Db, rowsOf, type Tx } from '../../db/client.ts';
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

type GateFacts = {
  agreement: boolean;
  hub: boolean;
  linked: number;
  supervisors: { licenceType: string | null; licenceNumber: string | null; licenceExpiresOn: string | null }[];
  clearedOn: string | null;
};

/**
 * What the hard gates look at, on the contact date, in one statement (every note read, draft save and signing
 * evaluates them): the guardian's agreement on the episode, an active hub, the linked goals that are the youth's,
 * the mentor's supervisors' licences, and the mentor's clearance (recorded on or before the date, not revoked).
 */
const gateFacts = async (db: Db | Tx, c: ContactRow, episodeId: string | null): Promise<GateFacts> => {
  const [row] = rowsOf<{
    agreement: boolean;
    hub: boolean;
    linked: number | string;
    supervisors: GateFacts['supervisors'] | string;
    cleared_on: string | null;
  }>(
    await db.execute(sql`select
      ${
        episodeId
          ? sql`exists (select 1 from ${consent} where ${consent.episodeId} = ${episodeId}
              and ${consent.kind} = 'guardian_agreement' and ${consent.withdrawnAt} is null
              and ${consent.givenOn} <= ${c.date}::date)`
          : sql`false`
      } as agreement,
      exists (select 1 from ${hubService} where ${hubService.youthId} = ${c.youthId}
        and ${hubService.startedOn} <= ${c.date}::date
        and (${hubService.endedOn} is null or ${hubService.endedOn} >= ${c.date}::date)) as hub,
      ${
        c.goalIds.length
          ? sql`(select count(*) from ${goal} where ${goal.youthId} = ${c.youthId}
              and ${goal.id} in (${sql.join(
                c.goalIds.map((id) => sql`${id}::uuid`),
                sql`, `,
              )}))`
          : sql`0`
      } as linked,
      (select coalesce(json_agg(json_build_object('licenceType', p.licence_type, 'licenceNumber', p.licence_number,
          'licenceExpiresOn', p.licence_expires_on::text)), '[]'::json)
        from ${supervisionAssignment} sa
        left join ${staffProfile} p on p.user_id = sa.supervisor_user_id and p.organization_id = sa.organization_id
        where sa.organization_id = ${c.organizationId} and sa.mentor_user_id = ${c.mentorUserId} and sa.active)
        as supervisors,
      (select ${mentorClearance.clearedOn}::text from ${mentorClearance}
        where ${mentorClearance.organizationId} = ${c.organizationId} and ${mentorClearance.mentorUserId} = ${c.mentorUserId}
          and ${mentorClearance.revokedAt} is null and ${mentorClearance.clearedOn} <= ${c.date}::date
        order by ${mentorClearance.clearedOn} desc, ${mentorClearance.createdAt} desc limit 1) as cleared_on`),
  );
  return {
    agreement: Boolean(row?.agreement),
    hub: Boolean(row?.hub),
    linked: Number(row?.linked ?? 0),
    supervisors: typeof row?.supervisors === 'string' ? JSON.parse(row.supervisors) : (row?.supervisors ?? []),
    clearedOn: row?.cleared_on ?? null,
  };
};

/**
 * What signing this note now would decide (R-6.2, R-1.38): the rules in force on the contact date for the youth's
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
    const facts = await gateFacts(db, c, ep?.id ?? null);
    const candidates = facts.supervisors.map((s) => ({
      hasLicence: Boolean(s.licenceType && s.licenceNumber),
      licenceExpiresOn: s.licenceExpiresOn ?? null,
    }));
    // Any one supervisor with a current licence satisfies the gate.
    const supervisor =
      candidates.find((s) => s.hasLicence && !isLicenceExpired(s.licenceExpiresOn, c.date)) ?? candidates[0] ?? null;
    failures = failedGates({
      today: c.date,
      hubRequired: Boolean(rules?.hubRequired),
      hasGuardianAgreement: facts.agreement,
      hasActiveHub: facts.hub,
      linkedGoalCount: facts.linked,
      supervisor,
      mentorClearedOn: facts.clearedOn,
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
