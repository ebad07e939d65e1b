import { findEmbeddedInstrument } from '@mentorbridge/core';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAdministration, measureResponse, safetyAlert } from '../../db/schema-measures.ts';
import { auditEvent, episode, goal, goalProgress, outboxMessage, youth } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { daysAgo, insertEpisode, insertRuleSet, orgToday } from '../care/care-fixtures.ts';
import { KIOSK_MAX_FAILURES } from './routes.ts';
import { sendMeasureReminders } from './schedule-service.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const rules = await insertRuleSet(t.database.db, w.orgA.id, w.orgA.tmProgramId);
  await insertEpisode(t.database.db, w.youth.y1.id, rules.id, daysAgo(60));
  await insertEpisode(t.database.db, w.youth.y2.id, rules.id, daysAgo(60));
});
afterAll(async () => t?.close());

/** Teen PHQ-9 answers: every symptom item at `level`, item 9 at `item9`, the yes/no items "no". */
const teenPhq = (level: number, item9: number) => {
  const def = findEmbeddedInstrument('phq9_teen')!;
  const answers: Record<string, number | string> = {};
  for (const item of def.items) answers[item.id] = item.scored ? level : typeof item.options[0]!.value === 'number' ? 0 : 'no';
  answers.self_harm_thoughts = item9;
  return answers;
};
const psc = (each: number) => Object.fromEntries(findEmbeddedInstrument('psc17')!.items.map((i) => [i.id, each]));
const y1 = () => w.youth.y1.id;
const publicPost = (url: string, payload: unknown, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { 'x-requested-with': 'mentorbridge' }, remoteAddress: ip });
const publicGet = (url: string, ip = '127.0.0.1') => t.app.inject({ method: 'GET', url, remoteAddress: ip });

describe('instruments', () => {
  it('lists the library with attribution, licence and languages, and gives a form to render', async () => {
    const list = await w.users.m1.get('/api/v1/instruments');
    expect(list.statusCode).toBe(200);
    const phq = list.json().find((i: { id: string }) => i.id === 'phq9_teen');
    expect(phq).toMatchObject({ kind: 'embedded', respondent: 'youth', languages: expect.arrayContaining(['en']) });
    expect(phq.attribution).toMatch(/Pfizer|Spitzer|Kroenke/);
    expect(list.json().find((i: { id: string }) => i.id === 'cssrs_screener')).toMatchObject({ kind: 'score_entry' });

    const detail = (await w.users.m1.get('/api/v1/instruments/phq9_teen')).json();
    expect(detail.form.items.find((i: { id: string }) => i.id === 'self_harm_thoughts')).toMatchObject({ critical: true });
    expect((await w.users.m1.get('/api/v1/instruments/cssrs_screener')).json()).toMatchObject({ form: null });
    expect((await w.users.m1.get('/api/v1/instruments/nope')).statusCode).toBe(404);
  });

  it('previews a score without storing anything, with reasons when invalid', async () => {
    const before = await t.database.db.select({ n: count() }).from(measureResponse);
    const res = await w.users.m1.post('/api/v1/instruments/psc17/score', { answers: psc(1) });
    expect(res.json()).toMatchObject({ total: 17, valid: true, band: { id: 'positive' } });
    const blanks = { ...psc(1), sad: null, fights: null, worries: null, teases: null };
    expect((await w.users.m1.post('/api/v1/instruments/psc17/score', { answers: blanks })).json()).toMatchObject({
      valid: false,
      total: null,
      invalidReasons: [{ code: 'too_many_blanks' }],
    });
    expect(await t.database.db.select({ n: count() }).from(measureResponse)).toEqual(before);
  });

  it('program managers version their own surveys; staff can answer them', async () => {
    const definition = {
      id: 'relationship',
      version: 1,
      title: { en: 'Relationship check', es: 'Relación' },
      respondent: 'youth',
      items: [
        { id: 'trust', text: { en: 'I trust my mentor', es: 'Confío en mi mentor' }, min: 1, max: 5 },
        { id: 'fun', text: { en: 'We have fun', es: 'Nos divertimos' }, min: 1, max: 5 },
      ],
      total: 'mean',
      direction: 'higher_is_better',
    };
    const v1 = await w.users.pm.post('/api/v1/program-surveys', { programId: w.orgA.tmProgramId, definition });
    expect(v1.statusCode).toBe(201);
    const v2 = await w.users.pm.post('/api/v1/program-surveys', { programId: w.orgA.tmProgramId, definition });
    expect(v2.json()).toMatchObject({ instrumentId: 'survey_relationship', version: 2, active: true });
    expect((await w.users.pm.post('/api/v1/program-surveys', { programId: null, definition })).statusCode).toBe(403);
    expect((await w.users.m1.post('/api/v1/program-surveys', { programId: w.orgA.tmProgramId, definition })).statusCode).toBe(403);
    const catalog = (await w.users.m1.get('/api/v1/instruments')).json();
    expect(catalog.filter((i: { id: string }) => i.id === 'survey_relationship')).toMatchObject([{ version: 2, kind: 'program_survey' }]);
    const saved = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'survey_relationship', answers: { trust: 4, fun: 5 } });
    expect(saved.json()).toMatchObject({ total: 4.5, instrumentVersion: 2, mode: 'visit' });
    const bad = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'survey_relationship', answers: { trust: 9 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('answers.trust');
  });
});

