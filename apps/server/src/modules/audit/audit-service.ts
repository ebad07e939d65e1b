import type { TAuditEvent, ZAuditQuery } from '@mentorbridge/core';
import { and, count, desc, eq, gte, lte, max, min, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { verifyAuditChains } from '../../audit/verify-chain.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { auditEvent, user } from '../../db/schema.ts';
import { isoRequired } from '../../http/schemas.ts';
import { findYouthFor } from '../youth/youth-record.ts';

export const listAudit = async (db: Db, actor: Actor, q: z.output<typeof ZAuditQuery>) => {
  const filters: SQL[] = [eq(auditEvent.organizationId, actor.organizationId)];
  if (q.youthId) filters.push(eq(auditEvent.youthId, q.youthId));
  if (q.actorUserId) filters.push(eq(auditEvent.actorUserId, q.actorUserId));
  if (q.action) filters.push(eq(auditEvent.action, q.action));
  if (q.resourceType) filters.push(eq(auditEvent.resourceType, q.resourceType));
  if (q.from) filters.push(gte(auditEvent.at, new Date(q.from)));
  if (q.to) filters.push(lte(auditEvent.at, new Date(q.to)));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({ e: auditEvent, actorName: user.name })
      .from(auditEvent)
      .leftJoin(user, eq(user.id, auditEvent.actorUserId))
      .where(where)
      .orderBy(desc(auditEvent.at), desc(auditEvent.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditEvent).where(where),
  ]);
  const items: TAuditEvent[] = rows.map(({ e, actorName }) => ({
    id: e.id,
    seq: e.seq,
    at: isoRequired(e.at),
    actorUserId: e.actorUserId,
    actorName,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    youthId: e.youthId,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    detail: e.detail,
  }));
  return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};

/** Who opened one youth's record, and when first and last. */
export const youthAccessLog = async (db: Db, actor: Actor, youthId: string) => {
  await findYouthFor(db, actor, youthId, 'youth.access_log');
  const rows = await db
    .select({
      actorUserId: auditEvent.actorUserId,
      actorName: user.name,
      firstAt: min(auditEvent.at),
      lastAt: max(auditEvent.at),
      count: count(),
    })
    .from(auditEvent)
    .leftJoin(user, eq(user.id, auditEvent.actorUserId))
    .where(
      and(
        eq(auditEvent.organizationId, actor.organizationId),
        eq(auditEvent.youthId, youthId),
        eq(auditEvent.action, 'youth.viewed'),
      ),
    )
    .groupBy(auditEvent.actorUserId, user.name)
    .orderBy(desc(max(auditEvent.at)));
  await auditRead(db, actor, {
    action: 'youth.access_log_viewed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
  });
  return rows.map((r) => ({
    actorUserId: r.actorUserId,
    actorName: r.actorName,
    firstAt: isoRequired(r.firstAt!),
    lastAt: isoRequired(r.lastAt!),
    count: r.count,
  }));
};

export const verifyOrganizationAudit = (db: Db, actor: Actor) => verifyAuditChains(db, { chain: actor.organizationId });
