import {
  isLicenceExpired,
  isNoteLocked,
  type TContact,
  type TNoteAddendum,
  type TReviewQueueItem,
  type TSupervisionAssignment,
  type ZCreateAddendum,
  type ZPageQuery,
  type ZReviewModeInput,
  type ZReviewNote,
} from '@mentorbridge/core';
import { and, asc, count, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { staffScope, youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import { reauthenticate } from '../../auth/reauthenticate.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  contact,
  goal,
  noteAddendum,
  noteReview,
  noteRevision,
  staffProfile,
  supervisionAssignment,
  user,
  youth,
} from '../../db/schema.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { namesOf, supervisorsOf, youthDisplayName } from './contact-record.ts';
import { contactDetail, detailAfterWrite, loadContact } from './get-contact.ts';
import { orgClock } from './org-time.ts';

/** A licensed clinician's credentials as recorded on their staff profile, and whether the licence is current. */
export const credentialsOf = async (db: Db | Tx, organizationId: string, userId: string, today: string) => {
  const [p] = await db
    .select()
    .from(staffProfile)
    .where(and(eq(staffProfile.organizationId, organizationId), eq(staffProfile.userId, userId)));
  if (!p?.licenceType || !p.licenceNumber) return { text: null, current: false };
  const text = [
    `${p.licenceType} #${p.licenceNumber}`,
    p.licenceState ? `(${p.licenceState})` : null,
    p.licenceExpiresOn ? `expires ${p.licenceExpiresOn}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, current: !isLicenceExpired(p.licenceExpiresOn, today) };
};

/** Refuses a signature when the signer has no current licence on record. */
export const currentCredentials = async (db: Db | Tx, organizationId: string, userId: string, today: string) => {
  const cred = await credentialsOf(db, organizationId, userId, today);
  if (!cred.text)
    throw new AppError(
      422,
      'LICENCE_REQUIRED',
      'Your licence (type and number) must be on your staff profile before you sign as a clinician',
    );
  if (!cred.current)
    throw new AppError(422, 'LICENCE_NOT_CURRENT', 'Your licence has expired; renew it before signing');
  return cred.text;
};

/** Adds an addendum to a signed note: by the mentor who wrote it or one of their supervisors. */
export const addAddendum = async (
  db: Db,
  actor: Actor,
  contactId: string,
  input: z.output<typeof ZCreateAddendum>,
): Promise<TNoteAddendum> =>
  db.transaction(async (tx) => {
    const row = await loadContact(tx, actor, contactId);
    if (!row.mayWrite) throw forbidden();
    const c = row.c;
    const supervisors = await supervisorsOf(tx, actor.organizationId, c.mentorUserId);
    if (actor.userId !== c.mentorUserId && !supervisors.includes(actor.userId))
      throw forbidden('Only the mentor who wrote the note or their supervisor can add an addendum');
    if (!isNoteLocked(c.noteStatus))
      throw new AppError(409, 'NOTE_NOT_SIGNED', 'This note is not signed yet; edit the draft instead');
    const [a] = await tx
      .insert(noteAddendum)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        contactId,
        authorUserId: actor.userId,
        text: input.text,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'note.addendum_added',
      resourceType: 'contact',
      resourceId: contactId,
      youthId: c.youthId,
      detail: { addendumId: a!.id },
    });
    const names = await namesOf(tx, [actor.userId]);
    return {
      id: a!.id,
      authorUserId: a!.authorUserId,
      authorName: names.get(actor.userId) ?? '',
      text: a!.text,
      createdAt: isoRequired(a!.createdAt),
    };
  });

/** Whether a user actively supervises the contact's mentor (the only supervisors who review a note). */
const supervisedBy = (supervisorUserId: string) =>
  sql`exists (select 1 from ${supervisionAssignment} where ${supervisionAssignment.mentorUserId} = ${contact.mentorUserId} and ${supervisionAssignment.organizationId} = ${contact.organizationId} and ${supervisionAssignment.active} and ${supervisionAssignment.supervisorUserId} = ${supervisorUserId})`;

/** Signed notes of the actor's supervisees that await their review, oldest first. */
export const reviewQueue = async (db: Db, actor: Actor, q: z.output<typeof ZPageQuery>) => {
  const where = and(
    eq(contact.organizationId, actor.organizationId),
    eq(contact.noteStatus, 'signed'),
    isNotNull(contact.reviewRequired),
    youthScope(actor, 'note.review'),
    supervisedBy(actor.userId),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ c: contact, y: youth })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(where)
      .orderBy(asc(contact.signedAt), asc(contact.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(contact).innerJoin(youth, eq(youth.id, contact.youthId)).where(where),
  ]);
  const ids = rows.map((r) => r.c.id);
  const goalIds = [...new Set(rows.flatMap((r) => r.c.goalIds))];
  const [revisions, returns, goals, names] = await Promise.all([
    ids.length
      ? db
          .select({ contactId: noteRevision.contactId, n: max(noteRevision.revision) })
          .from(noteRevision)
          .where(inArray(noteRevision.contactId, ids))
          .groupBy(noteRevision.contactId)
      : [],
    ids.length
      ? db
          .select({ contactId: noteReview.contactId, n: count() })
          .from(noteReview)
          .where(and(inArray(noteReview.contactId, ids), eq(noteReview.action, 'return')))
          .groupBy(noteReview.contactId)
      : [],
    goalIds.length ? db.select({ id: goal.id, title: goal.title }).from(goal).where(inArray(goal.id, goalIds)) : [],
    namesOf(
      db,
      rows.map((r) => r.c.mentorUserId),
    ),
  ]);
  const revisionOf = new Map(revisions.map((r) => [r.contactId, r.n ?? 1]));
  const returnsOf = new Map(returns.map((r) => [r.contactId, r.n]));
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));
  const items: TReviewQueueItem[] = rows.map(({ c, y }) => ({
    contactId: c.id,
    youthId: c.youthId,
    youthName: youthDisplayName(y),
    mentorUserId: c.mentorUserId,
    mentorName: names.get(c.mentorUserId) ?? '',
    kind: c.kind,
    collateralWith: (c.collateralWith as TReviewQueueItem['collateralWith']) ?? null,
    date: c.date,
    startTime: c.startTime,
    endTime: c.endTime,
    setting: (c.setting as TReviewQueueItem['setting']) ?? null,
    modality: (c.modality as TReviewQueueItem['modality']) ?? null,
    signedAt: isoRequired(c.signedAt!),
    signedLate: c.signedLate,
    billable: c.billable,
    billingUnits: c.billingUnits,
    reviewRequired: c.reviewRequired === 'cosign' ? 'cosign' : 'approve',
    safetyConcern: c.safetyConcern,
    safetyDetail: c.safetyDetail,
    revision: revisionOf.get(c.id) ?? 1,
    returns: returnsOf.get(c.id) ?? 0,
    participants: c.participants,
    goals: c.goalIds.map((id) => ({ id, title: goalTitle.get(id) ?? '' })),
    activities: c.activities as TReviewQueueItem['activities'],
    skills: c.skills as TReviewQueueItem['skills'],
    youthResponse: c.youthResponse,
    plan: c.plan,
    version: c.version,
  }));
  if (rows.length) {
    await auditRead(db, actor, {
      action: 'review_queue.viewed',
      resourceType: 'contact',
      detail: { page: q.page, shown: ids },
    });
  }
  return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};

/**
 * A supervisor's review of a signed note: approve; co-sign with an attestation, their password and their
 * licence recorded; or return it to the mentor with a comment (the mentor revises and signs a new revision).
 */
export const reviewNote = async (
  deps: { db: Db; mailer: Mailer; publicUrl: string },
  actor: Actor,
  contactId: string,
  input: z.output<typeof ZReviewNote>,
): Promise<TContact> =>
  deps.db.transaction(async (tx) => {
    const row = await loadContact(tx, actor, contactId);
    if (!row.mayReview) throw forbidden();
    const c = row.c;
    const supervisors = await supervisorsOf(tx, actor.organizationId, c.mentorUserId);
    if (!supervisors.includes(actor.userId)) throw forbidden('Only the mentor\'s supervisor reviews this note');
    if (c.noteStatus !== 'signed')
      throw new AppError(409, 'NOT_AWAITING_REVIEW', 'This note is not signed and awaiting review');
    if (input.version !== undefined && input.version !== c.version)
      throw versionConflict(await contactDetail(tx, actor, c, row.y, row));
    const { today } = await orgClock(tx, actor);
    let credentials: string | null = null;
    if (input.action === 'cosign') {
      await reauthenticate(tx, actor.userId, input.password ?? '');
      credentials = await currentCredentials(tx, actor.organizationId, actor.userId, today);
    }
    const [latest] = await tx
      .select({ n: max(noteRevision.revision) })
      .from(noteRevision)
      .where(eq(noteRevision.contactId, c.id));
    const revision = latest?.n ?? 1;
    const now = new Date();
    const noteStatus = input.action === 'approve' ? 'approved' : input.action === 'cosign' ? 'cosigned' : 'returned';
    await tx
      .update(contact)
      .set({
        noteStatus,
        reviewedAt: now,
        reviewedBy: actor.userId,
        version: sql`${contact.version} + 1`,
        updatedAt: now,
      })
      .where(eq(contact.id, c.id));
    const [review] = await tx
      .insert(noteReview)
      .values({
        organizationId: actor.organizationId,
        contactId: c.id,
        revision,
        reviewerUserId: actor.userId,
        action: input.action,
        comment: input.comment ?? null,
        attestation: input.action === 'cosign' ? (input.attestation ?? null) : null,
        credentials,
      })
      .returning({ id: noteReview.id });
    // Read before the audit append, which holds the organization's chain lock until commit.
    const detail = await detailAfterWrite(tx, actor, c.id);
    await writeAudit(tx, originOf(actor), {
      action: `note.${noteStatus}`,
      resourceType: 'contact',
      resourceId: c.id,
      youthId: c.youthId,
      detail: { revision, reviewId: review!.id, commented: Boolean(input.comment) },
    });
    if (input.action === 'return') {
      const [mentor] = await tx.select({ email: user.email }).from(user).where(eq(user.id, c.mentorUserId));
      if (mentor) {
        await deps.mailer.enqueue(tx, {
          organizationId: actor.organizationId,
          to: mentor.email,
          subject: 'Mentorbridge: a session note was returned for revision',
          text: [
            'Your supervisor returned one of your session notes with a comment.',
            '',
            `Open the note: ${deps.publicUrl}/contacts/${c.id}`,
            '',
            'Revise it and sign it again; the earlier version and the comment stay in its history.',
          ].join('\n'),
        });
      }
    }
    return detail;
  });

const assignmentQuery = (db: Db | Tx) =>
  db
    .select({
      a: supervisionAssignment,
      mentorName: sql<string>`(select ${user.name} from ${user} where ${user.id} = ${supervisionAssignment.mentorUserId})`,
      supervisorName: sql<string>`(select ${user.name} from ${user} where ${user.id} = ${supervisionAssignment.supervisorUserId})`,
    })
    .from(supervisionAssignment);

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['execute']>>[number];
const toAssignment = (r: AssignmentRow): TSupervisionAssignment => ({
  mentorUserId: r.a.mentorUserId,
  mentorName: r.mentorName,
  supervisorUserId: r.a.supervisorUserId,
  supervisorName: r.supervisorName,
  reviewMode: r.a.reviewMode,
  samplePercent: r.a.samplePercent,
});

/** Active supervision assignments with their review modes: all (admins, managers) or the caller's own. */
export const listAssignments = async (db: Db, actor: Actor): Promise<TSupervisionAssignment[]> => {
  const scope = staffScope(actor, 'supervision.read');
  const rows = await assignmentQuery(db)
    .where(
      and(
        eq(supervisionAssignment.organizationId, actor.organizationId),
        eq(supervisionAssignment.active, true),
        scope.all
          ? undefined
          : sql`(${supervisionAssignment.supervisorUserId} = ${actor.userId} or ${supervisionAssignment.mentorUserId} = ${actor.userId})`,
      ),
    )
    .orderBy(asc(supervisionAssignment.supervisorUserId), asc(supervisionAssignment.mentorUserId));
  return rows.map(toAssignment).sort((a, b) => a.mentorName.localeCompare(b.mentorName));
};

/**
 * Sets how a mentor's notes are reviewed: a supervisor for their own supervisees; admins and program
 * managers for every active supervisor of the mentor.
 */
export const setReviewMode = async (
  db: Db,
  actor: Actor,
  mentorUserId: string,
  input: z.output<typeof ZReviewModeInput>,
): Promise<TSupervisionAssignment[]> =>
  db.transaction(async (tx) => {
    const scope = staffScope(actor, 'review_mode.write');
    const read = staffScope(actor, 'supervision.read');
    const base = and(
      eq(supervisionAssignment.organizationId, actor.organizationId),
      eq(supervisionAssignment.mentorUserId, mentorUserId),
      eq(supervisionAssignment.active, true),
    );
    const visible = await tx
      .select({ id: supervisionAssignment.id, supervisorUserId: supervisionAssignment.supervisorUserId })
      .from(supervisionAssignment)
      .where(base);
    const mine = visible.filter((v) => v.supervisorUserId === actor.userId);
    const seen = read.all || mine.length > 0 || (read.self && mentorUserId === actor.userId);
    if (!visible.length || !seen) throw notFound('Supervisee');
    const targets = scope.all ? visible : scope.self ? mine : [];
    if (!targets.length) throw forbidden();
    const samplePercent = input.mode === 'sample' ? input.samplePercent : 100;
    await tx
      .update(supervisionAssignment)
      .set({ reviewMode: input.mode, samplePercent })
      .where(
        inArray(
          supervisionAssignment.id,
          targets.map((x) => x.id),
        ),
      );
    await writeAudit(tx, originOf(actor), {
      action: 'review_mode.updated',
      resourceType: 'supervision_assignment',
      resourceId: mentorUserId,
      detail: { mode: input.mode, samplePercent, assignments: targets.map((x) => x.id) },
    });
    const rows = await assignmentQuery(tx).where(
      inArray(
        supervisionAssignment.id,
        targets.map((x) => x.id),
      ),
    );
    return rows.map(toAssignment);
  });