describe('stored responses', () => {
  it('stores exactly the score the preview gives', async () => {
    for (const [instrumentId, answers] of [
      ['phq9_teen', teenPhq(1, 0)],
      ['psc17', psc(2)],
      ['gad7', { nervous: 1, uncontrollable_worry: 2, worrying_too_much: 3, trouble_relaxing: 0, restless: 1, irritable: 2, afraid: 3 }],
    ] as const) {
      const preview = (await w.users.m1.post(`/api/v1/instruments/${instrumentId}/score`, { answers })).json();
      const saved = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId, answers });
      expect(saved.statusCode, instrumentId).toBe(201);
      const stored = (await w.users.m1.get(`/api/v1/youth/${y1()}/measures/${saved.json().id}`)).json();
      expect(preview.valid, instrumentId).toBe(true);
      expect({ total: stored.total, band: stored.band, valid: stored.valid, flags: stored.flags }).toEqual({
        total: preview.total,
        band: preview.band,
        valid: preview.valid,
        flags: preview.flags,
      });
      expect(stored.subscales).toEqual(preview.subscales);
    }
  });

  it('refuses values the instrument does not allow, naming each field', async () => {
    const res = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'phq9_teen', answers: { ...teenPhq(1, 0), sleep: 7, bogus: 1 } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['answers.bogus', 'answers.sleep']);
  });

  it('raises one acute alert with the answer, in the same transaction, for item 9 = 2', async () => {
    const res = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'phq9_teen', answers: teenPhq(1, 2) });
    expect(res.statusCode).toBe(201);
    const alerts = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.sourceId, res.json().id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'acute', source: 'measure_response', reasons: ['phq9_teen.item9_self_harm_thoughts'] });
    expect(res.json().alertId).toBe(alerts[0]!.id);
  });

  it('a failing alert insert rolls the answer back', async () => {
    const db = t.database.db;
    await db.execute(sql`create or replace function mb_test_fail() returns trigger language plpgsql as $$ begin raise exception 'alert insert refused'; end $$`);
    await db.execute(sql`create trigger mb_test_fail before insert on safety_alert for each row execute function mb_test_fail()`);
    try {
      const [before] = await db.select({ n: count() }).from(measureResponse);
      const res = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'phq9_teen', answers: teenPhq(0, 1) });
      expect(res.statusCode).toBe(500);
      expect(await db.select({ n: count() }).from(measureResponse)).toEqual([before]);
    } finally {
      await db.execute(sql`drop trigger mb_test_fail on safety_alert`);
    }
  });

  it('records a licensed form\'s scores with its date and who entered it; a high C-SSRS result alerts', async () => {
    const missingDate = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, {
      instrumentId: 'cssrs_screener',
      answers: { form_version: 'recent', risk_level: 'high' },
    });
    expect(missingDate.json().error.fields).toHaveProperty('administeredOn');
    const res = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, {
      instrumentId: 'cssrs_screener',
      administeredOn: daysAgo(2),
      answers: { form_version: 'recent', risk_level: 'high' },
    });
    expect(res.json()).toMatchObject({ mode: 'score_entry', administeredOn: daysAgo(2), enteredBy: w.users.m1.userId, band: { id: 'high' } });
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.sourceId, res.json().id));
    expect(alert).toMatchObject({ severity: 'acute' });
  });
});

