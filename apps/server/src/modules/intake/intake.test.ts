import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_MAX_BYTES, addDays, calendarDate, RULE_SET_PRESETS, retentionDate } from '@mentorbridge/core';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachment,
  auditEvent,
  consent,
  contact,
  episode,
  goal,
  hubService,
  mentorAssignment,
  referral,
  staffProfile,
  supervisionAssignment,
  youth,
  youthHubClinician,
} from '../../db/schema.ts';
import {
  type Client,
  createOrganization,
  createTestApp,
  createUserClient,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/test-app.ts';

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrganization>>;
let admin: Client;
let pm: Client;
let pmCommunity: Client;
let hub: Client;
let mentor: Client;
let supervisor: Client;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

const mh = RULE_SET_PRESETS.masshealth_cbhi_tm.rules;
const community = RULE_SET_PRESETS.community_tm.rules;

const referralBody = (over: Record<string, unknown> = {}) => ({
  programId: org.tmProgramId,
  youth: {
    firstName: 'Referra',
    lastName: `Testcase${Math.floor(Math.random() * 1e6)}`,
    dateOfBirth: '2012-05-06',
    payer: 'masshealth_standard',
    pronouns: 'she/her',
  },
  guardian: { firstName: 'Gina', lastName: 'Guardian', relationship: 'Mother', legalAuthority: 'parent' },
  hub: { type: 'iht', agency: 'Harbor Family Services', clinicianName: 'Dana Therapist', startedOn: '2026-01-10' },
  reason: 'Needs support with social skills at school',
  planGoals: [{ text: 'Practise calming strategies', planGoalId: 'G-1', planType: 'iht_plan', planDate: '2026-01-15' }],
  lastAssessmentOn: '2026-01-12',
  lastCansOn: '2026-01-12',
  ...over,
});

/** The organization's calendar (test organizations keep the default time zone). */
const today = () => calendarDate(new Date(), 'America/New_York');
const daysAgo = (n: number) => addDays(today(), -n);

const status = async (c: Client, id: string, body: Record<string, unknown>) => {
  const current = (await pm.get(`/api/v1/referrals/${id}`)).json();
  return c.post(`/api/v1/referrals/${id}/status`, { version: current.version, ...body });
};

/** A referral moved to accepted. */
const acceptedReferral = async (over: Record<string, unknown> = {}) => {
  const created = await hub.post('/api/v1/referrals', referralBody(over));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await status(pm, id, { status: 'screening' })).statusCode).toBe(200);
  expect((await status(pm, id, { status: 'accepted' })).statusCode).toBe(200);
  return created.json() as { id: string; youth: { id: string } };
};

const admitBody = {
  admittedOn: daysAgo(10),
  livingSituation: 'home',
  admissionCriteria: ['assessment_warrants_tm', 'needs_skill_support', 'outpatient_alone_insufficient'],
  exclusionCriteria: [],
};

/** An admitted youth with an open episode. */
const admitted = async () => {
  const r = await acceptedReferral();
  const res = await pm.post(`/api/v1/referrals/${r.id}/admit`, admitBody);
  expect(res.statusCode, res.body).toBe(201);
  return { referralId: r.id, youthId: r.youth.id, episode: res.json() };
};

const guardianOf = async (youthId: string) => (await pm.get(`/api/v1/youth/${youthId}/guardians`)).json()[0].id;

const auditCount = async (action: string, resourceId?: string) =>
  (
    await t.database.db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), resourceId ? eq(auditEvent.resourceId, resourceId) : undefined))
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganization(t);
  admin = await createUserClient(t, org.id, [{ role: 'org_admin' }]);
  pm = await createUserClient(t, org.id, [{ role: 'program_manager', programId: org.tmProgramId }]);
  pmCommunity = await createUserClient(t, org.id, [{ role: 'program_manager', programId: org.communityProgramId }]);
  hub = await createUserClient(t, org.id, [{ role: 'hub_clinician' }]);
  mentor = await createUserClient(t, org.id, [{ role: 'mentor' }]);
  supervisor = await createUserClient(t, org.id, [{ role: 'supervisor' }]);
  const v1 = await admin.post(`/api/v1/programs/${org.tmProgramId}/rule-sets`, {
    effectiveFrom: '2025-01-01',
    preset: 'masshealth_cbhi_tm',
    rules: mh,
  });
  expect(v1.statusCode, v1.body).toBe(201);
  const c1 = await admin.post(`/api/v1/programs/${org.communityProgramId}/rule-sets`, {
    effectiveFrom: '2025-01-01',
    preset: 'community_tm',
    rules: community,
  });
  expect(c1.statusCode, c1.body).toBe(201);
});
afterAll(async () => t?.close());

