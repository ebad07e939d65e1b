import {
  addDays,
  MAX_SERIES_OCCURRENCES,
  minutesBetween,
  type TContact,
  type TContactSummary,
  type ZContactListQuery,
  type ZCreateContact,
} from '@mentorbridge/core';
import { and, asc, count, desc, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { contact, contactSeries, goal, mentorAssignment, youth } from '../../db/schema.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { hasNoteContent, isContactOverdue, namesOf, ruleSetsByProgram, rulesOn, toSummary } from './contact-record.ts';
import { episodeOn } from './evaluate-note.ts';
import { detailAfterWrite } from './get-contact.ts';
import { orgClock } from './org-time.ts';

type CreateInput = z.output<typeof ZCreateContact>;

/** The mentor a new contact is with: the one named (if matched), the acting mentor, or the primary match. */
const mentorFor = async (tx: Tx, actor: Actor, youthId: string, wanted: string | undefined) => {
  const matches = await tx
    .select({ mentorUserId: mentorAssignment.mentorUserId, isPrimary: mentorAssignment.isPrimary })
    .from(mentorAssignment)
    // A match suspended by the youth's flag cannot be given visits until reviewed.
    .where(
      and(eq(mentorAssignment.youthId, youthId), eq(mentorAssignment.active, true), isNull(mentorAssignment.contactSuspendedAt)),
    );
  if (wanted) {
    if (!matches.some((m) => m.mentorUserId === wanted))
      throw badRequest({ mentorUserId: 'This mentor is not matched with the youth' });
    return wanted;
  }
  if (matches.some((m) => m.mentorUserId === actor.userId)) return actor.userId;
  const chosen = matches.find((m) => m.isPrimary) ?? matches[0];
  if (!chosen) throw badRequest({ mentorUserId: 'The youth has no active mentor match' });
  return chosen.mentorUserId;
};

/** Goal ids must be active goals of the youth (or goals the note already named). */
export const assertGoals = async (tx: Db | Tx, youthId: string, goalIds: string[], alreadyLinked: string[] = []) => {
  if (!goalIds.length) return;
  const rows = await tx.select({ id: goal.id, status: goal.status }).from(goal).where(eq(goal.youthId, youthId));
  const ok = new Set(rows.filter((g) => g.status === 'active' || alreadyLinked.includes(g.id)).map((g) => g.id));
  if (goalIds.some((id) => !ok.has(id))) throw badRequest({ goalIds: 'Choose from the youth\'s active goals' });
};

/**
 * Schedules a contact (one-off or weekly up to a date, at most 26 occurrences), or documents one that happened
 * (the note fields given with it). Returns the first contact.
 */
export const createContact = async (db: Db, actor: Actor, youthId: string, input: CreateInput): Promise<TContact> =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, youthId, 'contact.write');
    const { today } = await orgClock(tx, actor);
    const mentorUserId = await mentorFor(tx, actor, youthId, input.mentorUserId);
    const note = {
      participants: input.participants ?? null,
      goalIds: input.goalIds ?? [],
      activities: input.activities ?? [],
      skills: input.skills ?? [],
      youthResponse: input.youthResponse ?? null,
      plan: input.plan ?? null,
      safetyConcern: input.safetyConcern ?? null,
      safetyDetail: input.safetyConcern === false ? null : (input.safetyDetail ?? null),
      mileage: input.mileage ?? null,
    };
    const documented = hasNoteContent(note);
    if (documented && input.date > today) throw badRequest({ date: 'Document a contact on or after its day' });
    if (documented && mentorUserId !== actor.userId)
      throw forbidden('Only the mentor who met the youth writes the note');
    await assertGoals(tx, youthId, note.goalIds);

    const dates = [input.date];
    if (input.repeatWeeklyUntil) {
      let next = addDays(input.date, 7);
      while (next <= input.repeatWeeklyUntil && dates.length < MAX_SERIES_OCCURRENCES) {
        dates.push(next);
        next = addDays(next, 7);
      }
    }
    let seriesId: string | null = null;
    if (input.repeatWeeklyUntil) {
      const [s] = await tx
        .insert(contactSeries)
        .values({
          organizationId: actor.organizationId,
          youthId,
          mentorUserId,
          startsOn: input.date,
          endsOn: dates.at(-1)!,
          startTime: input.startTime,
          durationMinutes: minutesBetween(input.startTime, input.endTime),
          setting: input.setting ?? null,
        })
        .returning({ id: contactSeries.id });
      seriesId = s!.id;
    }
    const kind = input.kind;
    // Each contact belongs to the episode of care open on its day.
    const episodes = await Promise.all(dates.map((date) => episodeOn(tx, youthId, date)));
    const rows = await tx
      .insert(contact)
      .values(
        dates.map((date, i) => ({
          id: i === 0 ? input.id : undefined,
          organizationId: actor.organizationId,
          youthId,
          mentorUserId,
          seriesId,
          episodeId: episodes[i]?.id ?? null,
          kind,
          collateralWith: kind === 'collateral' ? (input.collateralWith ?? null) : null,
          status: documented ? ('completed' as const) : ('scheduled' as const),
          date,
          startTime: input.startTime,
          endTime: input.endTime,
          setting: input.setting ?? null,
          modality: input.modality ?? null,
          ...(i === 0 ? note : {}),
        })),
      )
      .returning();
    // The detail is read before the audit append: the append takes the organization's chain lock until commit.
    const detail = await detailAfterWrite(tx, actor, rows[0]!.id);
    await writeAudit(
      tx,
      originOf(actor),
      rows.map((r) => ({
        action: documented ? 'contact.documented' : 'contact.scheduled',
        resourceType: 'contact',
        resourceId: r.id,
        youthId,
        detail: { kind, seriesId, mentorUserId, ...(documented ? { fields: Object.keys(input) } : {}) },
      })),
    );
    return detail;
  });

