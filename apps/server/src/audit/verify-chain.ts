import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvent } from '../db/schema.ts';
import { GENESIS_HASH, hashEvent } from './hash.ts';

export type ChainReport = {
  ok: boolean;
  checked: number;
  chains: number;
  brokenAt: { chain: string; seq: number; id: string; reason: string } | null;
};

const BATCH = 2000;

/** Recomputes every hash in order and reports the first row whose content, link or position does not hold. */
export const verifyAuditChains = async (db: Db, only?: { chain: string }): Promise<ChainReport> => {
  const chains = only
    ? [only.chain]
    : (await db.selectDistinct({ chain: auditEvent.chain }).from(auditEvent).orderBy(auditEvent.chain)).map(
        (r) => r.chain,
      );
  let checked = 0;
  for (const chain of chains) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.chain, chain), gt(auditEvent.seq, after)))
        .orderBy(asc(auditEvent.seq))
        .limit(BATCH);
      for (const row of rows) {
        checked += 1;
        const broken = (reason: string) => ({
          ok: false,
          checked,
          chains: chains.length,
          brokenAt: { chain, seq: row.seq, id: row.id, reason },
        });
        if (row.seq !== expectedSeq) return broken(`expected sequence ${expectedSeq}; a row is missing`);
        if (row.prevHash !== prevHash) return broken('does not link to the previous row');
        if (hashEvent({ ...row, detail: row.detail ?? {} }) !== row.hash)
          return broken('content does not match its hash');
        prevHash = row.hash;
        expectedSeq += 1;
        after = row.seq;
      }
      if (rows.length < BATCH) break;
    }
  }
  return { ok: true, checked, chains: chains.length, brokenAt: null };
};