describe('program rule sets', () => {
  it('lists the presets', async () => {
    const res = await mentor.get('/api/v1/rule-set-presets');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((p: { key: string }) => p.key)).toEqual(['masshealth_cbhi_tm', 'community_tm']);
    expect(res.json()[0].rules.serviceCode).toBe('H2019');
  });

  it('adds versions newest first, with the one in force today, and refuses an earlier effective date', async () => {
    const future = await pmCommunity.post(`/api/v1/programs/${org.communityProgramId}/rule-sets`, {
      effectiveFrom: '2099-01-01',
      rules: { ...community, supervisionIntervalDays: 14 },
    });
    expect(future.statusCode, future.body).toBe(201);
    expect(future.json()).toMatchObject({ version: 2, inForce: false, preset: null });
    const list = (await supervisor.get(`/api/v1/programs/${org.communityProgramId}/rule-sets`)).json();
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.inForceId).toBe(list.versions[1].id);
    expect(list.versions[1].inForce).toBe(true);
    expect(list.versions[1].createdBy.userId).toBe(admin.userId);

    const earlier = await admin.post(`/api/v1/programs/${org.communityProgramId}/rule-sets`, {
      effectiveFrom: '2098-12-31',
      rules: community,
    });
    expect(earlier.statusCode).toBe(400);
    expect(Object.keys(earlier.json().error.fields)).toEqual(['effectiveFrom']);
  });

  it('validates the rules and names each field', async () => {
    const res = await admin.post(`/api/v1/programs/${org.tmProgramId}/rule-sets`, {
      effectiveFrom: '2031-13-01',
      rules: { ...mh, unitMinutes: 0, eligibleCoverage: ['gold_plan'] },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual([
      'effectiveFrom',
      'rules.eligibleCoverage.0',
      'rules.unitMinutes',
    ]);
    const cross = await admin.post(`/api/v1/programs/${org.tmProgramId}/rule-sets`, {
      effectiveFrom: '2031-01-01',
      rules: { ...mh, partialUnitFromMinutes: 20, serviceCode: null },
    });
    expect(cross.statusCode).toBe(400);
    expect(Object.keys(cross.json().error.fields).sort()).toEqual([
      'rules.partialUnitFromMinutes',
      'rules.serviceCode',
    ]);
  });

  it('lets program managers change only their own program', async () => {
    const res = await pm.post(`/api/v1/programs/${org.communityProgramId}/rule-sets`, {
      effectiveFrom: '2099-06-01',
      rules: community,
    });
    expect(res.statusCode).toBe(403);
    expect(
      (
        await supervisor.post(`/api/v1/programs/${org.tmProgramId}/rule-sets`, {
          effectiveFrom: '2099-06-01',
          rules: mh,
        })
      ).statusCode,
    ).toBe(403);
    expect((await pm.get(`/api/v1/programs/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('shows the program with its rules and the four-part definition checklist', async () => {
    const res = await mentor.get(`/api/v1/programs/${org.tmProgramId}`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.ruleSet.rules.hubRequired).toBe(true);
    expect(p.definition.criteria.map((c: { code: string }) => c.code)).toEqual([
      'mental_health_aim',
      'paraprofessionals',
      'evidence_based_practices',
      'licensed_supervision',
    ]);
    expect(p.definition.criteria[0].met).toBe(true);
  });
});

describe('referrals', () => {
  it('a hub clinician refers a youth: youth, guardian, hub service and referral are created, and they can follow it', async () => {
    const res = await hub.post('/api/v1/referrals', referralBody());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      status: 'received',
      hubType: 'iht',
      referringAgency: 'Harbor Family Services',
      referringClinicianName: 'Dana Therapist',
      referredBy: { userId: hub.userId },
      nextStatuses: ['screening', 'declined'],
      episodeId: null,
    });
    expect(r.youth.status).toBe('referred');
    expect(r.planGoals).toEqual([
      { text: 'Practise calming strategies', planGoalId: 'G-1', planType: 'iht_plan', planDate: '2026-01-15' },
    ]);
    const db = t.database.db;
    const [team] = await db.select().from(youthHubClinician).where(eq(youthHubClinician.youthId, r.youth.id));
    expect(team?.userId).toBe(hub.userId);
    const [h] = await db.select().from(hubService).where(eq(hubService.youthId, r.youth.id));
    expect(h).toMatchObject({ type: 'iht', clinicianUserId: hub.userId, coordinating: true });
    expect((await hub.get(`/api/v1/referrals/${r.id}`)).statusCode).toBe(200);
    const mine = (await hub.get('/api/v1/referrals')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect((await hub.get(`/api/v1/youth/${r.youth.id}`)).json().status).toBe('referred');
    expect(await auditCount('referral.created', r.id)).toBe(1);
  });

  it('staff enter a referral on behalf of a hub; program managers only for their program', async () => {
    const res = await pm.post('/api/v1/referrals', referralBody({ guardian: null }));
    expect(res.statusCode).toBe(201);
    expect(res.json().referredBy.userId).toBe(pm.userId);
    const other = await pm.post('/api/v1/referrals', referralBody({ programId: org.communityProgramId }));
    expect(other.statusCode).toBe(403);
    expect((await mentor.post('/api/v1/referrals', referralBody())).statusCode).toBe(403);
  });

  it('refuses invalid referrals with the fields named, writing nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(youth))[0]!.n;
    const res = await hub.post(
      '/api/v1/referrals',
      referralBody({
        youth: { firstName: '', lastName: 'X', dateOfBirth: '2012-02-30' },
        hub: { type: 'school', agency: '', clinicianName: 'A', startedOn: '2026-01-01' },
        planGoals: [],
        lastCansOn: 'yesterday',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual([
      'hub.agency',
      'hub.type',
      'lastCansOn',
      'planGoals',
      'youth.dateOfBirth',
      'youth.firstName',
    ]);
    const future = await hub.post(
      '/api/v1/referrals',
      referralBody({ lastCansOn: '2099-01-01', youth: { firstName: 'A', lastName: 'B', dateOfBirth: '2099-01-01' } }),
    );
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json().error.fields).sort()).toEqual(['lastCansOn', 'youth.dateOfBirth']);
    expect((await t.database.db.select({ n: count() }).from(youth))[0]!.n).toBe(before);
  });

  it('moves through the pipeline; refuses transitions REFERRAL_TRANSITIONS does not allow', async () => {
    const r = (await hub.post('/api/v1/referrals', referralBody())).json();
    const skip = await status(pm, r.id, { status: 'accepted' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('INVALID_TRANSITION');
    expect((await status(pm, r.id, { status: 'screening' })).json().status).toBe('screening');
    const noPriority = await status(pm, r.id, { status: 'waitlisted' });
    expect(noPriority.statusCode).toBe(400);
    expect(Object.keys(noPriority.json().error.fields)).toEqual(['priority']);
    const waitlisted = await status(pm, r.id, {
      status: 'waitlisted',
      priority: 2,
      note: 'No mentor speaks Portuguese yet',
    });
    expect(waitlisted.json()).toMatchObject({
      status: 'waitlisted',
      priority: 2,
      nextStatuses: ['accepted', 'declined'],
    });
    const stale = await pm.post(`/api/v1/referrals/${r.id}/status`, { status: 'accepted', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current.status).toBe('waitlisted');
    expect((await status(hub, r.id, { status: 'declined', declineReason: 'other' })).statusCode).toBe(403);
    const noReason = await status(pm, r.id, { status: 'declined' });
    expect(Object.keys(noReason.json().error.fields)).toEqual(['declineReason']);
    const otherNoNote = await status(pm, r.id, { status: 'declined', declineReason: 'other' });
    expect(Object.keys(otherNoNote.json().error.fields)).toEqual(['note']);
    const declined = await status(pm, r.id, { status: 'declined', declineReason: 'family_declined' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'family_declined', priority: null });
    expect(declined.json().youth.status).toBe('inactive');
    expect((await status(pm, r.id, { status: 'screening' })).statusCode).toBe(409);
    const bad = await pm.post(`/api/v1/referrals/${r.id}/status`, { status: 'admitted', version: 9 });
    expect(Object.keys(bad.json().error.fields)).toEqual(['status']);
  });

  it('orders the waitlist by priority, then by date received, and counts each status', async () => {
    const ids: string[] = [];
    for (const priority of [3, 1, 3]) {
      const r = (await pm.post('/api/v1/referrals', referralBody())).json();
      await status(pm, r.id, { status: 'screening' });
      await status(pm, r.id, { status: 'waitlisted', priority });
      ids.push(r.id);
    }
    const page = (await pm.get(`/api/v1/referrals?status=waitlisted&programId=${org.tmProgramId}&pageSize=100`)).json();
    const order = page.items.map((i: { id: string }) => i.id).filter((id: string) => ids.includes(id));
    expect(order).toEqual([ids[1], ids[0], ids[2]]);
    expect(page.counts.waitlisted).toBe(page.total);
    expect(Object.keys(page.counts).sort()).toEqual(
      ['accepted', 'admitted', 'declined', 'received', 'screening', 'waitlisted'].sort(),
    );
    expect((await pmCommunity.get(`/api/v1/referrals?programId=${org.tmProgramId}`)).json().total).toBe(0);
    expect((await mentor.get('/api/v1/referrals')).statusCode).toBe(403);
  });
});

describe('attachments', () => {
  let referralId: string;
  beforeAll(async () => {
    referralId = (await hub.post('/api/v1/referrals', referralBody())).json().id;
  });

  it('stores a PDF through the storage adapter and streams it back, audited', async () => {
    const res = await hub.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'treatment_plan',
      fileName: '../../plans/IHT plan – Ana.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
      documentDate: '2026-01-15',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ kind: 'treatment_plan', fileName: 'IHT plan – Ana.pdf', sizeBytes: PDF.length });
    const [row] = await t.database.db.select().from(attachment).where(eq(attachment.id, a.id));
    // The storage key names no person and no file.
    expect(row!.storageKey).toMatch(/^[0-9a-f-]+\/[0-9a-f-]+$/);
    expect(existsSync(path.join(t.config.dataDir, 'files', ...row!.storageKey.split('/')))).toBe(true);

    const file = await pm.get(`/api/v1/attachments/${a.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('filename*=UTF-8\'\'IHT%20plan%20%E2%80%93%20Ana.pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(await auditCount('attachment.downloaded', a.id)).toBe(1);
    expect(
      (await pm.get(`/api/v1/referrals/${referralId}`)).json().attachments.map((x: { id: string }) => x.id),
    ).toEqual([a.id]);
    expect((await mentor.get(`/api/v1/attachments/${a.id}`)).statusCode).toBe(404);
  });

  it('refuses a file whose bytes are not the declared type', async () => {
    const before = readdirSync(path.join(t.config.dataDir, 'files', org.id)).length;
    const res = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'cans',
      fileName: 'cans.png',
      contentType: 'image/png',
      dataBase64: PDF.toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['contentType']);
    const exe = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'cans',
      fileName: 'cans.exe',
      contentType: 'application/x-msdownload',
      dataBase64: Buffer.from('MZ').toString('base64'),
    });
    expect(Object.keys(exe.json().error.fields)).toEqual(['contentType']);
    const ok = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'cans',
      fileName: 'cans.png',
      contentType: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    expect(ok.statusCode).toBe(201);
    expect(readdirSync(path.join(t.config.dataDir, 'files', org.id)).length).toBe(before + 1);
  });

  it('enforces the size limit: the decoded file, the base64 text and the request body', async () => {
    const tooBig = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF.length, 0x20)]);
    const res = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'comprehensive_assessment',
      fileName: 'ca.pdf',
      contentType: 'application/pdf',
      dataBase64: tooBig.toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.dataBase64).toMatch(/larger than 10 MB/);
    const longer = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'comprehensive_assessment',
      fileName: 'ca.pdf',
      contentType: 'application/pdf',
      dataBase64: `${tooBig.toString('base64')}AAAAAAAA`,
    });
    expect(Object.keys(longer.json().error.fields)).toEqual(['dataBase64']);
    const huge = await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
      kind: 'comprehensive_assessment',
      fileName: 'ca.pdf',
      contentType: 'application/pdf',
      dataBase64: 'A'.repeat(15 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    // Other routes keep the ordinary body limit.
    const big = await pm.post('/api/v1/referrals', { ...referralBody(), reason: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    const files = await t.database.db
      .select({ n: count() })
      .from(attachment)
      .where(eq(attachment.referralId, referralId));
    expect(files[0]!.n).toBe(2);
  });
});

