import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/context.ts';
import { type Db, rowsOf, type Tx } from '../db/client.ts';
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
  await appendToChain(tx, chainOf(origin.organizationId), [{ origin, entries: list }]);
};

type Batch = { origin: AuditOrigin; entries: AuditEntry[] }[];

/** One lock, one read of the chain's last row and one multi-row insert for every event of `batch`, in order. */
const appendToChain = async (tx: Tx | Db, chain: string, batch: Batch) => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain}`}))`);
  const [last] = await tx
    .select({ seq: auditEvent.seq, hash: auditEvent.hash })
    .from(auditEvent)
    .where(eq(auditEvent.chain, chain))
    .orderBy(desc(auditEvent.seq))
    .limit(1);
  await insertRows(tx, buildRows(chain, batch, last?.seq ?? 0, last?.hash ?? GENESIS_HASH));
};

/**
 * Every row in one statement and one parameter: the query builder spent more CPU on a batch's values than
 * PostgreSQL spent inserting them. Unlisted columns (id) take their defaults.
 */
const insertRows = async (tx: Tx | Db, rows: ReturnType<typeof buildRows>) => {
  const json = JSON.stringify(
    rows.map((r) => ({
      chain: r.chain,
      seq: r.seq,
      organization_id: r.organizationId,
      at: r.at.toISOString(),
      actor_user_id: r.actorUserId,
      action: r.action,
      resource_type: r.resourceType,
      resource_id: r.resourceId,
      youth_id: r.youthId,
      ip: r.ip,
      user_agent: r.userAgent,
      request_id: r.requestId,
      detail: r.detail,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  await tx.execute(sql`insert into audit_event (chain, seq, organization_id, at, actor_user_id, action, resource_type,
      resource_id, youth_id, ip, user_agent, request_id, detail, prev_hash, hash)
    select chain, seq, organization_id, at, actor_user_id, action, resource_type, resource_id, youth_id, ip,
      user_agent, request_id, detail, prev_hash, hash
    from json_populate_recordset(null::audit_event, ${json}::json)`);
};

/** The chain's next rows after (`seq`, `prevHash`), each hashed over its content and the previous hash. */
const buildRows = (chain: string, batch: Batch, lastSeq: number, lastHash: string) => {
  let seq = lastSeq;
  let prevHash = lastHash;
  const at = new Date();
  return batch.flatMap(({ origin, entries }) =>
    entries.map((e) => {
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
    }),
  );
};

// ---------------------------------------------------------------------------------------------------------------
// Reads: group commit

type Waiting = { chain: string; item: Batch[number]; resolve: () => void; reject: (err: unknown) => void };
type Queue = { waiting: Waiting[]; flushing: boolean };

/** Events per transaction at most (15 parameters each, far below PostgreSQL's 65,535). */
const MAX_BATCH_EVENTS = 1000;
const queues = new WeakMap<Db, Queue>();

const takeBatch = (q: Queue) => {
  let events = 0;
  let n = 0;
  while (n < q.waiting.length && (n === 0 || events + q.waiting[n]!.item.entries.length <= MAX_BATCH_EVENTS)) {
    events += q.waiting[n]!.item.entries.length;
    n += 1;
  }
  return q.waiting.splice(0, n);
};

/**
 * Appends the events of several chains in one transaction: the chains' locks in one statement (in name order, so
 * two such transactions cannot deadlock), their last rows in one statement, every row in one insert.
 */
const appendToChains = async (tx: Tx, batch: Waiting[]) => {
  const byChain = new Map<string, Batch>();
  for (const w of batch) byChain.set(w.chain, [...(byChain.get(w.chain) ?? []), w.item]);
  const chains = [...byChain.keys()].sort();
  // A JSON list: one parameter, the same on both drivers.
  const list = JSON.stringify(chains);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('audit:' || t.c)) from json_array_elements_text(${list}::json) with ordinality as t(c, n) order by t.n`,
  );
  const lasts = rowsOf<{ chain: string; seq: string | number | null; hash: string | null }>(
    await tx.execute(sql`select t.c as chain, l.seq, l.hash from json_array_elements_text(${list}::json) as t(c)
      left join lateral (select seq, hash from audit_event where chain = t.c order by seq desc limit 1) l on true`),
  );
  const lastBy = new Map(lasts.map((l) => [l.chain, l]));
  const rows = chains.flatMap((chain) => {
    const last = lastBy.get(chain);
    return buildRows(chain, byChain.get(chain)!, Number(last?.seq ?? 0), last?.hash ?? GENESIS_HASH);
  });
  await insertRows(tx, rows);
};

const flush = async (db: Db, q: Queue) => {
  q.flushing = true;
  try {
    while (q.waiting.length) {
      const batch = takeBatch(q);
      try {
        await db.transaction((tx) => appendToChains(tx, batch));
        for (const w of batch) w.resolve();
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        // One bad event must not fail its neighbours: retry each in a transaction of its own.
        for (const w of batch) {
          try {
            await db.transaction((tx) => appendToChain(tx, w.chain, [w.item]));
            w.resolve();
          } catch (e) {
            w.reject(e);
          }
        }
      }
    }
  } finally {
    q.flushing = false;
  }
};

/**
 * Reads are audited before the answer leaves the server: the promise settles only once the event is committed.
 * Events are group-committed — while one transaction appends, the reads arriving meanwhile queue, and the next
 * transaction appends all of them, whatever their organization's chain (chain locks, last rows and rows each in one
 * statement). A quiet server writes at once; a busy one shares each commit among many reads. A crash loses no
 * event of an answer that was sent; queued requests die unanswered with the process.
 */
export const auditRead = (db: Db, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> => {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return Promise.resolve();
  const origin = originOf(actor);
  let q = queues.get(db);
  if (!q) {
    q = { waiting: [], flushing: false };
    queues.set(db, q);
  }
  const queue = q;
  return new Promise<void>((resolve, reject) => {
    queue.waiting.push({ chain: chainOf(origin.organizationId), item: { origin, entries: list }, resolve, reject });
    if (!queue.flushing) void flush(db, queue);
  });
};
