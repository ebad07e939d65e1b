import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertNotification,
  auditEvent,
  checkIn,
  mandatedReport,
  mentorAssignment,
  mentorFlag,
  outboxMessage,
  program,
  safetyAlert,
  staffProfile,
} from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { mandatedReportSweep } from '../mandated-reports/mandated-reports.ts';

/** The youth-safety rules end to end over HTTP on a real database. */
let t: TestApp;
let w: World;
let y1: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  y1 = w.youth.y1.id;
});
afterAll(async () => t?.close());

const alertsFor = async (sourceId: string) =>
  t.database.db.select().from(safetyAlert).where(eq(safetyAlert.sourceId, sourceId));
const countOf = async (table: typeof checkIn | typeof safetyAlert | typeof mentorFlag) => {
  const [r] = await t.database.db.select({ n: count() }).from(table);
  return r!.n;
};
/** Makes the next audit write of `action` fail inside the database, to prove what was written with it rolls back. */
const failAuditOf = async (action: string) => {
  const db = t.database.db;
  await db.execute(
    sql.raw(`create or replace function mb_test_fail_audit() returns trigger language plpgsql as $$
      begin if new.action = '${action}' then raise exception 'injected failure'; end if; return new; end $$`),
  );
  await db.execute(sql.raw('drop trigger if exists mb_test_fail_audit on audit_event'));
  await db.execute(
    sql.raw(
      'create trigger mb_test_fail_audit before insert on audit_event for each row execute function mb_test_fail_audit()',
    ),
  );
  return async () => {
    await t.database.db.execute(sql.raw('drop trigger if exists mb_test_fail_audit on audit_event'));
  };
};
const restoreMatches = async () => {
  await t.database.db.update(mentorAssignment).set({ contactSuspendedAt: null });
  await t.database.db.delete(mentorFlag);
};