describe('eligibility and admission', () => {
  it('previews every finding with the rule set in force, storing nothing', async () => {
    const r = await acceptedReferral({
      youth: { firstName: 'Old', lastName: 'Enough', dateOfBirth: '2004-01-01', payer: 'private' },
    });
    const res = await pm.post(`/api/v1/referrals/${r.id}/eligibility`, {
      livingSituation: 'out_of_home_no_plan',
      admissionCriteria: ['assessment_warrants_tm'],
      exclusionCriteria: ['imminent_risk'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.eligible).toBe(false);
    expect(body.ruleSet.version).toBe(1);
    expect(body.findings.map((f: { code: string; met: boolean }) => [f.code, f.met])).toEqual([
      ['age', false],
      ['coverage', false],
      ['living_situation', false],
      ['hub', true],
      ['admission_criteria', false],
      ['exclusions', false],
    ]);
    expect((await t.database.db.select({ n: count() }).from(episode).where(eq(episode.referralId, r.id)))[0]!.n).toBe(
      0,
    );
    expect(await auditCount('referral.eligibility_checked', r.id)).toBe(1);
  });

  it('refuses an ineligible admission with 422 and the failing findings; nothing is written', async () => {
    const r = await acceptedReferral({
      youth: { firstName: 'Pri', lastName: 'Vate', dateOfBirth: '2012-01-01', payer: 'private' },
    });
    const res = await pm.post(`/api/v1/referrals/${r.id}/admit`, admitBody);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('NOT_ELIGIBLE');
    expect(err.findings).toEqual([{ code: 'coverage', met: false, detail: 'Coverage: private' }]);
    expect(Object.keys(err.fields)).toEqual(['eligibility.coverage']);
    expect((await pm.get(`/api/v1/referrals/${r.id}`)).json().status).toBe('accepted');
    expect((await t.database.db.select({ n: count() }).from(episode).where(eq(episode.referralId, r.id)))[0]!.n).toBe(
      0,
    );
  });

  it('admits an accepted referral: episode with findings and decider, referral admitted, youth active', async () => {
    const received = (await hub.post('/api/v1/referrals', referralBody())).json();
    const early = await pm.post(`/api/v1/referrals/${received.id}/admit`, admitBody);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');

    const r = await acceptedReferral();
    const missing = await pm.post(`/api/v1/referrals/${r.id}/admit`, { admissionCriteria: [] });
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['admittedOn', 'livingSituation']);
    expect((await hub.post(`/api/v1/referrals/${r.id}/admit`, admitBody)).statusCode).toBe(403);
    const res = await pm.post(`/api/v1/referrals/${r.id}/admit`, admitBody);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      status: 'open',
      admittedOn: admitBody.admittedOn,
      livingSituation: 'home',
      referralId: r.id,
      eligibilityDecidedBy: { userId: pm.userId },
      ruleSet: { version: 1, effectiveFrom: '2025-01-01' },
      hasGuardianAgreement: false,
      consents: [],
    });
    expect(e.eligibility.eligible).toBe(true);
    expect(e.eligibility.findings.map((f: { code: string }) => f.code)).toEqual([
      'age',
      'coverage',
      'living_situation',
      'hub',
      'admission_criteria',
      'exclusions',
    ]);
    expect((await pm.get(`/api/v1/referrals/${r.id}`)).json()).toMatchObject({ status: 'admitted', episodeId: e.id });
    expect((await pm.get(`/api/v1/youth/${r.youth.id}`)).json().status).toBe('active');
    expect((await pm.post(`/api/v1/referrals/${r.id}/admit`, admitBody)).statusCode).toBe(409);
    const episodes = await hub.get(`/api/v1/youth/${r.youth.id}/episodes`);
    expect(episodes.statusCode).toBe(200);
    expect(episodes.json().map((x: { id: string }) => x.id)).toEqual([e.id]);
  });

  it('keeps the rule set version in force on the admission date, whatever is added later', async () => {
    const first = await acceptedReferral({
      hub: { type: 'icc', agency: 'Care Coordination Inc', clinicianName: 'Ivy Icc', startedOn: '2025-03-01' },
    });
    const old = await pm.post(`/api/v1/referrals/${first.id}/admit`, { ...admitBody, admittedOn: '2025-06-01' });
    expect(old.statusCode, old.body).toBe(201);
    const v2 = await pm.post(`/api/v1/programs/${org.tmProgramId}/rule-sets`, {
      effectiveFrom: daysAgo(30),
      rules: { ...mh, eligibilityAgeLimit: 19 },
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().inForce).toBe(true);
    const second = await acceptedReferral();
    const now = await pm.post(`/api/v1/referrals/${second.id}/admit`, { ...admitBody, admittedOn: daysAgo(1) });
    expect(now.json().ruleSet.version).toBe(2);
    const before = (await pm.get(`/api/v1/youth/${first.youth.id}/episodes`)).json()[0];
    expect(before.ruleSet.version).toBe(1);
    expect(before.ruleSet.id).toBe(old.json().ruleSet.id);
    const [row] = await t.database.db.select().from(episode).where(eq(episode.id, old.json().id));
    expect(row!.ruleSetId).toBe(old.json().ruleSet.id);
  });
});

