import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify-chain.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { migrateDatabase, openPglite } from '../db/client.ts';
import { auditEvent } from '../db/schema.ts';
import { createTestApp, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const eventsFor = (youthId: string) =>
  t.database.db.select().from(auditEvent).where(eq(auditEvent.youthId, youthId)).orderBy(asc(auditEvent.seq));

describe('audit trail', () => {
  it('opening and editing a youth write audit events with who, what, when and from where', async () => {
    const id = w.youth.y1.id;
    await w.users.m1.request({
      method: 'GET',
      url: `/api/v1/youth/${id}`,
      headers: { 'user-agent': 'phone-browser/1.0' },
    });
    const version = (await w.users.s1.get(`/api/v1/youth/${id}`)).json().version;
    await w.users.s1.patch(`/api/v1/youth/${id}`, { version, school: 'Riverside Academy', grade: '8' });
    const events = await eventsFor(id);
    const viewed = events.find((e) => e.action === 'youth.viewed' && e.actorUserId === w.users.m1.userId)!;
    expect(viewed).toMatchObject({
      organizationId: w.orgA.id,
      resourceType: 'youth',
      resourceId: id,
      userAgent: 'phone-browser/1.0',
      ip: '127.0.0.1',
    });
    expect(viewed.requestId).toBeTruthy();
    const updated = events.find((e) => e.action === 'youth.updated')!;
    expect(updated.actorUserId).toBe(w.users.s1.userId);
    // Field names only: the audit never holds the values.
    expect(updated.detail).toMatchObject({ fields: ['school', 'grade'] });
    expect(JSON.stringify(updated.detail)).not.toContain('Riverside');
  });

  it('searching records which youth were shown, not what was searched for', async () => {
    await w.users.admin.get('/api/v1/youth?q=Testlast1');
    const [e] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'youth.searched'))
      .orderBy(sql`${auditEvent.seq} desc`)
      .limit(1);
    expect(e!.detail).toMatchObject({ filters: ['q'], shown: [w.youth.y1.id] });
    expect(JSON.stringify(e!.detail)).not.toContain('Testlast1');
  });

  it('an org admin browses and filters the trail and sees who opened one youth', async () => {
    const res = await w.users.admin.get(`/api/v1/audit?youthId=${w.youth.y1.id}&action=youth.viewed`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e: { action: string }) => e.action === 'youth.viewed')).toBe(true);
    const log = (await w.users.admin.get(`/api/v1/youth/${w.youth.y1.id}/access-log`)).json();
    expect(log.map((l: { actorUserId: string }) => l.actorUserId)).toEqual(
      expect.arrayContaining([w.users.m1.userId, w.users.s1.userId]),
    );
    // Another organization's events never show.
    const other = (await w.adminB.get('/api/v1/audit?pageSize=100')).json();
    expect(other.items.every((e: { youthId: string | null }) => e.youthId !== w.youth.y1.id)).toBe(true);
  });

  it('an audit row commits or rolls back with the change it describes', async () => {
    const before = await verifyAuditChains(t.database.db);
    await expect(
      t.database.db.transaction(async (tx) => {
        await writeAudit(
          tx,
          { organizationId: w.orgA.id, actorUserId: null, ip: null, userAgent: null, requestId: null },
          {
            action: 'test.rolled_back',
            resourceType: 'test',
          },
        );
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [n] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvent)
      .where(eq(auditEvent.action, 'test.rolled_back'));
    expect(n!.n).toBe(0);
    expect((await verifyAuditChains(t.database.db)).checked).toBe(before.checked);
  });

  it('the chain verifies, and a row edited by hand breaks verification at that row', async () => {
    const ok = await verifyAuditChains(t.database.db);
    expect(ok).toMatchObject({ ok: true, brokenAt: null });
    expect(ok.checked).toBeGreaterThan(10);
    expect((await w.users.admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });

    const [victim] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.chain, w.orgA.id), eq(auditEvent.action, 'youth.updated')))
      .limit(1);
    await t.database.db.execute(sql`update audit_event set actor_user_id = 'someone-else' where id = ${victim!.id}`);
    const broken = await verifyAuditChains(t.database.db);
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt).toMatchObject({ id: victim!.id, seq: victim!.seq, chain: w.orgA.id });
    const api = (await w.users.admin.get('/api/v1/audit/verify')).json();
    expect(api.brokenAt.id).toBe(victim!.id);

    // Deleting a row is caught too: the next row no longer follows on.
    await t.database.db.execute(
      sql`update audit_event set actor_user_id = ${victim!.actorUserId} where id = ${victim!.id}`,
    );
    expect((await verifyAuditChains(t.database.db)).ok).toBe(true);
    await t.database.db.execute(sql`delete from audit_event where id = ${victim!.id}`);
    const gap = await verifyAuditChains(t.database.db);
    expect(gap.brokenAt).toMatchObject({ chain: w.orgA.id, seq: victim!.seq + 1 });
  });

  it('the verification command reports the first broken link and exits non-zero', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mb-audit-cli-'));
    try {
      const db = await openPglite(dir);
      await migrateDatabase(db);
      const origin = { organizationId: null, actorUserId: 'u1', ip: null, userAgent: null, requestId: null };
      for (let i = 0; i < 3; i++) {
        await db.db.transaction((tx) => writeAudit(tx, origin, { action: `test.${i}`, resourceType: 'test' }));
      }
      await db.db.execute(sql`update audit_event set action = 'test.forged' where seq = 2`);
      await db.close();
      const run = promisify(execFile);
      const cli = path.resolve(import.meta.dirname, '../cli/verify-audit.ts');
      const err = await run(process.execPath, ['--import', 'tsx', cli], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: 'test' },
      }).catch((e: { code: number; stdout: string }) => e);
      expect((err as { code: number }).code).toBe(1);
      expect((err as { stdout: string }).stdout).toMatch(/BROKEN at chain global, sequence 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
