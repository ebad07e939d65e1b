import { calendarDate, RULE_SET_PRESETS } from '@mentorbridge/core';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachment,
  consent,
  episode,
  hubService,
  mentorAssignment,
  mentorClearance,
  programRuleSet,
  referral,
  youth,
} from '../db/schema.ts';
import { clientOf, EVERYONE, MANAGERS, SEES, type Target, TARGETS, type Who } from './matrix/cast.ts';
import { INTAKE_ROUTES } from './matrix/intake-routes.ts';
import { type Client, createTestApp, type TestApp } from './test-app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * The intake area's routes × every role × relationship (same caseload, another mentor's caseload, another program,
 * another organization), with expectations written out by hand; refused changes must change nothing.
 */
let t: TestApp;
let w: World;

/** Staff working the case plus the referring hub clinician. */
const CASE_TEAM: Who[] = ['admin', 'pm', 's1', 's2', 'm1', 'm2', 'hub', 'adminB'];
const HUB_READERS: Who[] = [...CASE_TEAM, 'g'];
const HUB_EDITORS: Who[] = ['admin', 'pm', 's1', 's2', 'adminB'];
const REFERRAL_READERS: Who[] = ['admin', 'pm', 'hub', 'adminB'];

const client = (who: Who): Client => clientOf(w, who);
const yid = (target: Target) => w.youth[target].id;
const TODAY = () => calendarDate(new Date(), 'America/New_York');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** Per target youth: a stored attachment (read by the download case). */
const fileOf: Partial<Record<Target, string>> = {};
/** The world's matches, restored after a discharge closes them. */
let worldMatches: { id: string }[] = [];

const youthRow = async (youthId: string) => (await t.database.db.select().from(youth).where(eq(youth.id, youthId)))[0]!;

const freshReferral = async (youthId: string, status: 'received' | 'accepted' = 'received') => {
  const y = await youthRow(youthId);
  const [r] = await t.database.db
    .insert(referral)
    .values({
      organizationId: y.organizationId,
      programId: y.programId,
      youthId,
      referringClinicianName: 'Matrix Clinician',
      referringAgency: 'Matrix Agency',
      hubType: 'icc',
      reason: 'Matrix',
      status,
    })
    .returning();
  return r!.id;
};

const freshEpisode = async (youthId: string) => {
  const y = await youthRow(youthId);
  const [rs] = await t.database.db
    .select({ id: programRuleSet.id })
    .from(programRuleSet)
    .where(eq(programRuleSet.programId, y.programId))
    .limit(1);
  const [e] = await t.database.db
    .insert(episode)
    .values({
      organizationId: y.organizationId,
      programId: y.programId,
      youthId,
      ruleSetId: rs!.id,
      admittedOn: '2026-01-05',
      eligibility: { eligible: true, findings: [] },
    })
    .returning();
  return e!.id;
};

const freshHub = async (youthId: string) => {
  const y = await youthRow(youthId);
  const [h] = await t.database.db
    .insert(hubService)
    .values({
      organizationId: y.organizationId,
      youthId,
      type: 'op',
      agency: 'Matrix Clinic',
      clinicianName: 'Matrix OP',
      startedOn: '2025-06-01',
    })
    .returning();
  return h!.id;
};

const assentBody = (target: Target) => ({
  kind: 'youth_assent',
  givenOn: '2026-01-06',
  method: 'uploaded_form',
  attachmentId: fileOf[target],
});

const sum = (col: unknown) => sql<number>`coalesce(sum(${col}), 0)::int`;