describe('consent', () => {
  it('records guardian agreement by in-app signature only with the recorder’s password', async () => {
    const { episode: e, youthId } = await admitted();
    const guardianId = await guardianOf(youthId);
    const body = {
      kind: 'guardian_agreement',
      guardianId,
      legalBasis: 'parent',
      givenOn: today(),
      method: 'in_app_signature',
      typedName: 'Gina Guardian',
    };
    const wrong = await pm.post(`/api/v1/episodes/${e.id}/consents`, { ...body, password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    expect((await t.database.db.select({ n: count() }).from(consent).where(eq(consent.episodeId, e.id)))[0]!.n).toBe(0);
    // The session is still good after a failed re-authentication.
    expect((await pm.get(`/api/v1/youth/${youthId}/episodes`)).statusCode).toBe(200);
    const noPassword = await pm.post(`/api/v1/episodes/${e.id}/consents`, { ...body, typedName: '' });
    expect(Object.keys(noPassword.json().error.fields).sort()).toEqual(['password', 'typedName']);
    const ok = await pm.post(`/api/v1/episodes/${e.id}/consents`, { ...body, password: TEST_PASSWORD });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: 'guardian_agreement',
      givenByName: 'Gina Guardian',
      legalBasis: 'parent',
      method: 'in_app_signature',
      typedName: 'Gina Guardian',
      recordedBy: { userId: pm.userId },
    });
    const episodes = (await pm.get(`/api/v1/youth/${youthId}/episodes`)).json();
    expect(episodes[0].hasGuardianAgreement).toBe(true);
    expect((await hub.post(`/api/v1/episodes/${e.id}/consents`, { ...body, password: TEST_PASSWORD })).statusCode).toBe(
      403,
    );
  });

  it('records an uploaded signed form, youth assent and a release of information; validates each', async () => {
    const { episode: e, youthId, referralId } = await admitted();
    const guardianId = await guardianOf(youthId);
    const noFile = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'guardian_agreement',
      guardianId,
      legalBasis: 'dcf',
      givenOn: today(),
      method: 'uploaded_form',
    });
    expect(Object.keys(noFile.json().error.fields)).toEqual(['attachmentId']);
    const foreign = await admitted();
    const elsewhere = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'guardian_agreement',
      guardianId: await guardianOf(foreign.youthId),
      legalBasis: 'parent',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: randomUUID(),
    });
    expect(Object.keys(elsewhere.json().error.fields).sort()).toEqual(['attachmentId', 'guardianId']);
    const form = (
      await pm.post(`/api/v1/referrals/${referralId}/attachments`, {
        kind: 'consent_form',
        fileName: 'consent.pdf',
        contentType: 'application/pdf',
        dataBase64: PDF.toString('base64'),
      })
    ).json();
    const uploaded = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'guardian_agreement',
      guardianId,
      legalBasis: 'dcf',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: form.id,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ method: 'uploaded_form', attachmentId: form.id, typedName: null });

    const assent = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'youth_assent',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: form.id,
    });
    expect(assent.statusCode).toBe(201);
    expect(assent.json().givenByName).toMatch(/^Referra /);

    const roiBad = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'release_of_information',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: form.id,
      recipient: '',
      scope: 'Progress on TM goals',
      expiresOn: '2020-01-01',
    });
    expect(Object.keys(roiBad.json().error.fields).sort()).toEqual(['recipient']);
    const roiBad2 = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'release_of_information',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: form.id,
      recipient: 'Eastside High School',
      scope: 'Progress on TM goals',
      expiresOn: '2020-01-01',
    });
    expect(Object.keys(roiBad2.json().error.fields).sort()).toEqual(['expiresOn', 'givenByName']);
    const roi = await pm.post(`/api/v1/episodes/${e.id}/consents`, {
      kind: 'release_of_information',
      guardianId,
      legalBasis: 'parent',
      givenOn: today(),
      method: 'uploaded_form',
      attachmentId: form.id,
      recipient: 'Eastside High School',
      scope: 'Progress on TM goals',
      expiresOn: '2099-01-01',
    });
    expect(roi.statusCode).toBe(201);
    expect(roi.json()).toMatchObject({
      recipient: 'Eastside High School',
      expired: false,
      givenByName: 'Gina Guardian',
    });
    const noKind = await pm.post(`/api/v1/episodes/${e.id}/consents`, { givenOn: today(), method: 'uploaded_form' });
    expect(Object.keys(noKind.json().error.fields)).toEqual(['kind']);
  });

  it('withdrawing the guardian agreement marks the episode for discharge planning', async () => {
    const { episode: e, youthId } = await admitted();
    const c = (
      await pm.post(`/api/v1/episodes/${e.id}/consents`, {
        kind: 'guardian_agreement',
        guardianId: await guardianOf(youthId),
        legalBasis: 'parent',
        givenOn: today(),
        method: 'in_app_signature',
        typedName: 'Gina Guardian',
        password: TEST_PASSWORD,
      })
    ).json();
    const empty = await pm.post(`/api/v1/episodes/${e.id}/consents/${c.id}/withdraw`, { reason: ' ' });
    expect(Object.keys(empty.json().error.fields)).toEqual(['reason']);
    const res = await pm.post(`/api/v1/episodes/${e.id}/consents/${c.id}/withdraw`, { reason: 'Family moved on' });
    expect(res.statusCode).toBe(200);
    expect(res.json().withdrawnReason).toBe('Family moved on');
    const [ep] = (await pm.get(`/api/v1/youth/${youthId}/episodes`)).json();
    expect(ep.hasGuardianAgreement).toBe(false);
    expect(ep.dischargePlanning).toMatchObject({ reason: 'guardian_agreement_withdrawn', consentId: c.id });
    expect(ep.version).toBe(2);
    const again = await pm.post(`/api/v1/episodes/${e.id}/consents/${c.id}/withdraw`, { reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(
      (await pm.post(`/api/v1/episodes/${e.id}/consents/${randomUUID()}/withdraw`, { reason: 'x' })).statusCode,
    ).toBe(404);
  });
});

