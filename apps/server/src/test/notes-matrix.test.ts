import { addDays } from '@mentorbridge/core';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contact,
  mentorAssignment,
  noteAddendum,
  noteReview,
  noteRevision,
  supervisionAssignment,
  supervisionSession,
} from '../db/schema.ts';
import { buildNotesWorld, daysAgo, type NotesWorld, orgToday } from '../modules/notes/notes-fixtures.ts';
import { clientOf, EVERYONE, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { NOTES_ROUTES } from './matrix/notes-routes.ts';
import { type Client, createTestApp, createUserClient, TEST_PASSWORD, type TestApp } from './test-app.ts';

/**
 * Every notes route × role × relationship, with expectations written out by hand: the same caseload (y1: mentor m1,
 * supervisor s1), another mentor's caseload (y2: m2, s2), another program (y3: community program, m2, s2; the
 * program manager covers only the TM program) and another organization (yb). Refused writes change nothing.
 */
let t: TestApp;
let w: NotesWorld;
let mentorB: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildNotesWorld(t);
  // The other organization's youth has its own mentor, so its admin is not the note's author.
  mentorB = await createUserClient(t, w.orgB.id, [{ role: 'mentor' }]);
  await t.database.db
    .insert(mentorAssignment)
    .values({ organizationId: w.orgB.id, mentorUserId: mentorB.userId, youthId: w.youth.yb.id });
});
afterAll(async () => t?.close());

/** Who can see the youth record at all. */
const SEES_YOUTH: Record<Target, Who[]> = {
  y1: ['admin', 'pm', 's1', 'm1', 'hub', 'g', 'yu'],
  y2: ['admin', 'pm', 's2', 'm2'],
  y3: ['admin', 's2', 'm2'],
  yb: ['adminB'],
};
/** Who can see the youth's contacts and notes (case staff; not hub clinicians, guardians or the youth). */
const SEES_CONTACTS: Record<Target, Who[]> = {
  y1: ['admin', 'pm', 's1', 'm1'],
  y2: ['admin', 'pm', 's2', 'm2'],
  y3: ['admin', 's2', 'm2'],
  yb: ['adminB'],
};
const MENTOR: Record<Target, Who | null> = { y1: 'm1', y2: 'm2', y3: 'm2', yb: null };
const SUPERVISOR: Record<Target, Who | null> = { y1: 's1', y2: 's2', y3: 's2', yb: null };

const client = (who: Who): Client => clientOf(w, who);
const youthOf = (target: Target) => w.youth[target];
const mentorIdOf = (target: Target) => (target === 'yb' ? mentorB.userId : client(MENTOR[target]!).userId);
const goalOf = (target: Target) =>
  ({ y1: w.goals.g1.id, y2: w.goals.g2.id, y3: w.goals.g3.id, yb: w.goals.gb.id })[target];

type Prep = 'scheduled' | 'past' | 'draft' | 'signed';

/** A contact in the state a case needs, inserted directly. */
const makeContact = async (target: Target, prep: Prep, onDate?: string): Promise<string> => {
  const y = youthOf(target);
  const mentorUserId = mentorIdOf(target);
  const note = {
    setting: 'school',
    modality: 'in_person',
    goalIds: [goalOf(target)],
    activities: ['coaching'],
    skills: ['goal_setting'],
    youthResponse: 'Engaged',
    plan: 'Next step',
    safetyConcern: false,
  };
  const base = {
    organizationId: y.organizationId,
    youthId: y.id,
    mentorUserId,
    startTime: '15:00',
    endTime: '16:00',
  };
  const values =
    prep === 'scheduled'
      ? { ...base, date: onDate ?? addDays(orgToday(), 3) }
      : prep === 'past'
        ? { ...base, date: daysAgo(1) }
        : prep === 'draft'
          ? { ...base, ...note, date: daysAgo(1), status: 'completed' as const }
          : {
              ...base,
              ...note,
              date: daysAgo(1),
              status: 'completed' as const,
              noteStatus: 'signed' as const,
              signedAt: new Date(),
              signedBy: mentorUserId,
              reviewRequired: 'approve',
            };
  const [row] = await t.database.db.insert(contact).values(values).returning({ id: contact.id });
  if (prep === 'signed') {
    await t.database.db.insert(noteRevision).values({
      organizationId: y.organizationId,
      contactId: row!.id,
      revision: 1,
      content: note,
      signedBy: mentorUserId,
      signedAt: new Date(),
    });
  }
  return row!.id;
};

