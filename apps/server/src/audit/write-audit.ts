import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/context.ts';
import type { Db, Tx } from '../db/client.ts';
import { auditEvent } from '../db/schema.ts';
import { GENESIS_HASH, hashEvent } from './hash.ts';

export type AuditEntry = {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  youthId?: string | null;
  /** Ids and field names only — never names, dates of birth or note text. */
  detail?: Record<string, unknown>;
};

export type AuditOrigin = {
  organizationId: string | null;
  actorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

export const originOf = (actor: Actor): AuditOrigin => ({
  organizationId: actor.organizationId,
  actorUserId: actor.userId,
  ip: actor.ip,
  userAgent: actor.userAgent,
  requestId: actor.requestId,
});

export const chainOf = (organizationId: string | null) => organizationId ?? 'global';

/**
 * Appends events to their organization's chain inside the caller's transaction, so the audit row commits or
 * rolls back with the change it describes. The advisory lock orders writers on one chain.
 */
export const writeAudit = async (tx: Tx | Db, origin: AuditOrigin, entries: AuditEntry | AuditEntry[]) => {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const chain = chainOf(origin.organizationId);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain}`}))`);
  const [last] = await tx
    .select({ seq: auditEvent.seq, hash: auditEvent.hash })
    .from(auditEvent)
    .where(eq(auditEvent.chain, chain))
    .orderBy(desc(auditEvent.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = list.map((e) => {
    seq += 1;
    const fields = {
      chain,
      seq,
      organizationId: origin.organizationId,
      at,
      actorUserId: origin.actorUserId,
      action: e.action,
      resourceType: e.resourceType,
      resourceId: e.resourceId ?? null,
      youthId: e.youthId ?? null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      requestId: origin.requestId,
      detail: e.detail ?? {},
      prevHash,
    };
    const hash = hashEvent(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  await tx.insert(auditEvent).values(rows);
};

/** Reads are audited in a transaction of their own, before the answer leaves the server. */
export const auditRead = (db: Db, actor: Actor, entries: AuditEntry | AuditEntry[]) =>
  db.transaction((tx) => writeAudit(tx, originOf(actor), entries));