/** Everything the intake routes can change about a youth. */
const stateOf = async (youthId: string) => {
  const db = t.database.db;
  const [y] = await db.select({ v: youth.version, s: youth.status }).from(youth).where(eq(youth.id, youthId));
  const [h] = await db
    .select({ n: count(), v: sum(hubService.version) })
    .from(hubService)
    .where(eq(hubService.youthId, youthId));
  const [r] = await db
    .select({ n: count(), v: sum(referral.version) })
    .from(referral)
    .where(eq(referral.youthId, youthId));
  const [a] = await db.select({ n: count() }).from(attachment).where(eq(attachment.youthId, youthId));
  const [e] = await db
    .select({ n: count(), v: sum(episode.version) })
    .from(episode)
    .where(eq(episode.youthId, youthId));
  const [c] = await db.select({ n: count() }).from(consent).where(eq(consent.youthId, youthId));
  const [cw] = await db
    .select({ n: count() })
    .from(consent)
    .where(and(eq(consent.youthId, youthId), isNotNull(consent.withdrawnAt)));
  const [m] = await db
    .select({ n: count() })
    .from(mentorAssignment)
    .where(and(eq(mentorAssignment.youthId, youthId), eq(mentorAssignment.active, true)));
  return { youth: y, hubs: h, referrals: r, files: a?.n, episodes: e, consents: c?.n, withdrawn: cw?.n, matches: m?.n };
};

type RecordCase = {
  route: string;
  allowed: Who[];
  ok: number;
  mutates: boolean;
  /** Makes the record a case acts on, before the state is captured. */
  prep?: (youthId: string, target: Target) => Promise<string>;
  call: (c: Client, youthId: string, child: string, target: Target) => Promise<{ statusCode: number; body: string }>;
  /** Puts the world back after a successful call (a discharge closes the youth's matches). */
  after?: (youthId: string) => Promise<void>;
};