const stateOf = async (youthId: string, contactId: string) => {
  const db = t.database.db;
  const [c] = await db
    .select({ v: contact.version, s: contact.status, n: contact.noteStatus })
    .from(contact)
    .where(eq(contact.id, contactId));
  const [contacts] = await db.select({ n: count() }).from(contact).where(eq(contact.youthId, youthId));
  const [addenda] = await db.select({ n: count() }).from(noteAddendum).where(eq(noteAddendum.contactId, contactId));
  const [reviews] = await db.select({ n: count() }).from(noteReview).where(eq(noteReview.contactId, contactId));
  return { contact: c ?? null, contacts: contacts?.n, addenda: addenda?.n, reviews: reviews?.n };
};

type RecordCase = {
  route: string;
  /** Whether the youth record (the route names it) or its contacts decide visibility. */
  visibleBy: 'youth' | 'contacts';
  allowed: (target: Target, who: Who) => boolean;
  ok: number;
  mutates: boolean;
  prep?: Prep;
  call: (c: Client, youthId: string, contactId: string) => Promise<{ statusCode: number; body: string }>;
};

const caseStaff = (target: Target, who: Who) => SEES_CONTACTS[target].includes(who);

const RECORD_CASES: RecordCase[] = [
  {
    route: 'POST /api/v1/youth/:id/contacts',
    visibleBy: 'youth',
    allowed: caseStaff,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/contacts`, { date: addDays(orgToday(), 2), startTime: '16:00', endTime: '17:00' }),
  },
  {
    route: 'GET /api/v1/contacts/:contactId',
    visibleBy: 'contacts',
    allowed: caseStaff,
    ok: 200,
    mutates: false,
    prep: 'scheduled',
    call: (c, _id, contactId) => c.get(`/api/v1/contacts/${contactId}`),
  },
  {
    route: 'PATCH /api/v1/contacts/:contactId',
    visibleBy: 'contacts',
    allowed: caseStaff,
    ok: 200,
    mutates: true,
    prep: 'scheduled',
    call: (c, _id, contactId) => c.patch(`/api/v1/contacts/${contactId}`, { version: 1, startTime: '15:30' }),
  },
  {
    route: 'POST /api/v1/contacts/:contactId/cancel',
    visibleBy: 'contacts',
    allowed: caseStaff,
    ok: 200,
    mutates: true,
    prep: 'scheduled',
    call: (c, _id, contactId) => c.post(`/api/v1/contacts/${contactId}/cancel`, { reason: 'Illness' }),
  },
  {
    route: 'POST /api/v1/contacts/:contactId/no-show',
    visibleBy: 'contacts',
    allowed: caseStaff,
    ok: 200,
    mutates: true,
    prep: 'past',
    call: (c, _id, contactId) => c.post(`/api/v1/contacts/${contactId}/no-show`, { reason: 'Not home' }),
  },
  {
    route: 'POST /api/v1/contacts/:contactId/sign',
    visibleBy: 'contacts',
    // Only the mentor who wrote the note.
    allowed: (target, who) => MENTOR[target] === who,
    ok: 200,
    mutates: true,
    prep: 'draft',
    call: (c, _id, contactId) => c.post(`/api/v1/contacts/${contactId}/sign`, { password: TEST_PASSWORD, version: 1 }),
  },
  {
    route: 'POST /api/v1/contacts/:contactId/addenda',
    visibleBy: 'contacts',
    // The mentor who wrote the note, or their supervisor.
    allowed: (target, who) => MENTOR[target] === who || SUPERVISOR[target] === who,
    ok: 201,
    mutates: true,
    prep: 'signed',
    call: (c, _id, contactId) => c.post(`/api/v1/contacts/${contactId}/addenda`, { text: 'Late information.' }),
  },
  {
    route: 'POST /api/v1/contacts/:contactId/review',
    visibleBy: 'contacts',
    // Only the mentor's supervisor.
    allowed: (target, who) => SUPERVISOR[target] === who,
    ok: 200,
    mutates: true,
    prep: 'signed',
    call: (c, _id, contactId) => c.post(`/api/v1/contacts/${contactId}/review`, { action: 'approve' }),
  },
];

type CollectionCase = {
  route: string;
  allowed: Who[];
  ok: number;
  call: (c: Client, who: Who) => Promise<{ statusCode: number }>;
};
const SUPERVISION_READERS: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'adminB'];

const COLLECTION_CASES: CollectionCase[] = [
  {
    route: 'GET /api/v1/contacts',
    allowed: ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'adminB'],
    ok: 200,
    call: (c) => c.get('/api/v1/contacts'),
  },
  { route: 'GET /api/v1/review-queue', allowed: ['s1', 's2'], ok: 200, call: (c) => c.get('/api/v1/review-queue') },
  {
    route: 'GET /api/v1/supervision-assignments',
    allowed: SUPERVISION_READERS,
    ok: 200,
    call: (c) => c.get('/api/v1/supervision-assignments'),
  },
  {
    route: 'GET /api/v1/supervision-sessions',
    allowed: SUPERVISION_READERS,
    ok: 200,
    call: (c) => c.get('/api/v1/supervision-sessions'),
  },
  {
    route: 'POST /api/v1/supervision-sessions',
    allowed: ['s1', 's2'],
    ok: 201,
    call: (c, who) =>
      c.post('/api/v1/supervision-sessions', {
        superviseeUserIds: [who === 's2' ? w.users.m2.userId : w.users.m1.userId],
        date: daysAgo(1),
        minutes: 60,
        format: 'individual',
        topics: 'Caseload review',
      }),
  },
  {
    route: 'GET /api/v1/supervision/compliance',
    allowed: SUPERVISION_READERS,
    ok: 200,
    call: (c) => c.get('/api/v1/supervision/compliance'),
  },
  {
    route: 'GET /api/v1/skills',
    allowed: ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'],
    ok: 200,
    call: (c) => c.get('/api/v1/skills'),
  },
];

/** A supervision session led by s1 with m1, unsigned. */
const freshSession = async () => {
  const [s] = await t.database.db
    .insert(supervisionSession)
    .values({
      organizationId: w.orgA.id,
      supervisorUserId: w.users.s1.userId,
      superviseeUserIds: [w.users.m1.userId],
      date: daysAgo(2),
      minutes: 60,
      format: 'individual',
      topics: 'Case review',
    })
    .returning();
  return s!.id;
};
const sessionState = async (id: string) =>
  (
    await t.database.db
      .select({ v: supervisionSession.version, signed: supervisionSession.signedAt })
      .from(supervisionSession)
      .where(eq(supervisionSession.id, id))
  )[0];

/** Staff-side records: the expected answer per caller, written out. */
const STAFF_CASES: {
  route: string;
  expect: Record<Who, number>;
  call: (c: Client) => Promise<{ statusCode: number }>;
  state?: () => Promise<unknown>;
  prep?: () => Promise<string>;
  callOn?: (c: Client, id: string) => Promise<{ statusCode: number }>;
}[] = [
  {
    // Target: mentor m1, supervised by s1.
    route: 'PUT /api/v1/supervision-assignments/:mentorUserId/review-mode',
    expect: { admin: 200, pm: 200, s1: 200, s2: 404, m1: 403, m2: 404, hub: 404, g: 404, yu: 404, adminB: 404 },
    call: (c) =>
      c.request({
        method: 'PUT',
        url: `/api/v1/supervision-assignments/${w.users.m1.userId}/review-mode`,
        payload: { mode: 'approve_all' },
      }),
    state: async () =>
      (
        await t.database.db
          .select({ mode: supervisionAssignment.reviewMode, p: supervisionAssignment.samplePercent })
          .from(supervisionAssignment)
          .where(eq(supervisionAssignment.mentorUserId, w.users.m1.userId))
      )[0],
  },
  {
    route: 'PATCH /api/v1/supervision-sessions/:sessionId',
    // Admins and managers read every session, m1 attended it: they see it but only s1, who led it, changes it.
    expect: { admin: 403, pm: 403, s1: 200, s2: 404, m1: 403, m2: 404, hub: 404, g: 404, yu: 404, adminB: 404 },
    call: () => Promise.reject(new Error('uses callOn')),
    prep: freshSession,
    callOn: (c, id) => c.patch(`/api/v1/supervision-sessions/${id}`, { version: 1, minutes: 45 }),
  },
  {
    route: 'POST /api/v1/supervision-sessions/:sessionId/sign',
    expect: { admin: 403, pm: 403, s1: 200, s2: 404, m1: 403, m2: 404, hub: 404, g: 404, yu: 404, adminB: 404 },
    call: () => Promise.reject(new Error('uses callOn')),
    prep: freshSession,
    callOn: (c, id) => c.post(`/api/v1/supervision-sessions/${id}/sign`, { password: TEST_PASSWORD }),
  },
];

describe('notes access matrix', () => {
  it('walks every route of the notes area', () => {
    const walked = [...RECORD_CASES, ...COLLECTION_CASES, ...STAFF_CASES].map((c) => c.route).sort();
    expect(walked).toEqual([...NOTES_ROUTES].sort());
    const registered = t.app.routeRecords.map((r) => `${r.method} ${r.url}`);
    expect(NOTES_ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of TARGETS) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const y = youthOf(target);
            const contactId = rc.prep ? await makeContact(target, rc.prep) : '00000000-0000-4000-8000-000000000000';
            const before = await stateOf(y.id, contactId);
            const res = await rc.call(client(who), y.id, contactId);
            got[who] = res.statusCode;
            const visible = (rc.visibleBy === 'youth' ? SEES_YOUTH : SEES_CONTACTS)[target].includes(who);
            want[who] = visible ? (rc.allowed(target, who) ? rc.ok : 403) : 404;
            if (res.statusCode >= 400 && rc.mutates)
              expect(await stateOf(y.id, contactId), `${who} changed ${target}`).toEqual(before);
          }
          expect(got).toEqual(want);
        });
      }
    });
  }

  for (const cc of COLLECTION_CASES) {
    it(cc.route, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of EVERYONE) {
        got[who] = (await cc.call(client(who), who)).statusCode;
        want[who] = cc.allowed.includes(who) ? cc.ok : 403;
      }
      expect(got).toEqual(want);
    });
  }

  for (const sc of STAFF_CASES) {
    it(sc.route, async () => {
      const got: Record<string, number> = {};
      for (const who of EVERYONE) {
        if (sc.prep && sc.callOn) {
          const id = await sc.prep();
          const before = await sessionState(id);
          const res = await sc.callOn(client(who), id);
          got[who] = res.statusCode;
          if (res.statusCode >= 400) expect(await sessionState(id), `${who} changed the session`).toEqual(before);
        } else {
          const before = await sc.state?.();
          const res = await sc.call(client(who));
          got[who] = res.statusCode;
          if (res.statusCode >= 400 && sc.state) expect(await sc.state(), `${who} changed it`).toEqual(before);
        }
      }
      expect(got).toEqual(sc.expect);
    });
  }

  it('lists exactly the contacts each role may see', async () => {
    const day = addDays(orgToday(), 50);
    const ids = Object.fromEntries(
      await Promise.all(TARGETS.map(async (target) => [target, await makeContact(target, 'scheduled', day)] as const)),
    ) as Record<Target, string>;
    const mine = new Set(Object.values(ids));
    for (const who of EVERYONE) {
      const res = await client(who).get(`/api/v1/contacts?from=${day}&to=${day}&pageSize=100`);
      if (res.statusCode === 403) {
        expect(TARGETS.filter((tg) => SEES_CONTACTS[tg].includes(who))).toEqual([]);
        continue;
      }
      const seen = (res.json().items as { id: string }[]).map((i) => i.id).filter((id) => mine.has(id));
      expect(seen.sort(), who).toEqual(
        TARGETS.filter((tg) => SEES_CONTACTS[tg].includes(who))
          .map((tg) => ids[tg])
          .sort(),
      );
    }
  });

  it('each supervisor’s review queue holds only their own supervisees’ notes', async () => {
    const ids = Object.fromEntries(
      await Promise.all(TARGETS.map(async (target) => [target, await makeContact(target, 'signed')] as const)),
    ) as Record<Target, string>;
    for (const who of ['s1', 's2'] as const) {
      const items = (await client(who).get('/api/v1/review-queue?pageSize=100')).json().items as {
        contactId: string;
      }[];
      const seen = items.map((i) => i.contactId).filter((id) => Object.values(ids).includes(id));
      expect(seen.sort(), who).toEqual(
        TARGETS.filter((tg) => SUPERVISOR[tg] === who)
          .map((tg) => ids[tg])
          .sort(),
      );
    }
  });

  it('a supervision session is listed only to admins, managers, its supervisor and its supervisees', async () => {
    const id = await freshSession();
    for (const who of SUPERVISION_READERS) {
      const items = (await client(who).get('/api/v1/supervision-sessions?pageSize=100')).json().items as {
        id: string;
      }[];
      const sees = ['admin', 'pm', 's1', 'm1'].includes(who);
      expect(
        items.some((i) => i.id === id),
        who,
      ).toBe(sees);
    }
  });
});
