import {
  HUB_INTENSITY,
  type THubService,
  type THubServiceList,
  type ZCreateHubService,
  type ZUpdateHubService,
} from '@mentorbridge/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { hubService } from '../../db/schema.ts';
import { badRequest, notFound, versionConflict } from '../../http/errors.ts';
import { changedFields, findYouthFor } from '../youth/youth-record.ts';
import { hubActiveOn, orgToday } from './intake-common.ts';

type HubRow = typeof hubService.$inferSelect;

export const toHubService = (h: HubRow, today: string): THubService => ({
  id: h.id,
  youthId: h.youthId,
  type: h.type,
  agency: h.agency,
  clinicianName: h.clinicianName,
  clinicianUserId: h.clinicianUserId,
  phone: h.phone,
  email: h.email,
  startedOn: h.startedOn,
  endedOn: h.endedOn,
  coordinating: h.coordinating,
  active: hubActiveOn(h, today),
  version: h.version,
});

/** The most intensive active hub (ICC > IHT > OP; the longest-running among equals), which should coordinate. */
export const mostIntensive = <T extends Pick<HubRow, 'type' | 'startedOn' | 'id'>>(hubs: T[]): T | undefined =>
  [...hubs].sort(
    (a, b) =>
      HUB_INTENSITY[b.type] - HUB_INTENSITY[a.type] ||
      a.startedOn.localeCompare(b.startedOn) ||
      a.id.localeCompare(b.id),
  )[0];

const hubsOf = (db: Db | Tx, youthId: string) =>
  db.select().from(hubService).where(eq(hubService.youthId, youthId)).orderBy(desc(hubService.startedOn));

export const listHubServices = async (db: Db, actor: Actor, youthId: string): Promise<THubServiceList> => {
  await findYouthFor(db, actor, youthId, 'hub_service.read');
  const [rows, today] = await Promise.all([hubsOf(db, youthId), orgToday(db, actor.organizationId)]);
  await auditRead(db, actor, {
    action: 'hub_service.listed',
    resourceType: 'hub_service',
    youthId,
    detail: { shown: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => toHubService(r, today)),
    suggestedCoordinatingId: mostIntensive(rows.filter((r) => hubActiveOn(r, today)))?.id ?? null,
  };
};

/**
 * Keeps exactly one coordinating hub among the active ones (none when none is active): `prefer` when given, else
 * the active hub already coordinating, else the most intensive; `avoid` is passed over when another is active.
 * Returns the ids whose flag changed.
 */
const settleCoordination = async (
  tx: Tx,
  youthId: string,
  today: string,
  opts: { prefer?: string; avoid?: string },
): Promise<string[]> => {
  const hubs = await hubsOf(tx, youthId);
  const active = hubs.filter((h) => hubActiveOn(h, today));
  const candidates = active.filter((h) => h.id !== opts.avoid);
  const pool = candidates.length ? candidates : active;
  const chosen =
    (opts.prefer ? pool.find((h) => h.id === opts.prefer) : undefined) ??
    mostIntensive(pool.filter((h) => h.coordinating)) ??
    mostIntensive(pool);
  const changed: string[] = [];
  for (const h of hubs) {
    const want = h.id === chosen?.id;
    if (h.coordinating === want) continue;
    await tx
      .update(hubService)
      .set({ coordinating: want, version: sql`${hubService.version} + 1`, updatedAt: new Date() })
      .where(eq(hubService.id, h.id));
    changed.push(h.id);
  }
  return changed;
};

/** Adds a hub service (also used by a referral, inside its transaction). */
export const insertHubService = async (
  tx: Tx,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZCreateHubService> & { clinicianUserId?: string | null },
): Promise<HubRow> => {
  if (input.endedOn && input.endedOn < input.startedOn)
    throw badRequest({ endedOn: 'The end date cannot be before the start date' });
  const today = await orgToday(tx, actor.organizationId);
  const active = hubActiveOn({ startedOn: input.startedOn, endedOn: input.endedOn ?? null }, today);
  if (input.coordinating && !active)
    throw badRequest({ coordinating: 'Only an active hub service can coordinate care' });
  const others = (await hubsOf(tx, youthId)).filter((h) => hubActiveOn(h, today));
  if (input.coordinating === false && active && others.length === 0)
    throw badRequest({ coordinating: 'The only active hub service coordinates care' });
  const [row] = await tx
    .insert(hubService)
    .values({
      id: input.id,
      organizationId: actor.organizationId,
      youthId,
      type: input.type,
      agency: input.agency,
      clinicianName: input.clinicianName,
      clinicianUserId: input.clinicianUserId ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      startedOn: input.startedOn,
      endedOn: input.endedOn ?? null,
      coordinating: false,
    })
    .returning();
  const changed = await settleCoordination(tx, youthId, today, {
    prefer: input.coordinating ? row!.id : undefined,
    avoid: input.coordinating === false ? row!.id : undefined,
  });
  await writeAudit(tx, originOf(actor), {
    action: 'hub_service.created',
    resourceType: 'hub_service',
    resourceId: row!.id,
    youthId,
    detail: { type: row!.type, coordinationChanged: changed },
  });
  const [fresh] = await tx.select().from(hubService).where(eq(hubService.id, row!.id));
  return fresh!;
};

export const createHubService = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZCreateHubService>,
): Promise<THubService> =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, youthId, 'hub_service.write');
    const row = await insertHubService(tx, actor, youthId, input);
    return toHubService(row, await orgToday(tx, actor.organizationId));
  });

