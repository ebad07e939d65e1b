import {
  addDays,
  type TContact,
  type TContactSummary,
  type ZCancelContact,
  type ZNoShowContact,
  type ZUpdateContact,
} from '@mentorbridge/core';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { contact, contactSeries } from '../../db/schema.ts';
import { badRequest, forbidden, versionConflict } from '../../http/errors.ts';
import { changedFields } from '../youth/youth-record.ts';
import { assertChangeable, type ContactRow, hasNoteContent, namesOf, toSummary } from './contact-record.ts';
import { episodeOn } from './evaluate-note.ts';
import { contactDetail, detailAfterWrite, loadContact } from './get-contact.ts';
import { orgClock } from './org-time.ts';
import { assertGoals } from './schedule-contacts.ts';

const NOTE_FIELDS = [
  'participants',
  'goalIds',
  'activities',
  'skills',
  'youthResponse',
  'plan',
  'safetyConcern',
  'safetyDetail',
  'mileage',
] as const;

/** Loads a contact the caller may change: 404 out of reach, 403 not allowed, 409 signed or closed. */
const loadForChange = async (tx: Tx, actor: Actor, contactId: string) => {
  const row = await loadContact(tx, actor, contactId);
  if (!row.mayWrite) throw forbidden();
  assertChangeable(row.c);
  return row;
};

const staleVersion = async (tx: Tx, actor: Actor, row: Awaited<ReturnType<typeof loadContact>>) =>
  versionConflict(await contactDetail(tx, actor, row.c, row.y, row));

/**
 * Edits an occurrence (date, time, place; the series stays as it is) or the draft note. The web autosaves drafts
 * with `version`; a signed note answers 409 NOTE_SIGNED.
 */
export const updateContact = async (
  db: Db,
  actor: Actor,
  contactId: string,
  patch: z.output<typeof ZUpdateContact>,
): Promise<TContact> =>
  db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, contactId);
    const before = row.c;
    const { version, ...fields } = patch;
    const touchesNote = NOTE_FIELDS.some((k) => fields[k] !== undefined);
    if (touchesNote && actor.userId !== before.mentorUserId)
      throw forbidden('Only the mentor who met the youth writes the note');
    if (before.version !== version) throw await staleVersion(tx, actor, row);

    const next = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    if (next.kind === 'session') next.collateralWith = null;
    if (next.safetyConcern === false) next.safetyDetail = null;
    const problems: Record<string, string> = {};
    if (next.startTime && next.endTime && next.endTime <= next.startTime)
      problems.endTime = 'End the contact after it starts';
    if (next.kind === 'collateral' && !next.collateralWith)
      problems.collateralWith = 'Say who the collateral contact was with';
    const { today } = await orgClock(tx, actor);
    const documented = hasNoteContent(next);
    if (documented && next.date > today) problems.date = 'Document a contact on or after its day';
    if (Object.keys(problems).length) throw badRequest(problems);
    if (fields.goalIds) await assertGoals(tx, before.youthId, fields.goalIds, before.goalIds);

    const set: Partial<ContactRow> = {};
    for (const k of [
      'kind',
      'collateralWith',
      'date',
      'startTime',
      'endTime',
      'setting',
      'modality',
      ...NOTE_FIELDS,
    ] as const) {
      (set as Record<string, unknown>)[k] = next[k];
    }
    const changed = changedFields(before, set);
    if (!changed.length) return contactDetail(tx, actor, before, row.y, row);
    if (changed.includes('date')) set.episodeId = (await episodeOn(tx, before.youthId, next.date))?.id ?? null;
    if (documented && before.status === 'scheduled') set.status = 'completed';
    const [updated] = await tx
      .update(contact)
      .set({ ...set, version: sql`${contact.version} + 1`, updatedAt: new Date() })
      .where(and(eq(contact.id, contactId), eq(contact.version, version)))
      .returning({ id: contact.id });
    if (!updated) throw await staleVersion(tx, actor, row);
    // Read before the audit append, which holds the organization's chain lock until commit.
    const detail = await detailAfterWrite(tx, actor, contactId);
    await writeAudit(tx, originOf(actor), {
      action: touchesNote ? 'note.draft_saved' : 'contact.updated',
      resourceType: 'contact',
      resourceId: contactId,
      youthId: before.youthId,
      detail: { fields: changed, version: before.version + 1 },
    });
    return detail;
  });

/**
 * Cancels one occurrence, or this and every later unsigned, still scheduled occurrence of its series (the series
 * then ends the day before). Returns the contacts cancelled.
 */
export const cancelContact = async (
  db: Db,
  actor: Actor,
  contactId: string,
  input: z.output<typeof ZCancelContact>,
): Promise<TContactSummary[]> =>
  db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, contactId);
    const c = row.c;
    if (input.version !== undefined && input.version !== c.version) throw await staleVersion(tx, actor, row);
    if (input.scope === 'series-from-here' && !c.seriesId)
      throw badRequest({ scope: 'This contact is not part of a weekly series' });
    let ids = [c.id];
    if (input.scope === 'series-from-here' && c.seriesId) {
      const later = await tx
        .select({ id: contact.id })
        .from(contact)
        .where(
          and(
            eq(contact.seriesId, c.seriesId),
            gt(contact.date, c.date),
            eq(contact.status, 'scheduled'),
            eq(contact.noteStatus, 'draft'),
          ),
        );
      ids = [...ids, ...later.map((r) => r.id)];
      await tx
        .update(contactSeries)
        .set({ endsOn: addDays(c.date, -1) })
        .where(eq(contactSeries.id, c.seriesId));
    }
    const rows = await tx
      .update(contact)
      .set({
        status: 'cancelled',
        statusReason: input.reason,
        version: sql`${contact.version} + 1`,
        updatedAt: new Date(),
      })
      .where(inArray(contact.id, ids))
      .returning();
    await writeAudit(
      tx,
      originOf(actor),
      rows.map((r) => ({
        action: 'contact.cancelled',
        resourceType: 'contact',
        resourceId: r.id,
        youthId: r.youthId,
        detail: { scope: input.scope, seriesId: r.seriesId },
      })),
    );
    const names = await namesOf(tx, [c.mentorUserId]);
    return rows
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((r) => toSummary(r, row.y, names.get(r.mentorUserId) ?? '', false));
  });

/** Records that the youth did not come (the visit's day has come). */
export const markNoShow = async (
  db: Db,
  actor: Actor,
  contactId: string,
  input: z.output<typeof ZNoShowContact>,
): Promise<TContact> =>
  db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, contactId);
    const c = row.c;
    if (input.version !== undefined && input.version !== c.version) throw await staleVersion(tx, actor, row);
    const { today } = await orgClock(tx, actor);
    if (c.date > today) throw badRequest({ date: 'A visit that has not happened yet cannot be a no-show; cancel it' });
    await tx
      .update(contact)
      .set({
        status: 'no_show',
        statusReason: input.reason,
        version: sql`${contact.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(contact.id, contactId));
    const detail = await detailAfterWrite(tx, actor, contactId);
    await writeAudit(tx, originOf(actor), {
      action: 'contact.no_show',
      resourceType: 'contact',
      resourceId: contactId,
      youthId: c.youthId,
    });
    return detail;
  });