describe('discharge', () => {
  const setUp = async () => {
    const a = await admitted();
    const db = t.database.db;
    const [g1, g2] = await db
      .insert(goal)
      .values(
        [1, 2].map((n) => ({
          organizationId: org.id,
          youthId: a.youthId,
          episodeId: a.episode.id,
          hubPlanGoal: 'Practise calming strategies',
          planType: 'iht_plan',
          title: `Goal ${n}`,
        })),
      )
      .returning();
    const [m] = await db
      .insert(mentorAssignment)
      .values({ organizationId: org.id, mentorUserId: mentor.userId, youthId: a.youthId, episodeId: a.episode.id })
      .returning();
    return { ...a, goals: [g1!, g2!], matchId: m!.id };
  };

  it('closes the episode, sets goal statuses, closes matches, discharges the youth and stores the retention date', async () => {
    const s = await setUp();
    await t.database.db.insert(contact).values([
      {
        organizationId: org.id,
        youthId: s.youthId,
        mentorUserId: mentor.userId,
        date: daysAgo(6),
        status: 'completed',
      },
      { organizationId: org.id, youthId: s.youthId, mentorUserId: mentor.userId, date: daysAgo(3), status: 'no_show' },
    ]);
    const base = {
      dischargedOn: daysAgo(2),
      reasons: ['goals_substantially_met'],
      recommendations: 'Continue with outpatient therapy; school counselor check-ins',
      closureActivity: 'Final outing to the aquarium',
      version: s.episode.version,
    };
    const missing = await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, {
      ...base,
      goalStatuses: [{ goalId: s.goals[0]!.id, status: 'met' }],
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(['goalStatuses']);
    const invalid = await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, {
      ...base,
      reasons: ['bored'],
      dischargedOn: '2000-01-01',
      recommendations: '',
      goalStatuses: [{ goalId: s.goals[0]!.id, status: 'active' }],
    });
    expect(Object.keys(invalid.json().error.fields).sort()).toEqual([
      'goalStatuses.0.status',
      'reasons.0',
      'recommendations',
    ]);
    const early = await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, {
      ...base,
      dischargedOn: '2000-01-01',
      goalStatuses: [
        { goalId: s.goals[0]!.id, status: 'met' },
        { goalId: randomUUID(), status: 'met' },
      ],
    });
    expect(Object.keys(early.json().error.fields).sort()).toEqual([
      'dischargedOn',
      'goalStatuses',
      'goalStatuses.1.goalId',
    ]);
    expect((await mentor.post(`/api/v1/episodes/${s.episode.id}/discharge`, base)).statusCode).toBe(403);
    expect((await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, { ...base, version: 99 })).statusCode).toBe(
      409,
    );

    const res = await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, {
      ...base,
      goalStatuses: [
        { goalId: s.goals[0]!.id, status: 'met' },
        { goalId: s.goals[1]!.id, status: 'discontinued' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    const dob = '2012-05-06';
    expect(e).toMatchObject({
      status: 'discharged',
      dischargedOn: base.dischargedOn,
      dischargedBy: { userId: pm.userId },
      retentionUntil: retentionDate({ lastServiceDate: daysAgo(6), dateOfBirth: dob }),
      discharge: {
        reasons: ['goals_substantially_met'],
        lastServiceDate: daysAgo(6),
        closedMatchIds: [s.matchId],
        closureActivity: 'Final outing to the aquarium',
      },
    });
    expect(e.goals.map((g: { status: string }) => g.status)).toEqual(['met', 'discontinued']);
    const [m] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.id, s.matchId));
    expect(m).toMatchObject({ active: false, status: 'closed', closedOn: base.dischargedOn, closureType: 'planned' });
    expect(m!.closureReasons).toEqual(['goals_met']);
    expect((await pm.get(`/api/v1/youth/${s.youthId}`)).json().status).toBe('discharged');
    expect(
      (await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, { ...base, version: e.version })).json().error.code,
    ).toBe('EPISODE_CLOSED');
    expect(
      (
        await pm.post(`/api/v1/episodes/${s.episode.id}/consents`, {
          kind: 'youth_assent',
          givenOn: today(),
          method: 'in_app_signature',
          typedName: 'X',
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(409);
    expect(await auditCount('match.closed', s.matchId)).toBe(1);
  });

  it('uses the discharge date as last service when there was no completed contact; consent withdrawn closes unplanned', async () => {
    const s = await setUp();
    const res = await pm.post(`/api/v1/episodes/${s.episode.id}/discharge`, {
      dischargedOn: today(),
      reasons: ['consent_withdrawn', 'other'],
      goalStatuses: s.goals.map((g) => ({ goalId: g.id, status: 'discontinued' })),
      recommendations: 'Family may re-refer through the hub',
      version: s.episode.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().discharge.lastServiceDate).toBe(today());
    expect(res.json().retentionUntil).toBe(retentionDate({ lastServiceDate: today(), dateOfBirth: '2012-05-06' }));
    const [m] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.id, s.matchId));
    expect(m).toMatchObject({ closureType: 'unplanned' });
    expect(m!.closureReasons).toEqual(['family_request', 'other']);
  });
});

describe('hub services', () => {
  it('keeps exactly one coordinating active hub and suggests the most intensive', async () => {
    const r = (
      await pm.post(
        '/api/v1/referrals',
        referralBody({ hub: { type: 'op', agency: 'Clinic', clinicianName: 'Olive Op', startedOn: daysAgo(100) } }),
      )
    ).json();
    const y = r.youth.id;
    const icc = await pm.post(`/api/v1/youth/${y}/hub-services`, {
      type: 'icc',
      agency: 'Care Coordination Inc',
      clinicianName: 'Ivy Icc',
      startedOn: daysAgo(5),
      email: '',
    });
    expect(icc.statusCode, icc.body).toBe(201);
    expect(icc.json().coordinating).toBe(false);
    let list = (await pm.get(`/api/v1/youth/${y}/hub-services`)).json();
    expect(list.suggestedCoordinatingId).toBe(icc.json().id);
    const op = list.items.find((h: { type: string }) => h.type === 'op');
    expect(op.coordinating).toBe(true);

    const made = await pm.patch(`/api/v1/youth/${y}/hub-services/${icc.json().id}`, { coordinating: true, version: 1 });
    expect(made.statusCode, made.body).toBe(200);
    list = (await pm.get(`/api/v1/youth/${y}/hub-services`)).json();
    expect(
      list.items.filter((h: { coordinating: boolean }) => h.coordinating).map((h: { id: string }) => h.id),
    ).toEqual([icc.json().id]);

    const ended = await pm.patch(`/api/v1/youth/${y}/hub-services/${icc.json().id}`, {
      endedOn: daysAgo(1),
      version: made.json().version,
    });
    expect(ended.json()).toMatchObject({ active: false, coordinating: false });
    list = (await pm.get(`/api/v1/youth/${y}/hub-services`)).json();
    expect(list.items.find((h: { type: string }) => h.type === 'op').coordinating).toBe(true);

    const opNow = list.items.find((h: { type: string }) => h.type === 'op');
    const refuse = await pm.patch(`/api/v1/youth/${y}/hub-services/${opNow.id}`, {
      coordinating: false,
      version: opNow.version,
    });
    expect(refuse.statusCode).toBe(400);
    expect(Object.keys(refuse.json().error.fields)).toEqual(['coordinating']);
    const stale = await pm.patch(`/api/v1/youth/${y}/hub-services/${opNow.id}`, { phone: '617-555-0100', version: 99 });
    expect(stale.statusCode).toBe(409);
    const bad = await pm.post(`/api/v1/youth/${y}/hub-services`, {
      type: 'xyz',
      agency: '',
      clinicianName: 'A',
      startedOn: '2026-02-02',
      endedOn: '2026-01-01',
    });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['agency', 'type']);
    const order = await pm.post(`/api/v1/youth/${y}/hub-services`, {
      type: 'iht',
      agency: 'A',
      clinicianName: 'A',
      startedOn: '2026-02-02',
      endedOn: '2026-01-01',
    });
    expect(Object.keys(order.json().error.fields)).toEqual(['endedOn']);
    expect((await mentor.get(`/api/v1/youth/${y}/hub-services`)).statusCode).toBe(404);
    expect((await hub.get(`/api/v1/youth/${y}/hub-services`)).statusCode).toBe(404);
  });
});

