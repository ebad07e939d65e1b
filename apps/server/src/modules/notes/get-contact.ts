import { isNoteLocked, type TContact } from '@mentorbridge/core';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { contact, contactSeries, goal, noteAddendum, noteReview, noteRevision, youth } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import {
  type ContactRow,
  isContactOverdue,
  namesOf,
  supervisorsOf,
  toSummary,
  type YouthRow,
} from './contact-record.ts';
import { evaluateNote, toGateCheck } from './evaluate-note.ts';
import { orgClock } from './org-time.ts';

type Flags = { mayWrite: boolean; mayReview: boolean };

/** Loads a contact with what the caller may do to it; 404 when its youth's contacts are outside their reach. */
export const loadContact = async (db: Db | Tx, actor: Actor, contactId: string) => {
  const [row] = await db
    .select({
      c: contact,
      y: youth,
      mayWrite: sql<boolean>`(${youthScope(actor, 'contact.write')})`,
      mayReview: sql<boolean>`(${youthScope(actor, 'note.review')})`,
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

/** The whole note: the contact, its history (revisions, reviews, addenda) and what signing now would decide. */
export const contactDetail = async (
  db: Db | Tx,
  actor: Actor,
  c: ContactRow,
  y: YouthRow,
  flags: Flags,
): Promise<TContact> => {
  const { timeZone, today } = await orgClock(db, actor);
  const [revisions, reviews, addenda, series, goals, supervisors, evaluation] = await Promise.all([
    db.select().from(noteRevision).where(eq(noteRevision.contactId, c.id)).orderBy(asc(noteRevision.revision)),
    db.select().from(noteReview).where(eq(noteReview.contactId, c.id)).orderBy(asc(noteReview.createdAt)),
    db.select().from(noteAddendum).where(eq(noteAddendum.contactId, c.id)).orderBy(asc(noteAddendum.createdAt)),
    c.seriesId ? db.select().from(contactSeries).where(eq(contactSeries.id, c.seriesId)) : Promise.resolve([]),
    db
      .select({ id: goal.id, title: goal.title, hubPlanGoal: goal.hubPlanGoal, status: goal.status })
      .from(goal)
      .where(
        and(
          eq(goal.youthId, c.youthId),
          c.goalIds.length ? or(eq(goal.status, 'active'), inArray(goal.id, c.goalIds)) : eq(goal.status, 'active'),
        ),
      )
      .orderBy(asc(goal.createdAt)),
    supervisorsOf(db, actor.organizationId, c.mentorUserId),
    evaluateNote(db, c, y.programId, timeZone),
  ]);
  const names = await namesOf(db, [
    c.mentorUserId,
    c.signedBy,
    ...revisions.map((r) => r.signedBy),
    ...reviews.map((r) => r.reviewerUserId),
    ...addenda.map((a) => a.authorUserId),
  ]);
  const locked = isNoteLocked(c.noteStatus);
  const closed = c.status === 'cancelled' || c.status === 'no_show';
  const isAuthor = actor.userId === c.mentorUserId;
  const isSupervisor = supervisors.includes(actor.userId);
  const edit = flags.mayWrite && !locked && !closed;
  const s = series[0];
  return {
    ...toSummary(
      c,
      y,
      names.get(c.mentorUserId) ?? '',
      isContactOverdue(c, evaluation.ruleSet?.rules, timeZone, new Date()),
    ),
    episodeId: c.episodeId ?? evaluation.episodeId,
    participants: c.participants,
    goalIds: c.goalIds,
    activities: c.activities as TContact['activities'],
    skills: c.skills as TContact['skills'],
    youthResponse: c.youthResponse,
    plan: c.plan,
    safetyDetail: c.safetyDetail,
    mileage: c.mileage,
    signedBy: c.signedBy,
    signedByName: c.signedBy ? (names.get(c.signedBy) ?? null) : null,
    reviewedAt: iso(c.reviewedAt),
    reviewedBy: c.reviewedBy,
    ruleSetId: c.ruleSetId,
    series: s
      ? {
          id: s.id,
          startsOn: s.startsOn,
          endsOn: s.endsOn,
          startTime: s.startTime,
          durationMinutes: s.durationMinutes,
        }
      : null,
    goalOptions: goals,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      signedAt: isoRequired(r.signedAt),
      signedBy: r.signedBy,
      signedByName: names.get(r.signedBy) ?? '',
      content: r.content,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      revision: r.revision,
      action: r.action as 'approve' | 'cosign' | 'return',
      reviewerUserId: r.reviewerUserId,
      reviewerName: names.get(r.reviewerUserId) ?? '',
      comment: r.comment,
      attestation: r.attestation,
      credentials: r.credentials,
      createdAt: isoRequired(r.createdAt),
    })),
    addenda: addenda.map((a) => ({
      id: a.id,
      authorUserId: a.authorUserId,
      authorName: names.get(a.authorUserId) ?? '',
      text: a.text,
      createdAt: isoRequired(a.createdAt),
    })),
    gateCheck: toGateCheck(evaluation),
    can: {
      edit,
      editNote: edit && isAuthor,
      sign: edit && isAuthor && c.date <= today,
      cancel: edit,
      addendum: flags.mayWrite && locked && (isAuthor || isSupervisor),
      review: flags.mayReview && isSupervisor && c.noteStatus === 'signed',
    },
    createdAt: isoRequired(c.createdAt),
    updatedAt: isoRequired(c.updatedAt),
  };
};

/** Opens one contact and its note (audited). */
export const getContact = async (db: Db, actor: Actor, contactId: string): Promise<TContact> => {
  const row = await loadContact(db, actor, contactId);
  const detail = await contactDetail(db, actor, row.c, row.y, row);
  await auditRead(db, actor, {
    action: 'contact.viewed',
    resourceType: 'contact',
    resourceId: contactId,
    youthId: row.c.youthId,
  });
  return detail;
};

/** The detail after a write, read in the same transaction. */
export const detailAfterWrite = async (tx: Tx, actor: Actor, contactId: string) => {
  const row = await loadContact(tx, actor, contactId);
  return contactDetail(tx, actor, row.c, row.y, row);
};