describe('guardian privacy', () => {
  it('hides the youth\'s own answers from a guardian until the youth shares them; the guardian\'s own stay visible', async () => {
    const youthAnswer = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'gad7', answers: { nervous: 1, uncontrollable_worry: 1, worrying_too_much: 1, trouble_relaxing: 1, restless: 1, irritable: 1, afraid: 1 } });
    const parentAnswer = await w.users.m1.post(`/api/v1/youth/${y1()}/measures`, { instrumentId: 'psc17', answers: psc(0) });
    expect(youthAnswer.json()).toMatchObject({ respondent: 'youth', confidential: true });
    expect(parentAnswer.json()).toMatchObject({ respondent: 'guardian', confidential: false });

    const ids = async () => (await w.users.g.get(`/api/v1/youth/${y1()}/measures`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids()).toContain(parentAnswer.json().id);
    expect(await ids()).not.toContain(youthAnswer.json().id);
    expect((await w.users.g.get(`/api/v1/youth/${y1()}/measures/${youthAnswer.json().id}`)).statusCode).toBe(404);
    const trend = (await w.users.g.get(`/api/v1/youth/${y1()}/measures/trajectory?instrument=gad7`)).json();
    expect(trend.points).toEqual([]);

    // A guardian cannot change the setting; the youth can.
    expect((await w.users.g.request({ method: 'PUT', url: `/api/v1/youth/${y1()}/measures/privacy`, payload: { shareAnswersWithGuardian: true } })).statusCode).toBe(403);
    const shared = await w.users.yu.request({ method: 'PUT', url: `/api/v1/youth/${y1()}/measures/privacy`, payload: { shareAnswersWithGuardian: true } });
    expect(shared.json()).toEqual({ shareAnswersWithGuardian: true });
    expect(await ids()).toContain(youthAnswer.json().id);
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'youth.measure_privacy_changed'), eq(auditEvent.youthId, y1())));
    expect(audit).toMatchObject({ actorUserId: w.users.yu.userId });

    await w.users.yu.request({ method: 'PUT', url: `/api/v1/youth/${y1()}/measures/privacy`, payload: { shareAnswersWithGuardian: false } });
    expect(await ids()).not.toContain(youthAnswer.json().id);
  });
});

