import type { THubContact, ZCreateHubContact } from '@mentorbridge/core';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { goal, hubContact, hubService, user } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { isFuture, orgClock } from './care-access.ts';

type CreateInput = z.output<typeof ZCreateHubContact>;

const select = { h: hubContact, loggedByName: user.name };
const toHubContact = (r: { h: typeof hubContact.$inferSelect; loggedByName: string | null }): THubContact => ({
  id: r.h.id,
  youthId: r.h.youthId,
  hubServiceId: r.h.hubServiceId,
  contactOn: r.h.contactOn,
  mode: r.h.mode as THubContact['mode'],
  participants: r.h.participants,
  summary: r.h.summary,
  goalIds: r.h.goalIds,
  durationMinutes: r.h.durationMinutes,
  loggedBy: r.h.loggedBy,
  loggedByName: r.loggedByName,
  createdAt: isoRequired(r.h.createdAt),
});

const query = (db: Db | Tx) => db.select(select).from(hubContact).leftJoin(user, eq(user.id, hubContact.loggedBy));

export const listHubContacts = async (db: Db, actor: Actor, youthId: string): Promise<THubContact[]> => {
  await findYouthFor(db, actor, youthId, 'hub_contact.read');
  const found = await query(db)
    .where(and(eq(hubContact.youthId, youthId), eq(hubContact.organizationId, actor.organizationId)))
    .orderBy(desc(hubContact.contactOn), desc(hubContact.createdAt));
  await auditRead(db, actor, {
    action: 'hub_contact.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: found.map((r) => r.h.id) },
  });
  return found.map(toHubContact);
};

/** Logs a contact with the hub: date, mode, participants, summary, goals discussed, duration. */
export const createHubContact = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: CreateInput,
): Promise<THubContact> =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, youthId, 'hub_contact.write');
    const { today } = await orgClock(tx, actor);
    if (isFuture(input.contactOn, today)) throw badRequest({ contactOn: 'Cannot be in the future' });
    const goalIds = [...new Set(input.goalIds)];
    if (goalIds.length) {
      const found = await tx
        .select({ id: goal.id })
        .from(goal)
        .where(and(eq(goal.youthId, youthId), inArray(goal.id, goalIds)));
      if (found.length !== goalIds.length) throw badRequest({ goalIds: 'Only this youth\'s goals can be linked' });
    }
    if (input.hubServiceId) {
      const [h] = await tx
        .select({ id: hubService.id })
        .from(hubService)
        .where(and(eq(hubService.id, input.hubServiceId), eq(hubService.youthId, youthId)));
      if (!h) throw badRequest({ hubServiceId: 'Not one of this youth\'s hub services' });
    }
    const [row] = await tx
      .insert(hubContact)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        youthId,
        hubServiceId: input.hubServiceId ?? null,
        contactOn: input.contactOn,
        mode: input.mode,
        participants: input.participants ?? null,
        summary: input.summary,
        goalIds,
        durationMinutes: input.durationMinutes ?? null,
        loggedBy: actor.userId,
      })
      .returning({ id: hubContact.id });
    await writeAudit(tx, originOf(actor), {
      action: 'hub_contact.created',
      resourceType: 'hub_contact',
      resourceId: row!.id,
      youthId,
      detail: { goalIds, hubServiceId: input.hubServiceId ?? null },
    });
    const [r] = await query(tx).where(eq(hubContact.id, row!.id));
    return toHubContact(r!);
  });
