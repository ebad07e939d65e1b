import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashEvent } from './hash.ts';

const base = {
  chain: 'org',
  seq: 1,
  organizationId: 'org',
  at: new Date('2026-11-23T10:00:00.000Z'),
  actorUserId: 'u1',
  action: 'youth.viewed',
  resourceType: 'youth',
  resourceId: 'y1',
  youthId: 'y1',
  ip: '127.0.0.1',
  userAgent: 'ua',
  requestId: 'r1',
  detail: { b: 1, a: [{ d: 2, c: 3 }] },
  prevHash: GENESIS_HASH,
};

describe('audit hashing', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [3, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is stable under key order and changes with any field or the previous hash', () => {
    const h = hashEvent(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent({ ...base, detail: { a: [{ c: 3, d: 2 }], b: 1 } })).toBe(h);
    for (const change of [
      { seq: 2 },
      { actorUserId: 'u2' },
      { action: 'youth.updated' },
      { at: new Date('2026-11-23T10:00:00.001Z') },
      { prevHash: 'f'.repeat(64) },
      { detail: {} },
    ]) {
      expect(hashEvent({ ...base, ...change })).not.toBe(h);
    }
  });
});
