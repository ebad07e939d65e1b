import type { TAlertSeverity, TAlertSource } from '@mentorbridge/core';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertNotification, auditEvent, outboxMessage, safetyAlert } from '../../db/schema.ts';
import { manualClock } from '../../jobs/clock.ts';
import { type Client, createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { ALERT_DELIVERY_TASK, ALERT_ESCALATION_TASK } from './alert-jobs.ts';
import { deliverPendingNotices } from './deliver.ts';
import { systemOrigin } from './escalate.ts';
import { raiseAlert } from './raise-alert.ts';

let t: TestApp;
let w: World;
const clock = manualClock(new Date('2031-03-10T14:00:00Z'));

beforeAll(async () => {
  t = await createTestApp({}, { clock, jobPollingSeconds: 0.5 });
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const raise = (
  youthId: string,
  severity: TAlertSeverity,
  opts: { source?: TAlertSource; audience?: 'care_team' | 'managers'; org?: string } = {},
) =>
  t.database.db.transaction((tx) =>
    raiseAlert(tx, systemOrigin(opts.org ?? w.orgA.id), {
      youthId,
      source: opts.source ?? 'measure_response',
      sourceId: null,
      severity,
      reasons: severity === 'acute' ? ['phq9_teen.item9_self_harm_thoughts'] : ['check_in.need_to_talk'],
      raisedBy: null,
      now: clock.now(),
      audience: opts.audience,
    }),
  );

const noticesOf = (alertId: string) =>
  t.database.db
    .select()
    .from(alertNotification)
    .where(eq(alertNotification.alertId, alertId))
    .orderBy(asc(alertNotification.level));
const alertRow = async (id: string) => (await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.id, id)))[0]!;
const put = (c: Client, body: unknown) =>
  c.request({ method: 'PUT', url: '/api/v1/organization/alert-settings', payload: body as object });
const escalate = () => t.app.deps.jobs.runNow(ALERT_ESCALATION_TASK);
const recipientsAt = async (alertId: string, level: number) =>
  new Set((await noticesOf(alertId)).filter((n) => n.level === level).map((n) => n.userId));

describe('escalation (controllable clock)', () => {
  it('an unacknowledged acute alert escalates at 15 minutes to program managers, at 30 to the organization admins', async () => {
    const { id } = await raise(w.youth.y1.id, 'acute');
    expect(await recipientsAt(id, 0)).toEqual(new Set([w.users.m1.userId, w.users.s1.userId, w.users.pm.userId]));

    clock.advanceMinutes(14);
    await escalate();
    expect((await alertRow(id)).escalationLevel).toBe(0);
    expect((await noticesOf(id)).every((n) => n.level === 0)).toBe(true);

    clock.advanceMinutes(1);
    await escalate();
    const once = await alertRow(id);
    expect(once.escalationLevel).toBe(1);
    expect(once.escalateAt!.getTime()).toBe(clock.now().getTime() + 15 * 60_000);
    expect(await recipientsAt(id, 1)).toEqual(new Set([w.users.pm.userId]));
    expect((await noticesOf(id)).filter((n) => n.level === 1).map((n) => n.reason)).toEqual([
      'escalated',
      'escalated',
      'escalated',
    ]);
    // Running the sweep again at the same moment changes nothing.
    await escalate();
    expect((await alertRow(id)).escalationLevel).toBe(1);

    clock.advanceMinutes(15);
    await escalate();
    expect((await alertRow(id)).escalationLevel).toBe(2);
    expect(await recipientsAt(id, 2)).toEqual(new Set([w.users.admin.userId]));

    const events = await t.database.db
      .select({ detail: auditEvent.detail, actor: auditEvent.actorUserId })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'safety_alert.escalate'), eq(auditEvent.resourceId, id)))
      .orderBy(asc(auditEvent.seq));
    expect(events).toEqual([
      { detail: { level: 1, recipients: 1 }, actor: null },
      { detail: { level: 2, recipients: 1 }, actor: null },
    ]);
  });

  it('an acknowledged alert never escalates; a non-acute alert has no deadline', async () => {
    const acute = await raise(w.youth.y1.id, 'acute');
    const calm = await raise(w.youth.y1.id, 'non_acute');
    clock.advanceMinutes(5);
    const ack = await w.users.s1.post(`/api/v1/alerts/${acute.id}/acknowledge`, { version: 1 });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', escalateAt: null, acknowledgedAt: clock.now().toISOString() });
    clock.advanceMinutes(120);
    await escalate();
    expect((await alertRow(acute.id)).escalationLevel).toBe(0);
    expect((await alertRow(calm.id)).escalationLevel).toBe(0);
    expect((await alertRow(calm.id)).escalateAt).toBeNull();
  });

  it('the organization admin sets the minutes; new alerts escalate after them', async () => {
    expect((await w.users.admin.get('/api/v1/organization/alert-settings')).json()).toEqual({
      acuteEscalationMinutes: 15,
    });
    expect((await put(w.users.pm, { acuteEscalationMinutes: 5 })).statusCode).toBe(
      403,
    );
    const bad = await put(w.users.admin, { acuteEscalationMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('acuteEscalationMinutes');
    const ok = await put(w.users.admin, { acuteEscalationMinutes: 5 });
    expect(ok.statusCode, ok.body).toBe(200);
    const { id } = await raise(w.youth.y2.id, 'acute');
    clock.advanceMinutes(4);
    await escalate();
    expect((await alertRow(id)).escalationLevel).toBe(0);
    clock.advanceMinutes(1);
    await escalate();
    expect((await alertRow(id)).escalationLevel).toBe(1);
    await put(w.users.admin, { acuteEscalationMinutes: 15 });
  });
});

