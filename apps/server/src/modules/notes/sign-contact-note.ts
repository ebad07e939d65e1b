import { inReviewSample, isNoteLocked, isSignedLate, type TContact, type ZSignNote } from '@mentorbridge/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import { passwordMatches, reauthFailed } from '../../auth/reauthenticate.ts';
import type { Db, Tx } from '../../db/client.ts';
import { contact, noteRevision, supervisionAssignment } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, versionConflict } from '../../http/errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { raiseAlert } from '../safety/raise-alert.ts';
import { type ContactRow, contactClosed, contactEndedAt, noteContent, noteSigned } from './contact-record.ts';
import { evaluateNote } from './evaluate-note.ts';
import { contactDetail, detailAfterWrite, loadContact } from './get-contact.ts';
import { orgClock } from './org-time.ts';

export type NoteDeps = { db: Db; mailer: Mailer; publicUrl: string; clock?: Clock };

/** The fields a note needs before it can be signed, each with what to do (R-1.31). */
export const missingForSigning = (c: ContactRow, today: string): Record<string, string> => {
  const missing: Record<string, string> = {};
  if (c.date > today) missing.date = 'The contact has not happened yet';
  if (!c.startTime) missing.startTime = 'Enter when the contact started';
  if (!c.endTime) missing.endTime = 'Enter when the contact ended';
  if (!c.setting) missing.setting = 'Choose where the contact took place';
  if (!c.modality) missing.modality = 'Choose how you met (in person, video or phone)';
  if (c.kind === 'collateral' && !c.collateralWith) missing.collateralWith = 'Say who the contact was with';
  if (c.kind === 'session' && c.activities.length + c.skills.length === 0)
    missing.activities = 'Choose at least one activity or skill you worked on';
  if (!c.youthResponse)
    missing.youthResponse =
      c.kind === 'session' ? 'Describe the youth\'s response and the outcome' : 'Summarize the contact and its outcome';
  if (c.kind === 'session' && !c.plan) missing.plan = 'Write the plan for the next contact';
  if (c.safetyConcern == null) missing.safetyConcern = 'Answer the safety question';
  if (c.safetyConcern === true && !c.safetyDetail)
    missing.safetyDetail = 'Describe the safety concern for your supervisor';
  return missing;
};

type Review = 'approve' | 'cosign' | null;

/** What review a newly signed note needs, from its mentor's supervisors' review modes (the strictest wins). */
const reviewFor = async (tx: Tx, c: ContactRow, returnedBefore: boolean): Promise<Review> => {
  const modes = await tx
    .select({ mode: supervisionAssignment.reviewMode, percent: supervisionAssignment.samplePercent })
    .from(supervisionAssignment)
    .where(
      and(
        eq(supervisionAssignment.organizationId, c.organizationId),
        eq(supervisionAssignment.mentorUserId, c.mentorUserId),
        eq(supervisionAssignment.active, true),
      ),
    );
  if (!modes.length) return null;
  const wanted = modes.map((m): Review => {
    if (m.mode === 'cosign_all') return 'cosign';
    if (m.mode === 'approve_all') return 'approve';
    return inReviewSample(c.id, m.percent) ? 'approve' : null;
  });
  if (wanted.includes('cosign')) return 'cosign';
  // A revision after a return always goes back to the supervisor who returned it.
  if (wanted.includes('approve') || returnedBefore) return 'approve';
  return null;
};

/**
 * Signs a note (R-1.31, R-6.2): only its mentor, after re-entering their password; the note must be complete, and a
 * session of a billable program must pass every hard gate. Locks the note, keeps a revision of what was signed,
 * computes units and lateness under the rules in force on the contact date, decides the supervisor's review, and
 * escalates a safety concern to the mentor's supervisors.
 */
