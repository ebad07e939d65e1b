import { calendarDate } from '@mentorbridge/core';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../auth/totp.ts';
import { contact, noteReview, youth } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { clientFor, cookieFrom, createTestApp, signIn, type TestApp } from '../../test/test-app.ts';
import { evaluateNote } from './evaluate-note.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' });
});
afterAll(async () => t?.close());

const signInDemo = async (key: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.key === key)!;
  const first = await signIn(t.app, a.email, DEMO_PASSWORD);
  let cookie = first.cookie;
  if (a.totpSecret) {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { code: await totpCode(a.totpSecret) },
    });
    cookie = cookieFrom(ok.headers['set-cookie']);
  }
  return clientFor(t.app, { userId: '', email: a.email, cookie, orgId: null });
};

describe('demo contacts and notes', () => {
  it('signed notes respect the gates; the youth without guardian agreement keeps drafts', async () => {
    const db = t.database.db;
    const rows = await db
      .select({ c: contact, programId: youth.programId, first: youth.firstName })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(inArray(contact.noteStatus, ['signed', 'approved', 'cosigned', 'returned']));
    expect(rows.length).toBeGreaterThan(40);
    for (const { c, programId } of rows) {
      const e = await evaluateNote(db, c, programId, 'America/New_York');
      if (e.billableProgram && c.kind === 'session') expect(e.failures, c.id).toEqual([]);
      expect(c.billable).toBe(e.billableProgram && c.kind === 'session');
    }
    // Youth 13 (Liam) has no guardian agreement: none of their sessions is signed.
    const liam = rows.filter((r) => r.first === 'Liam' && r.c.kind === 'session');
    expect(liam).toEqual([]);
    const [liamDraft] = await db
      .select({ id: contact.id })
      .from(contact)
      .innerJoin(youth, eq(youth.id, contact.youthId))
      .where(and(eq(youth.firstName, 'Liam'), eq(contact.noteStatus, 'draft'), eq(contact.status, 'completed')));
    expect(liamDraft).toBeDefined();
  });

  it('shows every state: reviewed, awaiting review, returned with a comment, overdue drafts, no-shows, cancellations, today', async () => {
    const db = t.database.db;
    const all = await db.select().from(contact);
    const count = (f: (c: (typeof all)[number]) => boolean) => all.filter(f).length;
    expect(count((c) => c.noteStatus === 'approved')).toBeGreaterThan(10);
    expect(count((c) => c.noteStatus === 'cosigned')).toBeGreaterThan(5);
    expect(count((c) => c.noteStatus === 'signed' && c.reviewRequired != null)).toBeGreaterThan(5);
    expect(count((c) => c.noteStatus === 'returned')).toBe(2);
    expect(count((c) => c.status === 'no_show')).toBe(2);
    expect(count((c) => c.status === 'cancelled')).toBe(2);
    expect(count((c) => c.signedLate)).toBeGreaterThan(0);
    const today = calendarDate(new Date(), 'America/New_York');
    expect(count((c) => c.date === today && c.status === 'scheduled')).toBe(8);
    const returned = all.filter((c) => c.noteStatus === 'returned').map((c) => c.id);
    const comments = await db.select().from(noteReview).where(inArray(noteReview.contactId, returned));
    expect(comments.map((r) => r.action)).toEqual(['return', 'return']);
    expect(comments.every((r) => (r.comment ?? '').length > 10)).toBe(true);

    const pm = await signInDemo('pm');
    const overdue = (await pm.get('/api/v1/contacts?pageSize=100&noteStatus=draft&status=completed')).json();
    expect(overdue.items.filter((i: { overdue: boolean }) => i.overdue).length).toBeGreaterThan(3);
  });

  it('supervisor1\'s mentors are up to date with supervision, supervisor2\'s overdue; supervisor1 has a queue', async () => {
    const pm = await signInDemo('pm');
    const rows = (await pm.get('/api/v1/supervision/compliance')).json() as {
      mentorName: string;
      overdue: boolean;
    }[];
    const byName = Object.fromEntries(rows.map((r) => [r.mentorName, r.overdue]));
    expect(byName).toMatchObject({
      'Casey Mentor': false,
      'Riley Mentor': false,
      'Jamie Mentor': true,
      'Taylor Mentor': true,
    });
    const s1 = await signInDemo('supervisor1');
    const queue = (await s1.get('/api/v1/review-queue')).json();
    expect(queue.total).toBeGreaterThan(3);
  });
});
