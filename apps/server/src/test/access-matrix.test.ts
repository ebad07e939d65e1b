/// <reference types="vite/client" />
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../access/policy.ts';
import { emergencyContact, guardian, youth } from '../db/schema.ts';
import { clientOf, EVERYONE, SEES, type Target, type Who } from './matrix/cast.ts';
import { type Client, createTestApp, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * Walks every /api/v1 route × role × relationship and checks the status code and, for refused changes, that
 * nothing changed. The expectations are written out by hand here, independently of the policy module.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

/** Who can see each youth at all (same caseload, another mentor's caseload, another program, another organization). */
const READERS: Who[] = EVERYONE;
const EDITORS: Who[] = ['admin', 'pm', 's1', 's2', 'adminB'];
const STATUS_CHANGERS: Who[] = ['admin', 'pm', 'adminB'];
const ADMINS: Who[] = ['admin', 'adminB'];

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;

const stateOf = async (youthId: string) => {
  const db = t.database.db;
  const [y] = await db.select({ v: youth.version, s: youth.status }).from(youth).where(eq(youth.id, youthId));
  const [g] = await db.select({ n: count() }).from(guardian).where(eq(guardian.youthId, youthId));
  const [c] = await db.select({ n: count() }).from(emergencyContact).where(eq(emergencyContact.youthId, youthId));
  return { youth: y ?? null, guardians: g?.n, contacts: c?.n };
};

const freshGuardian = async (youthId: string) => {
  const [orgRow] = await t.database.db.select({ o: youth.organizationId }).from(youth).where(eq(youth.id, youthId));
  const [g] = await t.database.db
    .insert(guardian)
    .values({
      organizationId: orgRow!.o,
      youthId,
      firstName: 'Fresh',
      lastName: 'Guardian',
      relationship: 'Parent',
      legalAuthority: 'parent',
    })
    .returning();
  return g!.id;
};
const freshContact = async (youthId: string) => {
  const [orgRow] = await t.database.db.select({ o: youth.organizationId }).from(youth).where(eq(youth.id, youthId));
  const [c] = await t.database.db
    .insert(emergencyContact)
    .values({ organizationId: orgRow!.o, youthId, name: 'Fresh Contact', relationship: 'Aunt', phone: '617-555-0100' })
    .returning();
  return c!.id;
};

type RecordCase = {
  route: string;
  allowed: Who[];
  ok: number;
  mutates: boolean;
  /** Makes the child record a case acts on, before the state is captured. */
  prep?: (youthId: string) => Promise<string>;
  call: (c: Client, youthId: string, childId: string) => Promise<{ statusCode: number; body: string }>;
};

const RECORD_CASES: RecordCase[] = [
  {
    route: 'GET /api/v1/youth/:id',
    allowed: READERS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}`),
  },
  {
    route: 'PATCH /api/v1/youth/:id',
    allowed: EDITORS,
    ok: 200,
    mutates: true,
    call: async (c, id) =>
      c.patch(`/api/v1/youth/${id}`, { version: (await stateOf(id)).youth!.v, school: `School ${Math.random()}` }),
  },
  {
    route: 'POST /api/v1/youth/:id/deactivate',
    allowed: STATUS_CHANGERS,
    ok: 200,
    mutates: true,
    call: async (c, id) => c.post(`/api/v1/youth/${id}/deactivate`, { version: (await stateOf(id)).youth!.v }),
  },
  {
    route: 'POST /api/v1/youth/:id/reactivate',
    allowed: STATUS_CHANGERS,
    ok: 200,
    mutates: true,
    call: async (c, id) => c.post(`/api/v1/youth/${id}/reactivate`, { version: (await stateOf(id)).youth!.v }),
  },
  // Runs before the export case: permission passes and the service then asks for an export first: 409 proves the caller got through.
  {
    route: 'DELETE /api/v1/youth/:id',
    allowed: ADMINS,
    ok: 409,
    mutates: true,
    call: (c, id) => c.del(`/api/v1/youth/${id}`),
  },
  {
    route: 'GET /api/v1/youth/:id/export',
    allowed: ADMINS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/export`),
  },
  {
    route: 'GET /api/v1/youth/:id/access-log',
    allowed: ADMINS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/access-log`),
  },
  {
    route: 'GET /api/v1/youth/:id/guardians',
    allowed: READERS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/guardians`),
  },
  {
    route: 'POST /api/v1/youth/:id/guardians',
    allowed: EDITORS,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/guardians`, {
        firstName: 'New',
        lastName: 'Guardian',
        relationship: 'Aunt',
        legalAuthority: 'guardian',
      }),
  },
  {
    route: 'PATCH /api/v1/youth/:id/guardians/:guardianId',
    allowed: EDITORS,
    ok: 200,
    mutates: true,
    prep: freshGuardian,
    call: (c, id, child) => c.patch(`/api/v1/youth/${id}/guardians/${child}`, { version: 1, phone: '617-555-0199' }),
  },
  {
    route: 'DELETE /api/v1/youth/:id/guardians/:guardianId',
    allowed: EDITORS,
    ok: 204,
    mutates: true,
    prep: freshGuardian,
    call: (c, id, child) => c.del(`/api/v1/youth/${id}/guardians/${child}`),
  },
  {
    route: 'GET /api/v1/youth/:id/emergency-contacts',
    allowed: READERS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/emergency-contacts`),
  },
  {
    route: 'POST /api/v1/youth/:id/emergency-contacts',
    allowed: EDITORS,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/emergency-contacts`, {
        name: 'Coach K',
        relationship: 'Coach',
        phone: '617-555-0111',
      }),
  },
  {
    route: 'PATCH /api/v1/youth/:id/emergency-contacts/:contactId',
    allowed: EDITORS,
    ok: 200,
    mutates: true,
    prep: freshContact,
    call: (c, id, child) =>
      c.patch(`/api/v1/youth/${id}/emergency-contacts/${child}`, { version: 1, phone: '617-555-0122' }),
  },
  {
    route: 'DELETE /api/v1/youth/:id/emergency-contacts/:contactId',
    allowed: EDITORS,
    ok: 204,
    mutates: true,
    prep: freshContact,
    call: (c, id, child) => c.del(`/api/v1/youth/${id}/emergency-contacts/${child}`),
  },
];

type CollectionCase = {
  route: string;
  allowed: Who[];
  ok: number;
  override?: Partial<Record<Who, number>>;
  call: (c: Client, who: Who) => Promise<{ statusCode: number }>;
};
const ORG_ADMIN_ONLY: Who[] = ['admin', 'adminB'];
const STAFF: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'];

const COLLECTION_CASES: CollectionCase[] = [
  { route: 'GET /api/v1/me', allowed: EVERYONE, ok: 200, call: (c) => c.get('/api/v1/me') },
  { route: 'GET /api/v1/programs', allowed: STAFF, ok: 200, call: (c) => c.get('/api/v1/programs') },
  { route: 'GET /api/v1/youth', allowed: EVERYONE, ok: 200, call: (c) => c.get('/api/v1/youth') },
  {
    route: 'POST /api/v1/youth',
    allowed: ['admin', 'pm', 'adminB'],
    ok: 201,
    // Another organization's admin may create youth, but not in this organization's program.
    override: { adminB: 400 },
    call: (c) =>
      c.post('/api/v1/youth', {
        programId: w.orgA.tmProgramId,
        firstName: 'Matrix',
        lastName: 'Created',
        dateOfBirth: '2012-02-02',
      }),
  },
  { route: 'GET /api/v1/staff', allowed: STAFF, ok: 200, call: (c) => c.get('/api/v1/staff') },
  { route: 'GET /api/v1/members', allowed: ORG_ADMIN_ONLY, ok: 200, call: (c) => c.get('/api/v1/members') },
  { route: 'GET /api/v1/invitations', allowed: ORG_ADMIN_ONLY, ok: 200, call: (c) => c.get('/api/v1/invitations') },
  {
    route: 'POST /api/v1/invitations',
    allowed: ORG_ADMIN_ONLY,
    ok: 201,
    call: (c, who) =>
      c.post('/api/v1/invitations', {
        email: `invitee-${who}-${Date.now()}@test.mentorbridge.org`,
        name: 'Invitee',
        role: 'mentor',
      }),
  },
  { route: 'GET /api/v1/audit', allowed: ORG_ADMIN_ONLY, ok: 200, call: (c) => c.get('/api/v1/audit') },
  { route: 'GET /api/v1/audit/verify', allowed: ORG_ADMIN_ONLY, ok: 200, call: (c) => c.get('/api/v1/audit/verify') },
];

/** Staff records: target is mentor m2 of org A. */
const STAFF_CASES: {
  route: string;
  expect: Record<Who, number>;
  call: (c: Client) => Promise<{ statusCode: number }>;
}[] = [
  {
    route: 'GET /api/v1/staff/:userId',
    expect: { admin: 200, pm: 200, s1: 200, s2: 200, m1: 404, m2: 200, hub: 404, g: 404, yu: 404, adminB: 404 },
    call: (c) => c.get(`/api/v1/staff/${w.users.m2.userId}`),
  },
  {
    route: 'PATCH /api/v1/staff/:userId',
    expect: { admin: 200, pm: 200, s1: 403, s2: 403, m1: 404, m2: 403, hub: 404, g: 404, yu: 404, adminB: 404 },
    call: async (c) => {
      const current = await w.users.admin.get(`/api/v1/staff/${w.users.m2.userId}`);
      return c.patch(`/api/v1/staff/${w.users.m2.userId}`, {
        version: current.json().version,
        capacity: Math.floor(Math.random() * 20),
      });
    },
  },
];

describe('access matrix', () => {
  it('covers every API route (here and in the matrix files of each area)', () => {
    // Each area's matrix test exports the routes it walks from test/matrix/<area>-routes.ts.
    const areas = Object.values(import.meta.glob<Record<string, string[]>>('./matrix/*-routes.ts', { eager: true }));
    const areaRoutes = areas.flatMap((m) => Object.values(m).flat());
    const covered = new Set(
      [...RECORD_CASES, ...COLLECTION_CASES, ...STAFF_CASES].map((c) => c.route).concat(areaRoutes),
    );
    const routes = t.app.routeRecords
      .filter((r) => r.url.startsWith('/api/v1') && r.permission !== 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of ['y1', 'y2', 'y3', 'yb'] as Target[]) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const id = yid(target);
            const child = rc.prep ? await rc.prep(id) : '';
            const before = await stateOf(id);
            const res = await rc.call(client(who), id, child);
            got[who] = res.statusCode;
            want[who] = SEES[target].includes(who) ? (rc.allowed.includes(who) ? rc.ok : 403) : 404;
            if (res.statusCode >= 400 && rc.mutates)
              expect(await stateOf(id), `${who} changed ${target}`).toEqual(before);
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
        want[who] = cc.override?.[who] ?? (cc.allowed.includes(who) ? cc.ok : 403);
      }
      expect(got).toEqual(want);
    });
  }

  for (const sc of STAFF_CASES) {
    it(sc.route, async () => {
      const got: Record<string, number> = {};
      for (const who of EVERYONE) got[who] = (await sc.call(client(who))).statusCode;
      expect(got).toEqual(sc.expect);
    });
  }

  it('lists exactly the youth each role may see', async () => {
    const seen: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    const base = new Set(Object.values(w.youth).map((y) => y.id));
    for (const who of EVERYONE) {
      const res = await client(who).get('/api/v1/youth?pageSize=100');
      seen[who] = (res.json().items as { id: string }[])
        .map((y) => y.id)
        .filter((id) => base.has(id))
        .sort();
      want[who] = (['y1', 'y2', 'y3', 'yb'] as Target[])
        .filter((tg) => SEES[tg].includes(who))
        .map(yid)
        .sort();
    }
    expect(seen).toEqual(want);
  });

  it('a mentor sees only the staff record of their own', async () => {
    const res = await w.users.m1.get('/api/v1/staff');
    expect(res.json().map((s: { userId: string }) => s.userId)).toEqual([w.users.m1.userId]);
  });

  it('a program manager cannot add youth to a program outside their scope, and nothing is written', async () => {
    const before = (await w.users.admin.get('/api/v1/youth?pageSize=100')).json().total;
    const res = await w.users.pm.post('/api/v1/youth', {
      programId: w.orgA.communityProgramId,
      firstName: 'Out',
      lastName: 'OfScope',
      dateOfBirth: '2012-02-02',
    });
    expect(res.statusCode).toBe(403);
    expect((await w.users.admin.get('/api/v1/youth?pageSize=100')).json().total).toBe(before);
  });

  it('choosing an organization one does not belong to is refused', async () => {
    const res = await w.users.m1.request({
      method: 'GET',
      url: '/api/v1/youth',
      headers: { 'x-organization-id': w.orgB.id },
    });
    expect(res.statusCode).toBe(403);
  });

  it('the declared permission of every route and the policy behind it match the reviewed snapshot', () => {
    const routes = t.app.routeRecords
      .filter((r) => r.url.startsWith('/api/'))
      .map((r) => `${r.method.padEnd(6)} ${r.url} → ${r.permission}${r.record ? ' (record)' : ''}`)
      .sort();
    // A change here changes who can reach an endpoint: review it as a permission change.
    expect({ routes, policy: POLICY }).toMatchSnapshot();
  });
});