describe('mentor clearance', () => {
  it('records a dated clearance with who cleared; shows the latest', async () => {
    const res = await admin.post(`/api/v1/staff/${mentor.userId}/clearance`, {
      clearedOn: '2025-01-15',
      note: 'CORI and training done',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      cleared: true,
      latest: { clearedOn: '2025-01-15', clearedBy: { userId: admin.userId } },
    });
    const later = await pm.post(`/api/v1/staff/${mentor.userId}/clearance`, { clearedOn: '2026-01-15' });
    expect(later.json().latest.clearedOn).toBe('2026-01-15');
    expect(later.json().history).toHaveLength(2);
    expect((await mentor.get(`/api/v1/staff/${mentor.userId}/clearance`)).json().cleared).toBe(true);
    expect(
      (await supervisor.post(`/api/v1/staff/${mentor.userId}/clearance`, { clearedOn: '2025-01-15' })).statusCode,
    ).toBe(403);
    expect(
      (await mentor.post(`/api/v1/staff/${mentor.userId}/clearance`, { clearedOn: '2025-01-15' })).statusCode,
    ).toBe(403);
    const notMentor = await admin.post(`/api/v1/staff/${supervisor.userId}/clearance`, { clearedOn: '2025-01-15' });
    expect(Object.keys(notMentor.json().error.fields)).toEqual(['userId']);
    const future = await admin.post(`/api/v1/staff/${mentor.userId}/clearance`, { clearedOn: '2099-01-15' });
    expect(Object.keys(future.json().error.fields)).toEqual(['clearedOn']);
    const none = await admin.get(`/api/v1/staff/${supervisor.userId}/clearance`);
    expect(none.json()).toMatchObject({ cleared: false, latest: null, history: [] });
  });
});