describe('self-report links', () => {
  const createLink = async (body: Record<string, unknown> = {}) => {
    const res = await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, {
      instrumentId: 'phq9_teen',
      respondent: 'youth',
      mode: 'link',
      language: 'en',
      expiresInHours: 48,
      ...body,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('answers once: first name only, the form, then a 410 for a second submit', async () => {
    const link = await createLink();
    expect(link.url).toBe(`http://localhost:3000/r/${link.token}`);
    const [row] = await t.database.db.select().from(measureAdministration).where(eq(measureAdministration.id, link.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(link.token);

    const opened = await publicGet(`/api/v1/self-report/${link.token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ firstName: 'Testfirst1', language: 'en', form: { id: 'phq9_teen' } });
    expect(opened.body).not.toContain('Testlast1');
    expect(opened.body).not.toContain(w.youth.y1.dateOfBirth);

    const submitted = await publicPost(`/api/v1/self-report/${link.token}`, { answers: teenPhq(1, 2) });
    expect(submitted.json()).toEqual({ completed: true });
    const [resp] = await t.database.db.select().from(measureResponse).where(eq(measureResponse.administrationId, link.id));
    expect(resp).toMatchObject({ mode: 'link', respondent: 'youth', confidential: true, enteredBy: null, total: 10 });
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.sourceId, resp!.id));
    expect(alert).toMatchObject({ severity: 'acute', raisedBy: null });
    const audits = await t.database.db.select().from(auditEvent).where(eq(auditEvent.resourceId, link.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['self_report.opened', 'self_report.submitted']));
    expect(audits.filter((a) => a.action.startsWith('self_report.')).every((a) => a.actorUserId === null)).toBe(true);

    const again = await publicPost(`/api/v1/self-report/${link.token}`, { answers: teenPhq(0, 0) });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('ALREADY_ANSWERED');
    expect((await publicGet(`/api/v1/self-report/${link.token}`)).statusCode).toBe(410);
    const list = (await w.users.m1.get(`/api/v1/youth/${y1()}/administrations`)).json();
    expect(list.find((a: { id: string }) => a.id === link.id)).toMatchObject({ status: 'completed' });
  });

  it('answers 410 once expired or cancelled, 404 for an unknown token', async () => {
    const expired = await createLink();
    await t.database.db
      .update(measureAdministration)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(measureAdministration.id, expired.id));
    const e = await publicGet(`/api/v1/self-report/${expired.token}`);
    expect([e.statusCode, e.json().error.code]).toEqual([410, 'LINK_EXPIRED']);

    const cancelled = await createLink();
    expect((await w.users.m1.post(`/api/v1/administrations/${cancelled.id}/cancel`)).json()).toMatchObject({ status: 'cancelled' });
    expect((await w.users.m1.post(`/api/v1/administrations/${cancelled.id}/cancel`)).statusCode).toBe(409);
    const c = await publicPost(`/api/v1/self-report/${cancelled.token}`, { answers: teenPhq(0, 0) });
    expect([c.statusCode, c.json().error.code]).toEqual([410, 'LINK_CANCELLED']);

    expect((await publicGet('/api/v1/self-report/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('falls back to English with a notice when the instrument has no official Spanish text', async () => {
    const link = await createLink({ language: 'es' });
    const opened = (await publicGet(`/api/v1/self-report/${link.token}`)).json();
    const es = findEmbeddedInstrument('phq9_teen')!.languages.includes('es');
    expect(opened).toMatchObject({ requestedLanguage: 'es', language: es ? 'es' : 'en', languageFallback: !es });
  });

  it('refuses a parent-report form for the youth and a licensed form altogether', async () => {
    const wrong = await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, { instrumentId: 'psc17', respondent: 'youth', mode: 'link', expiresInHours: 24 });
    expect(wrong.json().error.fields).toHaveProperty('respondent');
    const licensed = await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, { instrumentId: 'cssrs_screener', respondent: 'youth', mode: 'link', expiresInHours: 24 });
    expect(licensed.json().error.fields).toHaveProperty('instrumentId');
    const longKiosk = await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, { instrumentId: 'phq9_teen', respondent: 'youth', mode: 'kiosk', expiresInHours: 24 });
    expect(longKiosk.json().error.fields).toHaveProperty('expiresInHours');
  });
});

describe('kiosk codes', () => {
  const createKiosk = async () =>
    (await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, { instrumentId: 'phq9_teen', respondent: 'youth', mode: 'kiosk', expiresInHours: 1 })).json();

  it('a code gives a token once; the form is then answered through it', async () => {
    const k = await createKiosk();
    expect(k.kioskCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(k.token).toBeNull();
    const redeemed = await publicPost('/api/v1/kiosk', { code: k.kioskCode.toLowerCase() }, '10.0.0.1');
    expect(redeemed.statusCode).toBe(200);
    const { token } = redeemed.json();
    expect((await publicGet(`/api/v1/self-report/${token}`, '10.0.0.1')).json()).toMatchObject({ firstName: 'Testfirst1' });
    expect((await publicPost(`/api/v1/self-report/${token}`, { answers: teenPhq(0, 0) }, '10.0.0.1')).statusCode).toBe(200);
    const [resp] = await t.database.db.select().from(measureResponse).where(eq(measureResponse.administrationId, k.id));
    expect(resp).toMatchObject({ mode: 'kiosk' });
    expect((await publicPost('/api/v1/kiosk', { code: k.kioskCode }, '10.0.0.1')).statusCode).toBe(404);
  });

  it('a cancelled code answers 410', async () => {
    const k = await createKiosk();
    await w.users.m1.post(`/api/v1/administrations/${k.id}/cancel`);
    expect((await publicPost('/api/v1/kiosk', { code: k.kioskCode }, '10.0.0.2')).statusCode).toBe(410);
  });

  it(`locks an address out after ${KIOSK_MAX_FAILURES} wrong codes, even for a right one`, async () => {
    const k = await createKiosk();
    const wrong = k.kioskCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < KIOSK_MAX_FAILURES; i++) expect((await publicPost('/api/v1/kiosk', { code: wrong }, '10.0.0.3')).statusCode).toBe(404);
    expect((await publicPost('/api/v1/kiosk', { code: k.kioskCode }, '10.0.0.3')).statusCode).toBe(429);
    // Another address is not affected.
    expect((await publicPost('/api/v1/kiosk', { code: k.kioskCode }, '10.0.0.4')).statusCode).toBe(200);
  });

  it('refuses a malformed code with the field named', async () => {
    const res = await publicPost('/api/v1/kiosk', { code: 'O0I1' }, '10.0.0.5');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('code');
  });
});

describe('schedules', () => {
  it('lists overdue baselines of the youth within reach, and a response in the window meets one', async () => {
    const y2 = w.youth.y2.id;
    const m2 = (await w.users.m2.get('/api/v1/measures/overdue')).json();
    const mine = m2.items.filter((i: { youthId: string }) => i.youthId === y2);
    expect(mine.map((i: { instrumentId: string; scheduleKey: string }) => `${i.instrumentId}:${i.scheduleKey}`).sort()).toEqual([
      'phq9_teen:baseline',
      'psc17:baseline',
    ]);
    expect(mine[0]).toMatchObject({ status: 'overdue', daysOverdue: 60, dueOn: daysAgo(60), youthName: 'Testfirst2 Testlast2' });
    expect(m2.items.some((i: { youthId: string }) => i.youthId === y1())).toBe(false);

    await w.users.m2.post(`/api/v1/youth/${y2}/measures`, { instrumentId: 'psc17', answers: psc(0), administeredOn: daysAgo(55) });
    const after = (await w.users.m2.get('/api/v1/measures/overdue')).json().items.filter((i: { youthId: string }) => i.youthId === y2);
    expect(after.map((i: { instrumentId: string }) => i.instrumentId)).toEqual(['phq9_teen']);
    expect((await w.users.g.get('/api/v1/measures/overdue')).statusCode).toBe(403);
  });

  it('emails each mentor a count and a link, never a youth\'s name', async () => {
    const before = new Date();
    const { emails } = await sendMeasureReminders({ db: t.database.db, mailer: t.app.deps.mailer, publicUrl: 'http://localhost:3000' }, new Date());
    expect(emails).toBeGreaterThanOrEqual(1);
    const mail = await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, w.users.m2.email));
    const latest = mail.filter((m) => m.createdAt >= new Date(before.getTime() - 1000));
    expect(latest).toHaveLength(1);
    expect(latest[0]!.body).toContain('1 overdue measure');
    expect(latest[0]!.body).toContain('http://localhost:3000/measures/overdue');
    expect(latest[0]!.body).not.toMatch(/Testfirst|Testlast/);
  });
});

describe('change over time', () => {
  it('a PSC-17 trajectory with bands and reliable change from the published SD and α', async () => {
    const y3 = w.youth.y3.id;
    await w.users.m2.post(`/api/v1/youth/${y3}/measures`, { instrumentId: 'psc17', answers: psc(2), administeredOn: daysAgo(90) });
    await w.users.m2.post(`/api/v1/youth/${y3}/measures`, { instrumentId: 'psc17', answers: { ...psc(0), sad: 1, worries: 1, fights: 1 }, administeredOn: daysAgo(1) });
    const res = (await w.users.m2.get(`/api/v1/youth/${y3}/measures/trajectory?instrument=psc17`)).json();
    expect(res.points.map((p: { score: number }) => p.score)).toEqual([34, 3]);
    expect(res.bands.map((b: { id: string }) => b.id)).toEqual(['below_cutoff', 'positive']);
    expect(res.change).toMatchObject({ pre: 34, post: 3, sd: 5.62, reliability: 0.89, reliable: true, category: 'recovered', cutoff: { value: 15 } });
    expect(res.change.rci).toBeCloseTo(-31 / (5.62 * Math.SQRT2 * Math.sqrt(0.11)), 6);

    const phq = (await w.users.m2.get(`/api/v1/youth/${y3}/measures/trajectory?instrument=phq9_teen`)).json();
    expect(phq).toMatchObject({ change: null, changeUnavailable: 'too_few_points' });
  });

  it('uses a program-supplied SD and reliability when there is no published one, and shows them', async () => {
    const y3 = w.youth.y3.id;
    await w.users.m2.post(`/api/v1/youth/${y3}/measures`, { instrumentId: 'phq9_teen', answers: teenPhq(2, 0), administeredOn: daysAgo(80) });
    await w.users.m2.post(`/api/v1/youth/${y3}/measures`, { instrumentId: 'phq9_teen', answers: teenPhq(1, 0), administeredOn: daysAgo(2) });
    const none = (await w.users.m2.get(`/api/v1/youth/${y3}/measures/trajectory?instrument=phq9_teen`)).json();
    expect(none).toMatchObject({ change: null, changeUnavailable: 'no_parameters' });
    const given = (await w.users.m2.get(`/api/v1/youth/${y3}/measures/trajectory?instrument=phq9_teen&sd=5&reliability=0.89`)).json();
    expect(given.change).toMatchObject({ pre: 16, post: 8, sd: 5, reliability: 0.89, parametersSource: expect.stringContaining('program') });
    expect((await w.users.m2.get(`/api/v1/youth/${y3}/measures/trajectory?instrument=phq9_teen&sd=5`)).statusCode).toBe(400);
  });

  it('GAS T-score over the goals with GAS levels, ρ = 0.3', async () => {
    const db = t.database.db;
    const y2 = w.youth.y2.id;
    const [e] = await db.select({ id: episode.id }).from(episode).where(eq(episode.youthId, y2));
    const levels = { '-2': 'a', '-1': 'b', 0: 'c', 1: 'd', 2: 'e' };
    const goals = await db
      .insert(goal)
      .values([1, 2, 3].map((n) => ({ organizationId: w.orgA.id, youthId: y2, episodeId: e!.id, hubPlanGoal: `G${n}`, planType: 'icc_icp', title: `Goal ${n}`, gasLevels: levels })))
      .returning();
    await db.insert(goalProgress).values([
      { organizationId: w.orgA.id, goalId: goals[0]!.id, ratedOn: orgToday(), level: 1 },
      { organizationId: w.orgA.id, goalId: goals[1]!.id, ratedOn: orgToday(), level: 0 },
      { organizationId: w.orgA.id, goalId: goals[2]!.id, ratedOn: orgToday(), level: -1 },
      { organizationId: w.orgA.id, goalId: goals[2]!.id, ratedOn: daysAgo(5), level: 2 },
    ]);
    const gas = (await w.users.m2.get(`/api/v1/youth/${y2}/goals/gas`)).json();
    expect(gas).toMatchObject({ rho: 0.3, weightedSum: 0, tScore: 50 });
    expect(gas.goals.map((g: { attainment: number }) => g.attainment)).toEqual([1, 0, -1]);
    await db.update(goalProgress).set({ level: 2 }).where(eq(goalProgress.goalId, goals[1]!.id));
    const up = (await w.users.m2.get(`/api/v1/youth/${y2}/goals/gas`)).json();
    // Σx = 2, 3 unweighted goals: T = 50 + 10·2 / √(0.7·3 + 0.3·9) = 59.128709...
    expect(up.tScore).toBeCloseTo(50 + 20 / Math.sqrt(0.7 * 3 + 0.3 * 9), 9);
    const [y] = await db.select({ s: youth.shareAnswersWithGuardian }).from(youth).where(eq(youth.id, y2));
    expect(y!.s).toBe(false);
  });
});

describe('logs', () => {
  it('never hold a self-report link token', async () => {
    const link = (
      await w.users.m1.post(`/api/v1/youth/${y1()}/administrations`, { instrumentId: 'phq9_teen', respondent: 'youth', mode: 'link', expiresInHours: 1 })
    ).json();
    await publicGet(`/api/v1/self-report/${link.token}`);
    const logged = t.logs.join('\n');
    expect(logged).toContain('/api/v1/self-report/[token]');
    expect(logged).not.toContain(link.token);
  });
});