export const signNote = async (
  deps: NoteDeps,
  actor: Actor,
  contactId: string,
  input: z.output<typeof ZSignNote>,
): Promise<TContact> => {
  // Checked before the transaction (scrypt must not hold a pooled connection), reported after the access checks.
  const passwordOk = await passwordMatches(deps.db, actor.userId, input.password);
  return deps.db.transaction(async (tx) => {
    const row = await loadContact(tx, actor, contactId);
    if (!row.mayWrite) throw forbidden();
    const c = row.c;
    if (isNoteLocked(c.noteStatus)) throw noteSigned();
    if (c.status === 'cancelled' || c.status === 'no_show') throw contactClosed(c.status);
    if (actor.userId !== c.mentorUserId) throw forbidden('Only the mentor who wrote the note can sign it');
    if (c.version !== input.version) throw versionConflict(await contactDetail(tx, actor, c, row.y, row));
    if (!passwordOk) throw reauthFailed();

    const { today, timeZone } = await orgClock(tx, actor);
    const missing = missingForSigning(c, today);
    if (Object.keys(missing).length) throw badRequest(missing, 'The note is not complete yet');
    // Notes of one youth signed at the same moment for the same day share the day's unit maximum: one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`units:${c.youthId}:${c.date}`}))`);
    const evaluation = await evaluateNote(tx, c, row.y.programId, timeZone);
    const ruleSet = evaluation.ruleSet;
    if (!ruleSet) {
      throw new AppError(
        422,
        'NO_RULE_SET',
        'The youth\'s program has no rule set in force on the contact date; ask a program manager to set one up',
      );
    }
    if (evaluation.billableProgram && c.kind === 'session' && evaluation.failures.length) {
      throw new AppError(
        422,
        'GATES_FAILED',
        `This session cannot be signed as a billable contact: ${evaluation.failures.map((f) => f.message).join('; ')}`,
        { fields: Object.fromEntries(evaluation.failures.map((f) => [f.code, f.message])) },
      );
    }
    const now = new Date();
    const endedAt = contactEndedAt(c, timeZone);
    if (endedAt > now) throw badRequest({ endTime: 'The contact has not ended yet' }, 'The note is not complete yet');

    const previous = await tx
      .select({ revision: noteRevision.revision, content: noteRevision.content })
      .from(noteRevision)
      .where(eq(noteRevision.contactId, c.id))
      .orderBy(desc(noteRevision.revision));
    const revision = (previous[0]?.revision ?? 0) + 1;
    // Lateness is decided by the first signature; a revision after a supervisor's return is not "late".
    const signedLate =
      revision === 1
        ? isSignedLate({ endedAt, signedAt: now, deadlineHours: ruleSet.rules.noteSigningDeadlineHours })
        : c.signedLate;
    const reviewRequired = await reviewFor(tx, c, c.noteStatus === 'returned');
    const units = evaluation.units;

    const [updated] = await tx
      .update(contact)
      .set({
        noteStatus: 'signed',
        status: 'completed',
        signedAt: now,
        signedBy: actor.userId,
        signedLate,
        billable: evaluation.billable,
        billingUnits: units,
        ruleSetId: ruleSet.id,
        episodeId: c.episodeId ?? evaluation.episodeId,
        reviewRequired,
        reviewedAt: null,
        reviewedBy: null,
        version: sql`${contact.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(contact.id, c.id), eq(contact.version, input.version)))
      .returning({ id: contact.id });
    if (!updated) throw versionConflict(await contactDetail(tx, actor, c, row.y, row));
    await tx.insert(noteRevision).values({
      organizationId: c.organizationId,
      contactId: c.id,
      revision,
      content: {
        ...noteContent(c),
        minutes: evaluation.minutes,
        billable: evaluation.billable,
        billingUnits: units,
        ruleSetId: ruleSet.id,
        ruleSetVersion: ruleSet.version,
        signedLate,
      },
      signedBy: actor.userId,
      signedAt: now,
    });
    await writeAudit(tx, originOf(actor), {
      action: revision === 1 ? 'note.signed' : 'note.resigned',
      resourceType: 'contact',
      resourceId: c.id,
      youthId: c.youthId,
      detail: {
        revision,
        billable: evaluation.billable,
        billingUnits: units,
        signedLate,
        reviewRequired,
        ruleSetId: ruleSet.id,
      },
    });

    const raisedBefore = previous.some((p) => p.content.safetyConcern === true);
    if (c.safetyConcern === true && !raisedBefore) {
      // A safety alert to the mentor's supervisors (and the chain above if nobody acknowledges): the reason code
      // only — the concern itself stays in the note, read after signing in.
      const alert = await raiseAlert(tx, originOf(actor), {
        youthId: c.youthId,
        source: 'contact_note',
        sourceId: c.id,
        severity: 'non_acute',
        reasons: ['contact_note.safety_concern'],
        raisedBy: actor.userId,
        now: deps.clock?.now() ?? now,
      });
      await writeAudit(tx, originOf(actor), {
        action: 'note.safety_concern_raised',
        resourceType: 'contact',
        resourceId: c.id,
        youthId: c.youthId,
        detail: { revision, alertId: alert.id },
      });
    }
    return detailAfterWrite(tx, actor, c.id);
  });
};
