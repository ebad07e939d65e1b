import { isNoteLocked, ruleSetOn, type TContactSummary, type TRuleSet } from '@mentorbridge/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import type { Db, Tx } from '../../db/client.ts';
import { contact, programRuleSet, supervisionAssignment, user, youth } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { iso } from '../../http/schemas.ts';
import { zonedInstant } from './org-time.ts';

export type ContactRow = typeof contact.$inferSelect;
export type YouthRow = typeof youth.$inferSelect;
export type RuleSetRow = typeof programRuleSet.$inferSelect;

export const youthDisplayName = (y: Pick<YouthRow, 'firstName' | 'lastName' | 'preferredName'>) =>
  `${y.preferredName || y.firstName} ${y.lastName}`;

/**
 * Loads one contact for an action. A contact is visible to whoever may read contacts of its youth (404 otherwise);
 * `allowed` says whether the action's own scope covers it too. Callers throw 403 when it does not.
 */
export const findContact = async (
  db: Db | Tx,
  actor: Actor,
  contactId: string,
  action: 'contact.write' | 'note.review',
) => {
  const [row] = await db
    .select({
      c: contact,
      y: youth,
      allowed: sql<boolean>`(${youthScope(actor, action)})`,
    })
    .from(contact)
    .innerJoin(youth, eq(youth.id, contact.youthId))
    .where(
      and(
        eq(contact.id, contactId),
        eq(contact.organizationId, actor.organizationId),
        youthScope(actor, 'contact.read'),
      ),
    );
  if (!row) throw notFound('Contact');
  return row;
};

/** As {@link findContact}, refusing with 403 when the action is not the caller's to take. */
export const findContactFor = async (
  db: Db | Tx,
  actor: Actor,
  contactId: string,
  action: 'contact.write' | 'note.review',
) => {
  const row = await findContact(db, actor, contactId, action);
  if (!row.allowed) throw forbidden();
  return row;
};

export const noteSigned = () =>
  new AppError(409, 'NOTE_SIGNED', 'This note is signed and cannot change; add an addendum instead');
export const contactClosed = (status: string) =>
  new AppError(409, 'CONTACT_CLOSED', `This contact was ${status === 'no_show' ? 'a no-show' : 'cancelled'}`);

/** Refuses any change to a signed note (and to a cancelled or no-show contact). */
export const assertChangeable = (c: ContactRow) => {
  if (isNoteLocked(c.noteStatus)) throw noteSigned();
  if (c.status === 'cancelled' || c.status === 'no_show') throw contactClosed(c.status);
};

export const namesOf = async (db: Db | Tx, ids: (string | null | undefined)[]): Promise<Map<string, string>> => {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** Supervisors actively assigned to a mentor in the organization. */
export const supervisorsOf = async (db: Db | Tx, organizationId: string, mentorUserId: string) =>
  (
    await db
      .select({ id: supervisionAssignment.supervisorUserId })
      .from(supervisionAssignment)
      .where(
        and(
          eq(supervisionAssignment.organizationId, organizationId),
          eq(supervisionAssignment.mentorUserId, mentorUserId),
          eq(supervisionAssignment.active, true),
        ),
      )
  ).map((r) => r.id);

/** Every rule-set version of the organization's programs, by program. */
export const ruleSetsByProgram = async (db: Db | Tx, organizationId: string) => {
  const rows = await db.select().from(programRuleSet).where(eq(programRuleSet.organizationId, organizationId));
  const map = new Map<string, RuleSetRow[]>();
  for (const r of rows) map.set(r.programId, [...(map.get(r.programId) ?? []), r]);
  return map;
};

export const rulesOn = (versions: readonly RuleSetRow[] | undefined, day: string): RuleSetRow | undefined =>
  ruleSetOn(versions ?? [], day);

/** When the contact ended, as an instant in the organization's time zone (the start of its day when no time). */
export const contactEndedAt = (c: Pick<ContactRow, 'date' | 'endTime'>, timeZone: string) =>
  zonedInstant(c.date, c.endTime ?? '23:59', timeZone);

export const signingDeadline = (c: Pick<ContactRow, 'date' | 'endTime'>, rules: TRuleSet, timeZone: string) =>
  new Date(contactEndedAt(c, timeZone).getTime() + rules.noteSigningDeadlineHours * 3600_000);

/**
 * A documented contact whose note is still unsigned (a draft, or returned for revision) after the program's signing
 * deadline — the same rule as the care area's "unsigned notes" timer.
 */
export const isContactOverdue = (
  c: Pick<ContactRow, 'date' | 'endTime' | 'noteStatus' | 'status'>,
  rules: TRuleSet | undefined,
  timeZone: string,
  now: Date,
) =>
  c.status === 'completed' &&
  (c.noteStatus === 'draft' || c.noteStatus === 'returned') &&
  rules != null &&
  now > signingDeadline(c, rules, timeZone);

export const toSummary = (
  c: ContactRow,
  y: Pick<YouthRow, 'firstName' | 'lastName' | 'preferredName'>,
  mentorName: string,
  overdue: boolean,
): TContactSummary => ({
  id: c.id,
  youthId: c.youthId,
  youthName: youthDisplayName(y),
  mentorUserId: c.mentorUserId,
  mentorName,
  seriesId: c.seriesId,
  kind: c.kind,
  collateralWith: (c.collateralWith as TContactSummary['collateralWith']) ?? null,
  status: c.status,
  statusReason: c.statusReason,
  date: c.date,
  startTime: c.startTime,
  endTime: c.endTime,
  setting: (c.setting as TContactSummary['setting']) ?? null,
  modality: (c.modality as TContactSummary['modality']) ?? null,
  noteStatus: c.noteStatus,
  signedAt: iso(c.signedAt),
  signedLate: c.signedLate,
  overdue,
  billable: c.billable,
  billingUnits: c.billingUnits,
  reviewRequired: c.reviewRequired === 'approve' || c.reviewRequired === 'cosign' ? c.reviewRequired : null,
  safetyConcern: c.safetyConcern,
  version: c.version,
});

/** The note as it stands, for a revision snapshot (what the mentor signed). */
export const noteContent = (c: ContactRow) => ({
  kind: c.kind,
  collateralWith: c.collateralWith,
  date: c.date,
  startTime: c.startTime,
  endTime: c.endTime,
  setting: c.setting,
  modality: c.modality,
  participants: c.participants,
  goalIds: c.goalIds,
  activities: c.activities,
  skills: c.skills,
  youthResponse: c.youthResponse,
  plan: c.plan,
  safetyConcern: c.safetyConcern,
  safetyDetail: c.safetyDetail,
  mileage: c.mileage,
});

/** Whether the note holds anything a mentor wrote (the contact has been documented). */
export const hasNoteContent = (
  c: Pick<
    ContactRow,
    'participants' | 'goalIds' | 'activities' | 'skills' | 'youthResponse' | 'plan' | 'safetyConcern' | 'mileage'
  >,
) =>
  Boolean(
    c.participants ||
    c.goalIds.length ||
    c.activities.length ||
    c.skills.length ||
    c.youthResponse ||
    c.plan ||
    c.safetyConcern != null ||
    c.mileage != null,
  );
