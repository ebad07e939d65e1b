import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the hash does not depend on how jsonb reorders keys. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export type ChainedFields = {
  chain: string;
  seq: number;
  organizationId: string | null;
  at: Date;
  actorUserId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  youthId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
};

export const hashEvent = (e: ChainedFields): string =>
  createHash('sha256')
    .update(
      canonicalJson([
        e.prevHash,
        e.chain,
        e.seq,
        e.organizationId,
        e.at.toISOString(),
        e.actorUserId,
        e.action,
        e.resourceType,
        e.resourceId,
        e.youthId,
        e.ip,
        e.userAgent,
        e.requestId,
        e.detail,
      ]),
    )
    .digest('hex');
