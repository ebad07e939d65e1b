import { findEmbeddedInstrument } from '@mentorbridge/core';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAdministration, measureResponse } from '../db/schema-measures.ts';
import { youth } from '../db/schema.ts';
import { CASE_STAFF, clientOf, EVERYONE, MANAGERS, SEES, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { MEASURES_ROUTES } from './matrix/measures-routes.ts';
import { type Client, createTestApp, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * The measures area's routes × every role × relationship (same caseload, another mentor's caseload, another
 * program, another organization), with expectations written out by hand; refused changes must change nothing.
 */
let t: TestApp;
let w: World;

const STAFF: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'];
const PRIVACY: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'yu', 'adminB'];

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const psc = Object.fromEntries(findEmbeddedInstrument('psc17')!.items.map((i) => [i.id, 1]));

const stateOf = async (youthId: string) => {
  const db = t.database.db;
  const [r] = await db.select({ n: count() }).from(measureResponse).where(eq(measureResponse.youthId, youthId));
  const [a] = await db
    .select({ n: count(), open: sql<number>`count(*) filter (where ${measureAdministration.status} = 'open')::int` })
    .from(measureAdministration)
    .where(eq(measureAdministration.youthId, youthId));
  const [y] = await db.select({ share: youth.shareAnswersWithGuardian }).from(youth).where(eq(youth.id, youthId));
  return { responses: r?.n, administrations: a, share: y?.share };
};

/** A guardian-answered PSC-17 (not confidential), so every reader of the youth's measures may open it. */
const freshResponse = async (youthId: string) => {
  const [y] = await t.database.db.select({ o: youth.organizationId }).from(youth).where(eq(youth.id, youthId));
  const [row] = await t.database.db
    .insert(measureResponse)
    .values({
      organizationId: y!.o,
      youthId,
      instrumentId: 'psc17',
      instrumentVersion: 1,
      respondent: 'guardian',
      mode: 'visit',
      administeredOn: '2025-01-01',
      answers: psc,
      total: 17,
      subscales: {},
      bandId: 'positive',
      valid: true,
      flags: [],
    })
    .returning({ id: measureResponse.id });
  return row!.id;
};
const freshAdministration = async (youthId: string) => {
  const [y] = await t.database.db.select({ o: youth.organizationId }).from(youth).where(eq(youth.id, youthId));
  const [row] = await t.database.db
    .insert(measureAdministration)
    .values({
      organizationId: y!.o,
      youthId,
      instrumentId: 'phq9_teen',
      instrumentVersion: 1,
      respondent: 'youth',
      mode: 'link',
      tokenHash: `${Math.random()}`.padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .returning({ id: measureAdministration.id });
  return row!.id;
};

type RecordCase = {
  route: string;
  allowed: Who[];
  ok: number;
  mutates: boolean;
  prep?: (youthId: string) => Promise<string>;
  call: (c: Client, youthId: string, childId: string) => Promise<{ statusCode: number; body: string }>;
};

const RECORD_CASES: RecordCase[] = [
  {
    route: 'POST /api/v1/youth/:id/measures',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    call: (c, id) => c.post(`/api/v1/youth/${id}/measures`, { instrumentId: 'psc17', answers: psc }),
  },
  {
    route: 'GET /api/v1/youth/:id/measures',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/measures`),
  },
  {
    route: 'GET /api/v1/youth/:id/measures/trajectory',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/measures/trajectory?instrument=psc17`),
  },
  {
    route: 'PUT /api/v1/youth/:id/measures/privacy',
    allowed: PRIVACY,
    ok: 200,
    mutates: true,
    prep: async (id) => {
      await t.database.db.update(youth).set({ shareAnswersWithGuardian: false }).where(eq(youth.id, id));
      return '';
    },
    call: (c, id) => c.request({ method: 'PUT', url: `/api/v1/youth/${id}/measures/privacy`, payload: { shareAnswersWithGuardian: true } }),
  },
  {
    route: 'GET /api/v1/youth/:id/measures/:responseId',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    prep: freshResponse,
    call: (c, id, r) => c.get(`/api/v1/youth/${id}/measures/${r}`),
  },
  {
    route: 'POST /api/v1/youth/:id/administrations',
    allowed: CASE_STAFF,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/administrations`, { instrumentId: 'phq9_teen', respondent: 'youth', mode: 'link', expiresInHours: 24 }),
  },
  {
    route: 'GET /api/v1/youth/:id/administrations',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/administrations`),
  },
  {
    route: 'POST /api/v1/administrations/:administrationId/cancel',
    allowed: CASE_STAFF,
    ok: 200,
    mutates: true,
    prep: freshAdministration,
    call: (c, _id, a) => c.post(`/api/v1/administrations/${a}/cancel`),
  },
  {
    route: 'GET /api/v1/youth/:id/goals/gas',
    allowed: EVERYONE,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/goals/gas`),
  },
];

const survey = (slug: string) => ({
  programId: null,
  definition: {
    id: slug,
    version: 1,
    title: { en: 'Check' },
    respondent: 'youth',
    items: [{ id: 'ok', text: { en: 'OK?' }, min: 1, max: 5 }],
    total: 'sum',
    direction: 'higher_is_better',
  },
});

const COLLECTION_CASES: { route: string; allowed: Who[]; ok: number; call: (c: Client, who: Who) => Promise<{ statusCode: number }> }[] = [
  { route: 'GET /api/v1/instruments', allowed: STAFF, ok: 200, call: (c) => c.get('/api/v1/instruments') },
  { route: 'GET /api/v1/instruments/:instrumentId', allowed: STAFF, ok: 200, call: (c) => c.get('/api/v1/instruments/gad7') },
  {
    route: 'POST /api/v1/instruments/:instrumentId/score',
    allowed: STAFF,
    ok: 200,
    call: (c) => c.post('/api/v1/instruments/psc17/score', { answers: psc }),
  },
  { route: 'GET /api/v1/program-surveys', allowed: STAFF, ok: 200, call: (c) => c.get('/api/v1/program-surveys') },
  {
    route: 'POST /api/v1/program-surveys',
    allowed: MANAGERS,
    ok: 201,
    // The program manager is scoped to the TM program, so defines surveys for it.
    call: (c, who) =>
      c.post('/api/v1/program-surveys', who === 'pm' ? { ...survey('pm_check'), programId: w.orgA.tmProgramId } : survey(`check_${who.toLowerCase()}`)),
  },
  { route: 'GET /api/v1/measures/overdue', allowed: CASE_STAFF, ok: 200, call: (c) => c.get('/api/v1/measures/overdue') },
];

describe('measures access matrix', () => {
  it('walks every measures route', () => {
    const walked = [...RECORD_CASES, ...COLLECTION_CASES].map((c) => c.route).sort();
    expect(walked).toEqual([...MEASURES_ROUTES].sort());
    const registered = t.app.routeRecords.map((r) => `${r.method} ${r.url}`);
    expect(MEASURES_ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of TARGETS) {
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
            if (res.statusCode >= 400 && rc.mutates) expect(await stateOf(id), `${who} changed ${target}`).toEqual(before);
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
});