type ListQuery = z.output<typeof ZContactListQuery>;

/** Contacts within reach (a mentor's schedule, a youth's sessions), filtered by dates, youth, mentor and status. */
export const listContacts = async (db: Db, actor: Actor, q: ListQuery) => {
  const filters: SQL[] = [eq(contact.organizationId, actor.organizationId), youthScope(actor, 'contact.read')];
  if (q.from) filters.push(gte(contact.date, q.from));
  if (q.to) filters.push(lte(contact.date, q.to));
  if (q.youthId) filters.push(eq(contact.youthId, q.youthId));
  if (q.mentorUserId) filters.push(eq(contact.mentorUserId, q.mentorUserId));
  if (q.status) filters.push(eq(contact.status, q.status));
  if (q.noteStatus) filters.push(eq(contact.noteStatus, q.noteStatus));
  const where = and(...filters);
  const dir = q.order === 'desc' ? desc : asc;
  const [rows, [total], rules, clock] = await Promise.all([
    db
      .select({
        c: contact,
        y: {
          firstName: youth.firstName,
          lastName: youth.lastName,
          preferredName: youth.preferredName,
          programId: youth.programId,
        },
      })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(where)
      .orderBy(dir(contact.date), dir(contact.startTime), asc(contact.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(contact).innerJoin(youth, eq(youth.id, contact.youthId)).where(where),
    ruleSetsByProgram(db, actor.organizationId),
    orgClock(db, actor),
  ]);
  const names = await namesOf(
    db,
    rows.map((r) => r.c.mentorUserId),
  );
  const now = new Date();
  const items: TContactSummary[] = rows.map(({ c, y }) =>
    toSummary(
      c,
      y,
      names.get(c.mentorUserId) ?? '',
      isContactOverdue(c, rulesOn(rules.get(y.programId), c.date)?.rules, clock.timeZone, now),
    ),
  );
  if (rows.length) {
    await auditRead(db, actor, {
      action: 'contact.listed',
      resourceType: 'contact',
      youthId: q.youthId ?? null,
      detail: {
        filters: Object.keys(q).filter(
          (k) => !['page', 'pageSize', 'order'].includes(k) && q[k as keyof ListQuery] != null,
        ),
        page: q.page,
        shown: rows.map((r) => r.c.id),
      },
    });
  }
  return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};