describe('program definition', () => {
  it('judges paraprofessional delivery and licensed supervision from the program’s mentors', async () => {
    const db = t.database.db;
    await db.update(staffProfile).set({ degreeLevel: 'bachelor' }).where(eq(staffProfile.userId, mentor.userId));
    const [y] = await db.select({ id: youth.id }).from(youth).where(eq(youth.programId, org.tmProgramId)).limit(1);
    await db.insert(mentorAssignment).values({ organizationId: org.id, mentorUserId: mentor.userId, youthId: y!.id });
    let p = (await admin.get(`/api/v1/programs/${org.tmProgramId}`)).json();
    const find = (code: string) => p.definition.criteria.find((c: { code: string }) => c.code === code);
    expect(find('paraprofessionals')).toMatchObject({ met: true });
    expect(find('licensed_supervision')).toMatchObject({ met: false, counts: { mentors: 1, supervised: 0 } });
    expect(p.definition.meets).toBe(false);
    await db
      .update(staffProfile)
      .set({ licenceType: 'LICSW', licenceExpiresOn: '2099-01-01' })
      .where(eq(staffProfile.userId, supervisor.userId));
    await db
      .insert(supervisionAssignment)
      .values({ organizationId: org.id, supervisorUserId: supervisor.userId, mentorUserId: mentor.userId });
    p = (await admin.get(`/api/v1/programs/${org.tmProgramId}`)).json();
    expect(find('licensed_supervision')).toMatchObject({ met: true });
    expect(p.definition.meets).toBe(true);
    const c = (await admin.get(`/api/v1/programs/${org.communityProgramId}`)).json();
    expect(c.definition.criteria.find((x: { code: string }) => x.code === 'evidence_based_practices').met).toBe(false);
  });
});

describe('audit', () => {
  it('left an intact chain, with no names in the details', async () => {
    const res = await admin.get('/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
    const rows = await t.database.db.select({ d: auditEvent.detail }).from(auditEvent);
    const text = JSON.stringify(rows);
    for (const secret of ['Gina', 'Referra', 'Dana Therapist', 'Harbor Family', '2012-05-06', 'Family moved on'])
      expect(text).not.toContain(secret);
    expect((await t.database.db.select({ n: count() }).from(referral))[0]!.n).toBeGreaterThan(5);
  });
});