export const updateHubService = async (
  db: Db,
  actor: Actor,
  youthId: string,
  hubServiceId: string,
  patch: z.output<typeof ZUpdateHubService>,
): Promise<THubService> =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, youthId, 'hub_service.write');
    const today = await orgToday(tx, actor.organizationId);
    const [before] = await tx
      .select()
      .from(hubService)
      .where(and(eq(hubService.id, hubServiceId), eq(hubService.youthId, youthId)));
    if (!before) throw notFound('Hub service');
    if (before.version !== patch.version) throw versionConflict(toHubService(before, today));
    const { version, ...fields } = patch;
    const endedOn = fields.endedOn === undefined ? before.endedOn : fields.endedOn;
    if (endedOn && endedOn < before.startedOn)
      throw badRequest({ endedOn: 'The end date cannot be before the start date' });
    const activeAfter = hubActiveOn({ startedOn: before.startedOn, endedOn }, today);
    if (fields.coordinating && !activeAfter)
      throw badRequest({ coordinating: 'Only an active hub service can coordinate care' });
    if (fields.coordinating === false && activeAfter) {
      const others = (await hubsOf(tx, youthId)).filter((h) => h.id !== before.id && hubActiveOn(h, today));
      if (others.length === 0) throw badRequest({ coordinating: 'The only active hub service coordinates care' });
    }
    const changed = changedFields(before, fields);
    if (changed.length === 0) return toHubService(before, today);
    const { coordinating: _c, ...plain } = fields;
    const [row] = await tx
      .update(hubService)
      .set({ ...plain, version: sql`${hubService.version} + 1`, updatedAt: new Date() })
      .where(and(eq(hubService.id, before.id), eq(hubService.version, version)))
      .returning();
    if (!row) throw versionConflict(toHubService(before, today));
    const coordinationChanged = await settleCoordination(tx, youthId, today, {
      prefer: fields.coordinating ? before.id : undefined,
      avoid: fields.coordinating === false || !activeAfter ? before.id : undefined,
    });
    await writeAudit(tx, originOf(actor), {
      action: 'hub_service.updated',
      resourceType: 'hub_service',
      resourceId: before.id,
      youthId,
      detail: { fields: changed, coordinationChanged },
    });
    const [fresh] = await tx.select().from(hubService).where(eq(hubService.id, before.id));
    return toHubService(fresh!, today);
  });