describe('delivery', () => {
  it('the pg-boss job delivers every pending notice once: in-app at once, email and SMS to the outbox, no phone → skipped', async () => {
    // The phone is edited on the staff profile.
    const profile = (await w.users.admin.get(`/api/v1/staff/${w.users.s1.userId}`)).json();
    expect(profile.phone).toBeNull();
    const badPhone = await w.users.admin.patch(`/api/v1/staff/${w.users.s1.userId}`, {
      version: profile.version,
      phone: 'call me maybe',
    });
    expect(badPhone.json().error.fields).toHaveProperty('phone');
    const withPhone = await w.users.admin.patch(`/api/v1/staff/${w.users.s1.userId}`, {
      version: profile.version,
      phone: '+1 617 555 0142',
    });
    expect(withPhone.json()).toMatchObject({ phone: '+1 617 555 0142' });
    const { id } = await raise(w.youth.y1.id, 'acute');
    await t.app.deps.jobs.start();
    try {
      await t.app.deps.jobs.kick(ALERT_DELIVERY_TASK);
      const deadline = Date.now() + 30_000;
      let pending = 1;
      while (pending > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        pending = (await noticesOf(id)).filter((n) => n.status === 'pending').length;
      }
      expect(pending).toBe(0);
    } finally {
      await t.app.deps.jobs.stop();
    }
    const notices = await noticesOf(id);
    const of = (userId: string, channel: string) => notices.find((n) => n.userId === userId && n.channel === channel)!;
    expect(of(w.users.s1.userId, 'in_app')).toMatchObject({ status: 'delivered', outboxId: null });
    expect(of(w.users.s1.userId, 'email')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(of(w.users.s1.userId, 'sms')).toMatchObject({ status: 'delivered' });
    expect(of(w.users.m1.userId, 'sms')).toMatchObject({ status: 'skipped', deliveredAt: null, outboxId: null });

    const outbox = await t.database.db
      .select()
      .from(outboxMessage)
      .where(
        inArray(
          outboxMessage.id,
          notices.map((n) => n.outboxId).filter((x): x is string => x != null),
        ),
      );
    expect(outbox).toHaveLength(notices.filter((n) => n.channel !== 'in_app' && n.status === 'delivered').length);
    const sms = outbox.find((o) => o.channel === 'sms')!;
    expect(sms).toMatchObject({ recipient: '+1 617 555 0142' });
    for (const o of outbox) {
      expect(o.body).toContain(`/alerts/${id}`);
      expect(o.body).not.toMatch(/Testfirst|Testlast|phq9/);
    }

    // Running delivery again sends nothing twice.
    const [before] = await t.database.db.select({ n: count() }).from(outboxMessage);
    await deliverPendingNotices({ db: t.database.db, mailer: t.app.deps.mailer, publicUrl: t.config.publicUrl }, clock.now());
    const [after] = await t.database.db.select({ n: count() }).from(outboxMessage);
    expect(after!.n).toBe(before!.n);
  });
});

describe('alert routes', () => {
  const fresh = async (severity: TAlertSeverity = 'acute', youthId = w.youth.y1.id) => (await raise(youthId, severity)).id;

  it('acknowledge → action → close, with each rule and a stale version refused', async () => {
    const id = await fresh();
    const early = await w.users.s1.post(`/api/v1/alerts/${id}/close`, { disposition: 'no_imminent_risk', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ALERT_NOT_ACKNOWLEDGED');

    const stale = await w.users.s1.post(`/api/v1/alerts/${id}/acknowledge`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', current: { id, version: 1 } });
    const ack = await w.users.s1.post(`/api/v1/alerts/${id}/acknowledge`, { version: 1 });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ version: 2, acknowledgedByName: w.users.s1.email, can: { close: false } });
    const again = await w.users.m1.post(`/api/v1/alerts/${id}/acknowledge`, { version: 2 });
    expect(again.json().error.code).toBe('ALERT_ALREADY_ACKNOWLEDGED');

    const noAction = await w.users.s1.post(`/api/v1/alerts/${id}/close`, { disposition: 'no_imminent_risk', version: 2 });
    expect(noAction.statusCode).toBe(409);
    expect(noAction.json().error.code).toBe('ALERT_NEEDS_ACTION');

    const future = await w.users.m1.post(`/api/v1/alerts/${id}/actions`, {
      kind: 'contacted_youth',
      takenAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('takenAt');
    const badKind = await w.users.m1.post(`/api/v1/alerts/${id}/actions`, { kind: 'prayed' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields).toHaveProperty('kind');

    const actionId = crypto.randomUUID();
    const act = await w.users.m1.post(`/api/v1/alerts/${id}/actions`, {
      id: actionId,
      kind: 'contacted_youth',
      note: 'Called; youth is safe at home with a parent',
    });
    expect(act.statusCode, act.body).toBe(201);
    expect(act.json().actions).toMatchObject([{ id: actionId, kind: 'contacted_youth', takenByName: w.users.m1.email }]);
    // The same id again does not record it twice.
    await w.users.m1.post(`/api/v1/alerts/${id}/actions`, { id: actionId, kind: 'contacted_youth' });
    await w.users.s1.post(`/api/v1/alerts/${id}/actions`, { kind: 'safety_plan_reviewed' });

    const closed = await w.users.s1.post(`/api/v1/alerts/${id}/close`, {
      disposition: 'safety_plan_updated',
      note: 'Plan reviewed with youth and parent',
      version: 2,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const detail = closed.json();
    expect(detail).toMatchObject({
      status: 'closed',
      disposition: 'safety_plan_updated',
      dispositionNote: 'Plan reviewed with youth and parent',
      closedByName: w.users.s1.email,
      actionCount: 2,
      version: 3,
      can: { acknowledge: false, act: false, close: false },
    });
    expect(detail.log.map((e: { event: string }) => e.event)).toEqual([
      'raise',
      'acknowledge',
      'action',
      'action',
      'close',
    ]);
    expect(detail.notices.length).toBeGreaterThan(0);
    const late = await w.users.s1.post(`/api/v1/alerts/${id}/actions`, { kind: 'other' });
    expect(late.json().error.code).toBe('ALERT_CLOSED');

    // Free text stays out of the audit trail.
    const details = await t.database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(eq(auditEvent.resourceId, id));
    expect(JSON.stringify(details)).not.toMatch(/safe at home|Plan reviewed/);
  });

  it('lists most urgent first, with filters, counts of open alerts, and a youth’s own list', async () => {
    await t.database.db.update(safetyAlert).set({ status: 'closed' }).where(eq(safetyAlert.organizationId, w.orgA.id));
    const calm = await fresh('non_acute');
    clock.advanceMinutes(1);
    const acute = await fresh('acute');
    clock.advanceMinutes(1);
    const acked = await fresh('acute');
    await w.users.s1.post(`/api/v1/alerts/${acked}/acknowledge`, { version: 1 });
    const other = await fresh('acute', w.youth.y2.id);

    const page = (await w.users.pm.get('/api/v1/alerts?status=active')).json();
    expect(page.items.map((a: { id: string }) => a.id)).toEqual([acute, other, calm, acked]);
    expect(page.open).toEqual({ acute: 2, nonAcute: 1 });
    expect(page.items[0]).toMatchObject({ youthName: 'Testfirst1 Testlast1', severity: 'acute', status: 'open' });

    // The shell's indicator asks for counts only: no alert listed, so no read of any youth's record to audit.
    const [auditsBefore] = await t.database.db
      .select({ n: count() })
      .from(auditEvent)
      .where(eq(auditEvent.action, 'safety_alert.listed'));
    const counts = (await w.users.pm.get('/api/v1/alerts?status=open&countsOnly=true')).json();
    expect(counts).toMatchObject({ items: [], total: 3, open: { acute: 2, nonAcute: 1 } });
    const [auditsAfter] = await t.database.db
      .select({ n: count() })
      .from(auditEvent)
      .where(eq(auditEvent.action, 'safety_alert.listed'));
    expect(auditsAfter!.n).toBe(auditsBefore!.n);

    const onlyAcuteOpen = (await w.users.pm.get('/api/v1/alerts?status=open&severity=acute')).json();
    expect(onlyAcuteOpen.items.map((a: { id: string }) => a.id)).toEqual([acute, other]);
    const bad = await w.users.pm.get('/api/v1/alerts?status=urgent');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('status');

    // A mentor sees only their own youth's alerts.
    const m1 = (await w.users.m1.get('/api/v1/alerts?status=active')).json();
    expect(m1.items.map((a: { id: string }) => a.id)).toEqual([acute, calm, acked]);
    const m2 = (await w.users.m2.get('/api/v1/alerts?status=active')).json();
    expect(m2.items.map((a: { id: string }) => a.id)).toEqual([other]);

    const y2 = (await w.users.pm.get(`/api/v1/youth/${w.youth.y2.id}/alerts`)).json();
    expect(y2.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([other]));
    expect(y2.items.every((a: { youthId: string }) => a.youthId === w.youth.y2.id)).toBe(true);
    expect((await w.users.m1.get(`/api/v1/youth/${w.youth.y2.id}/alerts`)).statusCode).toBe(404);
    expect((await w.users.hub.get(`/api/v1/youth/${w.youth.y1.id}/alerts`)).statusCode).toBe(403);
  });

  it('a youth’s flag of their mentor reaches managers only: the mentor and supervisor cannot see it', async () => {
    const { id } = await raise(w.youth.y1.id, 'acute', { source: 'mentor_flag', audience: 'managers' });
    expect(await recipientsAt(id, 0)).toEqual(new Set([w.users.pm.userId]));
    expect((await w.users.pm.get(`/api/v1/alerts/${id}`)).statusCode).toBe(200);
    expect((await w.users.admin.get(`/api/v1/alerts/${id}`)).statusCode).toBe(200);
    expect((await w.users.m1.get(`/api/v1/alerts/${id}`)).statusCode).toBe(404);
    expect((await w.users.s1.get(`/api/v1/alerts/${id}`)).statusCode).toBe(404);
    const listed = (await w.users.m1.get('/api/v1/alerts?pageSize=100')).json();
    expect(listed.items.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('reads are audited; the in-app inbox counts unread notices and marks them read', async () => {
    const id = await fresh('non_acute');
    await w.users.s1.get(`/api/v1/alerts/${id}`);
    const [read] = await t.database.db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'safety_alert.read'), eq(auditEvent.resourceId, id)));
    expect(read!.n).toBe(1);

    const inbox = (await w.users.s1.get('/api/v1/me/notifications?unread=true&pageSize=100')).json();
    const mine = inbox.items.find((n: { alertId: string }) => n.alertId === id);
    expect(mine).toMatchObject({ severity: 'non_acute', reason: 'raised', readAt: null });
    expect(inbox.unread).toBeGreaterThan(0);
    const marked = await w.users.s1.post('/api/v1/me/notifications/read', { ids: [mine.id] });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().unread).toBe(inbox.unread - 1);
    expect((await w.users.s1.post('/api/v1/me/notifications/read', {})).statusCode).toBe(400);
    // Someone else's notice cannot be marked by id.
    const [theirs] = await t.database.db
      .select()
      .from(alertNotification)
      .where(and(eq(alertNotification.userId, w.users.s2.userId), eq(alertNotification.channel, 'in_app')));
    await w.users.s1.post('/api/v1/me/notifications/read', { ids: [theirs!.id] });
    const [still] = await t.database.db.select().from(alertNotification).where(eq(alertNotification.id, theirs!.id));
    expect(still!.readAt).toBeNull();
    expect((await w.users.s1.post('/api/v1/me/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
    expect((await w.users.g.get('/api/v1/me/notifications')).statusCode).toBe(403);
  });
});