const RECORD_CASES: RecordCase[] = [
  {
    route: 'GET /api/v1/youth/:id/hub-services',
    allowed: HUB_READERS,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/hub-services`),
  },
  {
    route: 'POST /api/v1/youth/:id/hub-services',
    allowed: HUB_EDITORS,
    ok: 201,
    mutates: true,
    call: (c, id) =>
      c.post(`/api/v1/youth/${id}/hub-services`, {
        type: 'iht',
        agency: 'Matrix Home Therapy',
        clinicianName: 'Matrix IHT',
        startedOn: '2025-09-01',
      }),
  },
  {
    route: 'PATCH /api/v1/youth/:id/hub-services/:hubServiceId',
    allowed: HUB_EDITORS,
    ok: 200,
    mutates: true,
    prep: freshHub,
    call: (c, id, child) => c.patch(`/api/v1/youth/${id}/hub-services/${child}`, { phone: '617-555-0188', version: 1 }),
  },
  {
    route: 'GET /api/v1/referrals/:referralId',
    allowed: REFERRAL_READERS,
    ok: 200,
    mutates: false,
    prep: (id) => freshReferral(id),
    call: (c, _id, child) => c.get(`/api/v1/referrals/${child}`),
  },
  {
    route: 'POST /api/v1/referrals/:referralId/status',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: (id) => freshReferral(id),
    call: (c, _id, child) => c.post(`/api/v1/referrals/${child}/status`, { status: 'screening', version: 1 }),
  },
  {
    route: 'POST /api/v1/referrals/:referralId/attachments',
    allowed: REFERRAL_READERS,
    ok: 201,
    mutates: true,
    prep: (id) => freshReferral(id),
    call: (c, _id, child) =>
      c.post(`/api/v1/referrals/${child}/attachments`, {
        kind: 'cans',
        fileName: 'cans.pdf',
        contentType: 'application/pdf',
        dataBase64: PDF.toString('base64'),
      }),
  },
  {
    route: 'GET /api/v1/attachments/:attachmentId',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    prep: async (_id, target) => fileOf[target]!,
    call: (c, _id, child) => c.get(`/api/v1/attachments/${child}`),
  },
  {
    route: 'POST /api/v1/referrals/:referralId/eligibility',
    allowed: MANAGERS,
    ok: 200,
    mutates: false,
    prep: (id) => freshReferral(id),
    call: (c, _id, child) =>
      c.post(`/api/v1/referrals/${child}/eligibility`, { livingSituation: 'home', admissionCriteria: [] }),
  },
  {
    route: 'POST /api/v1/referrals/:referralId/admit',
    allowed: MANAGERS,
    ok: 201,
    mutates: true,
    prep: async (id) => {
      // One open episode per youth: earlier cases' episodes are closed so that an allowed admission succeeds.
      await t.database.db
        .update(episode)
        .set({ status: 'discharged' })
        .where(and(eq(episode.youthId, id), eq(episode.status, 'open')));
      return freshReferral(id, 'accepted');
    },
    call: (c, _id, child) =>
      c.post(`/api/v1/referrals/${child}/admit`, {
        admittedOn: '2026-01-05',
        livingSituation: 'home',
        admissionCriteria: ['assessment_warrants_tm', 'needs_skill_support', 'outpatient_alone_insufficient'],
      }),
  },
  {
    route: 'GET /api/v1/youth/:id/episodes',
    allowed: CASE_TEAM,
    ok: 200,
    mutates: false,
    call: (c, id) => c.get(`/api/v1/youth/${id}/episodes`),
  },
  {
    route: 'POST /api/v1/episodes/:episodeId/consents',
    allowed: MANAGERS,
    ok: 201,
    mutates: true,
    prep: freshEpisode,
    call: (c, _id, child, target) => c.post(`/api/v1/episodes/${child}/consents`, assentBody(target)),
  },
  {
    route: 'POST /api/v1/episodes/:episodeId/consents/:consentId/withdraw',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: async (id) => {
      const episodeId = await freshEpisode(id);
      const y = await youthRow(id);
      const [c] = await t.database.db
        .insert(consent)
        .values({
          organizationId: y.organizationId,
          youthId: id,
          episodeId,
          kind: 'youth_assent',
          givenByName: 'Matrix Youth',
          method: 'in_app_signature',
          typedName: 'Matrix Youth',
          givenOn: '2026-01-06',
        })
        .returning();
      return `${episodeId}/consents/${c!.id}`;
    },
    call: (c, _id, child) => c.post(`/api/v1/episodes/${child}/withdraw`, { reason: 'Matrix withdrawal' }),
  },
  {
    route: 'POST /api/v1/episodes/:episodeId/discharge',
    allowed: MANAGERS,
    ok: 200,
    mutates: true,
    prep: freshEpisode,
    call: (c, _id, child) =>
      c.post(`/api/v1/episodes/${child}/discharge`, {
        dischargedOn: TODAY(),
        reasons: ['goals_substantially_met'],
        recommendations: 'Matrix recommendations',
        version: 1,
      }),
    after: async (id) => {
      const db = t.database.db;
      for (const m of worldMatches) {
        await db
          .update(mentorAssignment)
          .set({ active: true, status: 'active', closedOn: null, closureType: null, endedAt: null })
          .where(eq(mentorAssignment.id, m.id));
      }
      await db.update(youth).set({ status: 'active' }).where(eq(youth.id, id));
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const db = t.database.db;
  worldMatches = await db.select({ id: mentorAssignment.id }).from(mentorAssignment);
  for (const [org, programId, preset] of [
    [w.orgA.id, w.orgA.tmProgramId, 'masshealth_cbhi_tm'],
    [w.orgA.id, w.orgA.communityProgramId, 'community_tm'],
    [w.orgB.id, w.orgB.tmProgramId, 'masshealth_cbhi_tm'],
  ] as const) {
    await db.insert(programRuleSet).values({
      organizationId: org,
      programId,
      version: 1,
      effectiveFrom: '2025-01-01',
      preset,
      rules: structuredClone(RULE_SET_PRESETS[preset].rules) as never,
    });
  }
  for (const target of TARGETS) {
    const id = yid(target);
    // Eligible on the admission day the admit case uses: MassHealth coverage and an active hub.
    await db.update(youth).set({ payer: 'masshealth_standard' }).where(eq(youth.id, id));
    await freshHub(id);
    const uploader = target === 'yb' ? w.adminB : w.users.admin;
    const res = await uploader.post(`/api/v1/referrals/${await freshReferral(id)}/attachments`, {
      kind: 'consent_form',
      fileName: 'consent.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(201);
    fileOf[target] = res.json().id;
  }
});
afterAll(async () => t?.close());

/** Program routes: the target is the TM program of organization A. */
const PROGRAM_CASES: {
  route: string;
  expect: Record<Who, number>;
  mutates: boolean;
  call: (c: Client) => Promise<{ statusCode: number; body: string }>;
}[] = [
  {
    route: 'GET /api/v1/programs/:programId',
    expect: { admin: 200, pm: 200, s1: 200, s2: 200, m1: 200, m2: 200, hub: 200, g: 404, yu: 404, adminB: 404 },
    mutates: false,
    call: (c) => c.get(`/api/v1/programs/${w.orgA.tmProgramId}`),
  },
  {
    route: 'GET /api/v1/programs/:programId/rule-sets',
    expect: { admin: 200, pm: 200, s1: 200, s2: 200, m1: 200, m2: 200, hub: 200, g: 404, yu: 404, adminB: 404 },
    mutates: false,
    call: (c) => c.get(`/api/v1/programs/${w.orgA.tmProgramId}/rule-sets`),
  },
  {
    route: 'POST /api/v1/programs/:programId/rule-sets',
    expect: { admin: 201, pm: 201, s1: 403, s2: 403, m1: 403, m2: 403, hub: 403, g: 404, yu: 404, adminB: 404 },
    mutates: true,
    call: (c) =>
      c.post(`/api/v1/programs/${w.orgA.tmProgramId}/rule-sets`, {
        effectiveFrom: '2099-01-01',
        rules: RULE_SET_PRESETS.masshealth_cbhi_tm.rules,
      }),
  },
];

const ruleSetCount = async () => (await t.database.db.select({ n: count() }).from(programRuleSet))[0]!.n;
const clearanceCount = async () => (await t.database.db.select({ n: count() }).from(mentorClearance))[0]!.n;
const referralCount = async () => (await t.database.db.select({ n: count() }).from(referral))[0]!.n;

const referralBody = () => ({
  programId: w.orgA.tmProgramId,
  youth: { firstName: 'Matrix', lastName: 'Referred', dateOfBirth: '2013-03-03' },
  hub: { type: 'op', agency: 'Matrix Clinic', clinicianName: 'Matrix OP', startedOn: '2025-06-01' },
  reason: 'Matrix',
  planGoals: [{ text: 'Matrix goal', planType: 'op_plan' }],
});

/** Collection routes, no record in the path. */
const COLLECTION_CASES: {
  route: string;
  expect: Record<Who, number>;
  mutates: boolean;
  call: (c: Client) => Promise<{ statusCode: number; body: string }>;
}[] = [
  {
    route: 'GET /api/v1/rule-set-presets',
    expect: { admin: 200, pm: 200, s1: 200, s2: 200, m1: 200, m2: 200, hub: 200, g: 403, yu: 403, adminB: 200 },
    mutates: false,
    call: (c) => c.get('/api/v1/rule-set-presets'),
  },
  {
    route: 'GET /api/v1/referrals',
    expect: { admin: 200, pm: 200, s1: 403, s2: 403, m1: 403, m2: 403, hub: 200, g: 403, yu: 403, adminB: 200 },
    mutates: false,
    call: (c) => c.get('/api/v1/referrals'),
  },
  {
    route: 'POST /api/v1/referrals',
    // Another organization's admin may refer, but not to this organization's program.
    expect: { admin: 201, pm: 201, s1: 403, s2: 403, m1: 403, m2: 403, hub: 201, g: 403, yu: 403, adminB: 400 },
    mutates: true,
    call: (c) => c.post('/api/v1/referrals', referralBody()),
  },
];

/** Staff clearance: the target is mentor m2 of organization A. */
const STAFF_CASES: {
  route: string;
  expect: Record<Who, number>;
  mutates: boolean;
  call: (c: Client) => Promise<{ statusCode: number; body: string }>;
}[] = [
  {
    route: 'GET /api/v1/staff/:userId/clearance',
    expect: { admin: 200, pm: 200, s1: 200, s2: 200, m1: 404, m2: 200, hub: 404, g: 404, yu: 404, adminB: 404 },
    mutates: false,
    call: (c) => c.get(`/api/v1/staff/${w.users.m2.userId}/clearance`),
  },
  {
    route: 'POST /api/v1/staff/:userId/clearance',
    expect: { admin: 201, pm: 201, s1: 403, s2: 403, m1: 404, m2: 403, hub: 404, g: 404, yu: 404, adminB: 404 },
    mutates: true,
    call: (c) => c.post(`/api/v1/staff/${w.users.m2.userId}/clearance`, { clearedOn: '2025-01-15' }),
  },
];

const counts = async () => ({
  ruleSets: await ruleSetCount(),
  clearances: await clearanceCount(),
  referrals: await referralCount(),
});

describe('intake access matrix', () => {
  it('walks every intake route, and each of them exists', () => {
    const walked = [...RECORD_CASES, ...PROGRAM_CASES, ...COLLECTION_CASES, ...STAFF_CASES].map((c) => c.route);
    expect([...walked].sort()).toEqual([...INTAKE_ROUTES].sort());
    const routes = new Set(t.app.routeRecords.map((r) => `${r.method} ${r.url}`));
    expect(INTAKE_ROUTES.filter((r) => !routes.has(r))).toEqual([]);
  });

  for (const rc of RECORD_CASES) {
    describe(rc.route, () => {
      for (const target of TARGETS) {
        it(`on ${target}`, async () => {
          const got: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const who of EVERYONE) {
            const id = yid(target);
            const child = rc.prep ? await rc.prep(id, target) : '';
            const before = await stateOf(id);
            const res = await rc.call(client(who), id, child, target);
            got[who] = res.statusCode;
            want[who] = SEES[target].includes(who) ? (rc.allowed.includes(who) ? rc.ok : 403) : 404;
            if (res.statusCode >= 400 && rc.mutates)
              expect(await stateOf(id), `${who} changed ${target}: ${res.body}`).toEqual(before);
            if (res.statusCode < 400) await rc.after?.(id);
          }
          expect(got).toEqual(want);
        });
      }
    });
  }

  for (const cc of [...PROGRAM_CASES, ...COLLECTION_CASES, ...STAFF_CASES]) {
    it(cc.route, async () => {
      const got: Record<string, number> = {};
      for (const who of EVERYONE) {
        const before = await counts();
        const res = await cc.call(client(who));
        got[who] = res.statusCode;
        if (res.statusCode >= 400 && cc.mutates) expect(await counts(), `${who}: ${res.body}`).toEqual(before);
      }
      expect(got).toEqual(cc.expect);
    });
  }

  it('a program manager changes only the rules of their own program, and nothing is written', async () => {
    const before = await ruleSetCount();
    const res = await w.users.pm.post(`/api/v1/programs/${w.orgA.communityProgramId}/rule-sets`, {
      effectiveFrom: '2099-01-01',
      rules: RULE_SET_PRESETS.community_tm.rules,
    });
    expect(res.statusCode).toBe(403);
    expect(await ruleSetCount()).toBe(before);
    const other = await w.users.pm.post('/api/v1/referrals', {
      ...referralBody(),
      programId: w.orgA.communityProgramId,
    });
    expect(other.statusCode).toBe(403);
  });

  it('lists exactly the referrals each role may see', async () => {
    const rows = await t.database.db.select({ id: referral.id, y: referral.youthId }).from(referral);
    const ours = new Set(rows.map((r) => r.id));
    const byYouth = new Map(rows.map((r) => [r.id, r.y]));
    const seen: Record<string, string[]> = {};
    for (const who of ['admin', 'pm', 'hub', 'adminB'] as Who[]) {
      const res = await client(who).get('/api/v1/referrals?pageSize=100');
      const ids: string[] = res.json().items.map((i: { id: string }) => i.id);
      const label = (y: string) => Object.entries(w.youth).find(([, v]) => v.id === y)?.[0] ?? 'referred';
      seen[who] = [...new Set(ids.filter((id) => ours.has(id)).map((id) => label(byYouth.get(id)!)))].sort();
    }
    expect(seen).toEqual({
      admin: ['referred', 'y1', 'y2', 'y3'],
      pm: ['referred', 'y1', 'y2'],
      hub: ['referred', 'y1'],
      adminB: ['yb'],
    });
  });

  it('a discharge in the matrix left the world as it was', async () => {
    const [m] = await t.database.db
      .select({ n: count() })
      .from(mentorAssignment)
      .where(eq(mentorAssignment.active, true));
    expect(m!.n).toBe(worldMatches.length);
  });
});