describe('weekly check-in (R-3.1)', () => {
  it('a calm check-in raises no alert', async () => {
    const res = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 2, sleep: 3 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ alertId: null, byYouth: true, needToTalk: false });
    expect(await alertsFor(res.json().id)).toEqual([]);
  });

  it('"I need to talk to someone" raises a non-acute alert to the mentor and supervisor, with the check-in', async () => {
    const res = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, {
      ratings: { mood: 3 },
      needToTalk: true,
      comment: 'Things at home are hard',
    });
    expect(res.statusCode).toBe(201);
    const [alert] = await alertsFor(res.json().id);
    expect(alert).toMatchObject({ source: 'check_in', severity: 'non_acute', reasons: ['check_in.need_to_talk'] });
    expect(res.json().alertId).toBe(alert!.id);
    const notified = await t.database.db
      .selectDistinct({ userId: alertNotification.userId })
      .from(alertNotification)
      .where(eq(alertNotification.alertId, alert!.id));
    expect(notified.map((n) => n.userId).sort()).toEqual([w.users.m1.userId, w.users.s1.userId].sort());
    // The comment stays out of the audit trail and the alert.
    const audits = await t.database.db.select({ d: auditEvent.detail }).from(auditEvent).where(eq(auditEvent.youthId, y1));
    expect(JSON.stringify(audits)).not.toContain('hard');
  });

  it('any area at 5 is a non-acute alert; the safety area at 5 is acute', async () => {
    const school = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { school: 5, safety: 2 } });
    expect((await alertsFor(school.json().id))[0]).toMatchObject({ severity: 'non_acute', reasons: ['check_in.school=5'] });
    const safety = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 1, safety: 5 } });
    const [acute] = await alertsFor(safety.json().id);
    expect(acute).toMatchObject({ severity: 'acute', reasons: ['check_in.safety=5'] });
    expect(acute!.escalateAt).not.toBeNull();
  });

  it('refuses areas the program does not use and ratings outside 1–5, naming the field', async () => {
    const before = await countOf(checkIn);
    const bad = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { astrology: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['ratings.astrology']);
    const range = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 7 } });
    expect(range.statusCode).toBe(400);
    expect(await countOf(checkIn)).toBe(before);
  });

  it('if the check-in cannot be saved, neither is its alert (one transaction)', async () => {
    const [checkIns, alerts] = [await countOf(checkIn), await countOf(safetyAlert)];
    const restore = await failAuditOf('check_in.submitted');
    try {
      const res = await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { safety: 5 }, needToTalk: true });
      expect(res.statusCode).toBe(500);
    } finally {
      await restore();
    }
    expect(await countOf(checkIn)).toBe(checkIns);
    expect(await countOf(safetyAlert)).toBe(alerts);
  });

  it('the mentor sees the latest check-in and its trend; the guardian never sees the comment', async () => {
    await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 4, sleep: 2 }, comment: 'Private words' });
    await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 2, sleep: 3 }, comment: 'More private words' });
    const latest = (await w.users.m1.get('/api/v1/check-ins/latest')).json();
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ youthId: y1, highest: 3, trend: { mood: 'better', sleep: 'worse' } });
    const mentor = (await w.users.m1.get(`/api/v1/youth/${y1}/check-ins`)).json();
    expect(mentor.items[0].comment).toBe('More private words');
    expect(mentor.domains).toEqual(['mood', 'worries', 'school', 'friends_family', 'sleep', 'safety']);
    const guardian = await w.users.g.get(`/api/v1/youth/${y1}/check-ins`);
    expect(guardian.statusCode).toBe(200);
    expect(guardian.json().items[0].ratings).toEqual({ mood: 2, sleep: 3 });
    expect(guardian.body).not.toContain('private words');
  });

  it('the program manager sees top challenges as counts by area, without names', async () => {
    const res = await w.users.pm.get(`/api/v1/check-ins/top-challenges?programId=${w.orgA.tmProgramId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.youthCount).toBe(1);
    expect(body.needToTalk).toBe(1);
    expect(body.domains.find((d: { domain: string }) => d.domain === 'school')).toMatchObject({ serious: 1 });
    expect(res.body).not.toContain('Testfirst');
    // Another program is outside this manager's scope.
    expect((await w.users.pm.get(`/api/v1/check-ins/top-challenges?programId=${w.orgA.communityProgramId}`)).statusCode).toBe(403);
  });

  it('a program manager sets the program\'s check-in areas and mobile crisis number', async () => {
    const res = await w.users.pm.request({
      method: 'PUT',
      url: `/api/v1/programs/${w.orgA.tmProgramId}/safety-settings`,
      payload: { checkInDomains: ['mood', 'school', 'safety', 'anxiety'], mobileCrisisPhone: '877-382-1609' },
    });
    expect(res.statusCode).toBe(200);
    expect((await w.users.yu.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { anxiety: 2 } })).statusCode).toBe(201);
    const crisis = (await w.users.g.get(`/api/v1/youth/${y1}/crisis-resources`)).json();
    expect(crisis.mobileCrisisPhone).toBe('877-382-1609');
    const home = (await w.users.yu.get('/api/v1/me/youth-home')).json();
    expect(home.checkInDomains).toEqual(['mood', 'school', 'safety', 'anxiety']);
    expect(home.crisis.mobileCrisisPhone).toBe('877-382-1609');
    const other = await w.users.pm.request({
      method: 'PUT',
      url: `/api/v1/programs/${w.orgA.communityProgramId}/safety-settings`,
      payload: { checkInDomains: ['mood'], mobileCrisisPhone: null },
    });
    expect(other.statusCode).toBe(403);
    const [community] = await t.database.db.select().from(program).where(eq(program.id, w.orgA.communityProgramId));
    expect(community!.checkInDomains).toHaveLength(6);
  });
});

describe('safety plan', () => {
  const sections = {
    warning_signs: ['Staying in my room all day'],
    internal_coping: ['Music', 'Drawing'],
    social_distraction: [],
    people_to_ask_for_help: ['Aunt Rosa'],
    professionals_and_agencies: ['Therapist'],
    making_environment_safe: [],
  };

  it('each save is a new version; earlier versions stay readable; a stale edit is refused', async () => {
    const first = await w.users.m1.post(`/api/v1/youth/${y1}/safety-plan`, { sections, basedOnVersion: null });
    expect(first.statusCode).toBe(201);
    expect(first.json().current.version).toBe(1);
    const second = await w.users.s1.post(`/api/v1/youth/${y1}/safety-plan`, {
      sections: { ...sections, social_distraction: ['Basketball at the Y'] },
      basedOnVersion: 1,
      sharedWithYouth: true,
    });
    expect(second.json().current).toMatchObject({ version: 2, sharedWithYouth: true, sharedWithGuardian: false });
    expect(second.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const stale = await w.users.m1.post(`/api/v1/youth/${y1}/safety-plan`, { sections, basedOnVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const v1 = await w.users.hub.get(`/api/v1/youth/${y1}/safety-plan/versions/1`);
    expect(v1.json().sections.social_distraction).toEqual([]);
    expect((await w.users.hub.post(`/api/v1/youth/${y1}/safety-plan`, { sections, basedOnVersion: 2 })).statusCode).toBe(403);
  });

  it('the youth and guardian read only a version shared with them', async () => {
    expect((await w.users.yu.get(`/api/v1/youth/${y1}/safety-plan`)).json()).toMatchObject({
      current: { version: 2 },
      versions: [],
      mayWrite: false,
    });
    expect((await w.users.g.get(`/api/v1/youth/${y1}/safety-plan`)).json().current).toBeNull();
    expect((await w.users.g.get(`/api/v1/youth/${y1}/safety-plan/versions/2`)).statusCode).toBe(403);
    await w.users.m1.post(`/api/v1/youth/${y1}/safety-plan`, { sections, basedOnVersion: 2, sharedWithGuardian: true });
    expect((await w.users.g.get(`/api/v1/youth/${y1}/safety-plan`)).json().current.version).toBe(3);
    // Version 3 is not shared with the youth: they no longer see an older one either.
    expect((await w.users.yu.get(`/api/v1/youth/${y1}/safety-plan`)).json().current).toBeNull();
    expect((await w.users.yu.get('/api/v1/me/youth-home')).json().safetyPlan).toBeNull();
  });
});

describe('mandated report (R-5.14–5.17)', () => {
  const report = () => ({
    kinds: ['neglect'],
    oralReportAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    oralReportTo: 'DCF Hotline',
    natureAndExtent: 'Youth described no food at home for days',
    circumstances: 'Said during a visit',
  });

  it('files with a 48-hour deadline, notifies supervisors and managers, never the guardian', async () => {
    const res = await w.users.m1.post(`/api/v1/youth/${y1}/mandated-reports`, report());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(new Date(body.writtenDueAt).getTime() - new Date(body.oralReportAt).getTime()).toBe(48 * 3_600_000);
    expect(body).toMatchObject({ status: 'oral_reported', overdue: false });
    expect(body.supervisorNotifiedAt).not.toBeNull();
    const mail = await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.subject, 'Mandated report filed'));
    expect(mail.map((m) => m.recipient).sort()).toEqual([w.users.pm.email, w.users.s1.email].sort());
    expect(mail.map((m) => m.recipient)).not.toContain(w.users.g.email);
    // No details of the child leave in the message.
    expect(JSON.stringify(mail)).not.toContain('food');
    expect(JSON.stringify(mail)).not.toContain('Testfirst');
    const all = await t.database.db.select().from(outboxMessage);
    expect(all.map((m) => m.recipient)).not.toContain(w.users.g.email);
  });

  it('guardians, the youth and hub clinicians cannot see reports', async () => {
    const [r] = await t.database.db.select().from(mandatedReport).limit(1);
    for (const c of [w.users.g, w.users.yu, w.users.hub]) {
      expect((await c.get(`/api/v1/mandated-reports/${r!.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/youth/${y1}/mandated-reports`)).statusCode).toBe(403);
    }
  });

  it('requires the R-5.15 fields', async () => {
    const res = await w.users.m1.post(`/api/v1/youth/${y1}/mandated-reports`, { kinds: [], oralReportTo: '' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(
      expect.arrayContaining(['kinds', 'oralReportAt', 'oralReportTo', 'natureAndExtent', 'circumstances']),
    );
  });

  it('written report filed, then closed by a manager; the list shows deadlines', async () => {
    const created = (await w.users.m1.post(`/api/v1/youth/${y1}/mandated-reports`, report())).json();
    const list = (await w.users.pm.get('/api/v1/mandated-reports')).json();
    expect(list.map((r: { id: string }) => r.id)).toContain(created.id);
    expect((await w.users.m1.post(`/api/v1/mandated-reports/${created.id}/close`, { version: 1 })).statusCode).toBe(403);
    expect((await w.users.pm.post(`/api/v1/mandated-reports/${created.id}/close`, { version: 1 })).statusCode).toBe(409);
    const filed = await w.users.m1.post(`/api/v1/mandated-reports/${created.id}/written`, {
      writtenFiledAt: new Date().toISOString(),
      agencyReference: 'DCF-2025-0042',
      version: 1,
    });
    expect(filed.json()).toMatchObject({ status: 'written_filed', agencyReference: 'DCF-2025-0042', version: 2 });
    const closed = await w.users.pm.post(`/api/v1/mandated-reports/${created.id}/close`, { version: 2 });
    expect(closed.json().status).toBe('closed');
  });

  it('the sweep reminds the reporter 24 h and 4 h before the deadline and escalates to managers when overdue', async () => {
    await t.database.db.delete(mandatedReport);
    const oralAt = new Date('2025-05-01T14:00:00Z');
    const created = await w.users.m1.post(`/api/v1/youth/${y1}/mandated-reports`, { ...report(), oralReportAt: oralAt.toISOString() });
    const id = created.json().id;
    const deps = { db: t.database.db, mailer: t.app.deps.mailer, publicUrl: 'http://localhost:3000' };
    const mailTo = async (subject: string) =>
      (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.subject, subject))).map((m) => m.recipient);
    expect(await mandatedReportSweep(deps, new Date('2025-05-02T13:59:00Z'))).toEqual({ reminders: 0, escalations: 0 });
    expect(await mandatedReportSweep(deps, new Date('2025-05-02T14:00:00Z'))).toEqual({ reminders: 1, escalations: 0 });
    expect(await mandatedReportSweep(deps, new Date('2025-05-02T15:00:00Z'))).toEqual({ reminders: 0, escalations: 0 });
    expect(await mailTo('Written mandated report due in 24 hours')).toEqual([w.users.m1.email]);
    expect(await mandatedReportSweep(deps, new Date('2025-05-03T10:00:00Z'))).toEqual({ reminders: 1, escalations: 0 });
    expect(await mailTo('Written mandated report due in 4 hours')).toEqual([w.users.m1.email]);
    expect(await mandatedReportSweep(deps, new Date('2025-05-03T14:00:01Z'))).toEqual({ reminders: 0, escalations: 1 });
    expect(await mandatedReportSweep(deps, new Date('2025-05-03T16:00:00Z'))).toEqual({ reminders: 0, escalations: 0 });
    expect(await mailTo('Written mandated report overdue')).toEqual([w.users.pm.email]);
    const [row] = await t.database.db.select().from(mandatedReport).where(eq(mandatedReport.id, id));
    expect(row!.remindersSent).toBe(2);
    expect(row!.escalatedAt).not.toBeNull();
    expect((await w.users.pm.get(`/api/v1/mandated-reports/${id}`)).json().overdue).toBe(true);
  });

  it('the designated mandated reporter flag is kept on the staff profile', async () => {
    const current = (await w.users.admin.get(`/api/v1/staff/${w.users.m1.userId}`)).json();
    expect(current.mandatedReporter).toBe(false);
    const res = await w.users.pm.patch(`/api/v1/staff/${w.users.m1.userId}`, { version: current.version, mandatedReporter: true });
    expect(res.json().mandatedReporter).toBe(true);
    const [p] = await t.database.db.select().from(staffProfile).where(eq(staffProfile.userId, w.users.m1.userId));
    expect(p!.mandatedReporter).toBe(true);
  });
});

describe('flag my mentor (R-3.9)', () => {
  it('suspends the mentor\'s reach, alerts managers only, and a review restores contact', async () => {
    await restoreMatches();
    expect((await w.users.m1.get(`/api/v1/youth/${y1}`)).statusCode).toBe(200);
    const home = (await w.users.yu.get('/api/v1/me/youth-home')).json();
    expect(home.mentors).toHaveLength(1);
    const res = await w.users.yu.post(`/api/v1/youth/${y1}/mentor-flags`, { reason: 'He makes me uncomfortable' });
    expect(res.statusCode).toBe(201);
    const flag = res.json();
    expect(flag).toMatchObject({ mentorUserId: w.users.m1.userId, status: 'open' });
    const [alert] = await alertsFor(flag.id);
    expect(alert).toMatchObject({ source: 'mentor_flag' });
    const notified = await t.database.db
      .selectDistinct({ userId: alertNotification.userId })
      .from(alertNotification)
      .where(eq(alertNotification.alertId, alert!.id));
    expect(notified.map((n) => n.userId)).toEqual([w.users.pm.userId]);
    // The mentor can no longer reach the youth through the platform.
    expect((await w.users.m1.get(`/api/v1/youth/${y1}`)).statusCode).toBe(404);
    expect((await w.users.m1.get(`/api/v1/youth/${y1}/check-ins`)).statusCode).toBe(404);
    expect((await w.users.m1.get(`/api/v1/youth/${y1}/goals`)).statusCode).toBe(404);
    expect((await w.users.m1.get('/api/v1/youth')).json().items).toEqual([]);
    expect((await w.users.m1.get('/api/v1/check-ins/latest')).json()).toEqual([]);
    expect((await w.users.m1.get('/api/v1/dashboard/caseload')).json().items).toEqual([]);
    expect((await w.users.m1.post(`/api/v1/youth/${y1}/check-ins`, { ratings: { mood: 1 } })).statusCode).toBe(404);
    // Nor can visits be scheduled with them, by them or by a manager.
    const visit = { date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), startTime: '16:00', endTime: '17:00' };
    expect((await w.users.m1.post(`/api/v1/youth/${y1}/contacts`, visit)).statusCode).toBe(404);
    const scheduled = await w.users.pm.post(`/api/v1/youth/${y1}/contacts`, visit);
    expect(scheduled.statusCode).toBe(400);
    expect(scheduled.json().error.fields).toHaveProperty('mentorUserId');
    // The supervisor keeps the youth; the flag waits in the managers' list; a second flag is refused.
    expect((await w.users.s1.get(`/api/v1/youth/${y1}`)).statusCode).toBe(200);
    expect((await w.users.pm.get('/api/v1/mentor-flags')).json().map((f: { id: string }) => f.id)).toEqual([flag.id]);
    expect((await w.users.yu.post(`/api/v1/youth/${y1}/mentor-flags`, {})).statusCode).toBe(409);
    expect((await w.users.yu.get('/api/v1/me/youth-home')).json().mentors[0].suspended).toBe(true);

    const reviewed = await w.users.pm.post(`/api/v1/mentor-flags/${flag.id}/review`, {
      outcome: 'contact_restored',
      reviewNote: 'Talked with both; a misunderstanding about visit times',
    });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', outcome: 'contact_restored' });
    expect((await w.users.m1.get(`/api/v1/youth/${y1}`)).statusCode).toBe(200);
    expect((await w.users.pm.post(`/api/v1/mentor-flags/${flag.id}/review`, { outcome: 'match_closed' })).statusCode).toBe(409);
    const audit = await t.database.db
      .select({ d: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.resourceId, flag.id)));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('uncomfortable');
  });

  it('a review that closes the match closes it through the match service', async () => {
    await restoreMatches();
    const flag = (await w.users.yu.post(`/api/v1/youth/${y1}/mentor-flags`, {})).json();
    const res = await w.users.pm.post(`/api/v1/mentor-flags/${flag.id}/review`, { outcome: 'match_closed' });
    expect(res.statusCode).toBe(200);
    const [m] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.id, flag.matchId));
    expect(m).toMatchObject({ active: false, status: 'closed', closureReasons: ['safety_or_conduct'] });
    expect((await w.users.m1.get(`/api/v1/youth/${y1}`)).statusCode).toBe(404);
    await t.database.db
      .update(mentorAssignment)
      .set({ active: true, status: 'active', closureReasons: [] })
      .where(eq(mentorAssignment.id, flag.matchId));
  });

  it('if the alert or audit cannot be written, no flag and no suspension remain', async () => {
    await restoreMatches();
    const [flags, alerts] = [await countOf(mentorFlag), await countOf(safetyAlert)];
    const restore = await failAuditOf('mentor_flag.created');
    try {
      expect((await w.users.yu.post(`/api/v1/youth/${y1}/mentor-flags`, {})).statusCode).toBe(500);
    } finally {
      await restore();
    }
    expect(await countOf(mentorFlag)).toBe(flags);
    expect(await countOf(safetyAlert)).toBe(alerts);
    const [m] = await t.database.db.select().from(mentorAssignment).where(eq(mentorAssignment.youthId, y1));
    expect(m!.contactSuspendedAt).toBeNull();
  });

  it('only the youth themself can flag; the guardian and staff cannot', async () => {
    await restoreMatches();
    expect((await w.users.g.post(`/api/v1/youth/${y1}/mentor-flags`, {})).statusCode).toBe(403);
    expect((await w.users.pm.post(`/api/v1/youth/${y1}/mentor-flags`, {})).statusCode).toBe(403);
    expect(await countOf(mentorFlag)).toBe(0);
  });
});
