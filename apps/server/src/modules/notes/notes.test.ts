import { addDays, billingUnits, EBP_SKILLS, inReviewSample, RULE_SET_PRESETS } from '@mentorbridge/core';
import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertNotification,
  auditEvent,
  consent,
  contact,
  contactSeries,
  hubService,
  mentorClearance,
  noteRevision,
  outboxMessage,
  programRuleSet,
  safetyAlert,
  staffProfile,
  supervisionAssignment,
  supervisionSession,
} from '../../db/schema.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';
import { deliverPendingNotices } from '../safety/deliver.ts';
import {
  buildNotesWorld,
  completeNote,
  contactRow,
  daysAgo,
  documentSession,
  type NotesWorld,
  orgToday,
} from './notes-fixtures.ts';

let t: TestApp;
let w: NotesWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildNotesWorld(t);
});
afterAll(async () => t?.close());

const sign = (
  who: NotesWorld['users'][keyof NotesWorld['users']],
  id: string,
  version: number,
  password = TEST_PASSWORD,
) => who.post(`/api/v1/contacts/${id}/sign`, { password, version });

const signed = async (overrides: Record<string, unknown> = {}) => {
  const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id], overrides);
  const res = await sign(w.users.m1, c.id, c.version);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const setReviewMode = async (mode: string, samplePercent = 100) => {
  const res = await w.users.s1.request({
    method: 'PUT',
    url: `/api/v1/supervision-assignments/${w.users.m1.userId}/review-mode`,
    payload: { mode, samplePercent },
  });
  expect(res.statusCode, res.body).toBe(200);
};

describe('skills library', () => {
  it('lists the ten evidence-based skills, each with a guide', async () => {
    const res = await w.users.m1.get('/api/v1/skills');
    expect(res.statusCode).toBe(200);
    const skills = res.json() as { skill: string; title: string; guide: string }[];
    expect(skills.map((s) => s.skill)).toEqual([...EBP_SKILLS]);
    for (const s of skills) {
      expect(s.title.length).toBeGreaterThan(3);
      const sentences = s.guide.split(/(?<=[.!?])\s+/).length;
      expect(sentences).toBeGreaterThanOrEqual(2);
      expect(sentences).toBeLessThanOrEqual(4);
    }
  });
});

describe('scheduling', () => {
  it('schedules a one-off visit and lists it on the mentor schedule', async () => {
    const date = addDays(orgToday(), 2);
    const res = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date,
      startTime: '16:00',
      endTime: '17:00',
      setting: 'home',
      modality: 'in_person',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'scheduled',
      noteStatus: 'draft',
      mentorUserId: w.users.m1.userId,
      episodeId: w.episodes.e1.id,
      seriesId: null,
      kind: 'session',
    });
    const list = await w.users.m1.get(`/api/v1/contacts?from=${date}&to=${date}&mentorUserId=${w.users.m1.userId}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const other = await w.users.m2.get(`/api/v1/contacts?from=${date}&to=${date}`);
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });

  it('refuses an end before the start, and a collateral contact without who it was with', async () => {
    const bad = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: orgToday(),
      startTime: '16:00',
      endTime: '15:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('endTime');
    const collateral = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      kind: 'collateral',
      date: orgToday(),
      startTime: '10:00',
      endTime: '10:20',
    });
    expect(collateral.statusCode).toBe(400);
    expect(collateral.json().error.fields).toHaveProperty('collateralWith');
  });

  it('repeats weekly up to the end date, at most 26 times', async () => {
    const start = addDays(orgToday(), 3);
    const res = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: start,
      startTime: '15:00',
      endTime: '16:00',
      setting: 'school',
      modality: 'in_person',
      repeatWeeklyUntil: addDays(start, 28),
    });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    expect(first.series).toMatchObject({ startsOn: start, endsOn: addDays(start, 28), durationMinutes: 60 });
    const rows = await t.database.db.select().from(contact).where(eq(contact.seriesId, first.seriesId));
    expect(rows.map((r) => r.date).sort()).toEqual([0, 7, 14, 21, 28].map((d) => addDays(start, d)));

    const long = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: start,
      startTime: '17:00',
      endTime: '17:45',
      repeatWeeklyUntil: addDays(start, 365),
    });
    expect(long.statusCode).toBe(201);
    const [n] = await t.database.db
      .select({ n: count() })
      .from(contact)
      .where(eq(contact.seriesId, long.json().seriesId));
    expect(n!.n).toBe(26);
  });

  it('editing or cancelling one occurrence leaves the series intact; series-from-here ends it', async () => {
    const start = addDays(orgToday(), 4);
    const res = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: start,
      startTime: '14:00',
      endTime: '15:00',
      repeatWeeklyUntil: addDays(start, 35),
    });
    const seriesId = res.json().seriesId as string;
    const occurrences = async () =>
      (await t.database.db.select().from(contact).where(eq(contact.seriesId, seriesId))).sort((a, b) =>
        a.date < b.date ? -1 : 1,
      );
    let rows = await occurrences();
    expect(rows).toHaveLength(6);

    // Move the second visit by a day and an hour: only it changes.
    const moved = await w.users.m1.patch(`/api/v1/contacts/${rows[1]!.id}`, {
      version: rows[1]!.version,
      date: addDays(rows[1]!.date, 1),
      startTime: '16:00',
      endTime: '17:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ seriesId, startTime: '16:00' });
    // Cancel the third: the others stay scheduled.
    const cancelled = await w.users.m1.post(`/api/v1/contacts/${rows[2]!.id}/cancel`, {
      reason: 'School holiday',
      scope: 'occurrence',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().map((c: { id: string }) => c.id)).toEqual([rows[2]!.id]);
    rows = await occurrences();
    expect(rows.map((r) => r.status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
    expect(rows[1]!.startTime).toBe('16:00');
    expect(rows[0]!.startTime).toBe('14:00');
    const [series] = await t.database.db.select().from(contactSeries).where(eq(contactSeries.id, seriesId));
    expect(series!.endsOn).toBe(addDays(start, 35));

    // From the fifth on: the fifth and sixth are cancelled and the series ends the day before the fifth.
    const fromHere = await w.users.m1.post(`/api/v1/contacts/${rows[4]!.id}/cancel`, {
      reason: 'Family moving',
      scope: 'series-from-here',
    });
    expect(fromHere.statusCode).toBe(200);
    expect(fromHere.json()).toHaveLength(2);
    rows = await occurrences();
    expect(rows.map((r) => r.status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'scheduled',
      'cancelled',
      'cancelled',
    ]);
    const [ended] = await t.database.db.select().from(contactSeries).where(eq(contactSeries.id, seriesId));
    expect(ended!.endsOn).toBe(addDays(rows[4]!.date, -1));
    // A cancelled occurrence cannot be edited; a one-off cannot cancel a series.
    const again = await w.users.m1.patch(`/api/v1/contacts/${rows[2]!.id}`, { version: rows[2]!.version, plan: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONTACT_CLOSED');
  });

  it('records a no-show for a visit that has come, not for a future one', async () => {
    const past = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: daysAgo(1),
      startTime: '15:00',
      endTime: '16:00',
    });
    const ok = await w.users.m1.post(`/api/v1/contacts/${past.json().id}/no-show`, { reason: 'Not home' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'no_show', statusReason: 'Not home' });
    const future = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: addDays(orgToday(), 5),
      startTime: '15:00',
      endTime: '16:00',
    });
    const refused = await w.users.m1.post(`/api/v1/contacts/${future.json().id}/no-show`, { reason: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('date');
    const single = await w.users.m1.post(`/api/v1/contacts/${future.json().id}/cancel`, {
      reason: 'x',
      scope: 'series-from-here',
    });
    expect(single.statusCode).toBe(400);
  });
});

describe('draft notes', () => {
  it('autosaves with the version, refuses a stale one with the current note', async () => {
    const created = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: orgToday(),
      startTime: '00:00',
      endTime: '00:30',
    });
    const c = created.json();
    const first = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, youthResponse: 'Calm' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: c.version + 1, status: 'completed', youthResponse: 'Calm' });
    const second = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, {
      version: first.json().version,
      youthResponse: 'Calm and engaged',
      goalIds: [w.goals.g1.id],
    });
    expect(second.json()).toMatchObject({ version: c.version + 2, gateCheck: { failures: [] } });
    const stale = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, plan: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: c.version + 2 } });
    // Unchanged saves change nothing.
    const same = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, {
      version: c.version + 2,
      youthResponse: 'Calm and engaged',
    });
    expect(same.json().version).toBe(c.version + 2);
  });

  it('only the mentor writes the note; a supervisor may move the visit', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [], { youthResponse: null, plan: null });
    const byS1 = await w.users.s1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, plan: 'Supervisor text' });
    expect(byS1.statusCode).toBe(403);
    const moved = await w.users.s1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, startTime: '14:30' });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('links only active goals of the youth', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, []);
    for (const id of [w.goals.g2.id, w.goals.g1met.id]) {
      const res = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, goalIds: [id] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('goalIds');
    }
  });

  it('does not accept a note for a contact that has not happened yet', async () => {
    const res = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      ...completeNote([w.goals.g1.id], addDays(orgToday(), 1)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('date');
  });
});

describe('signing', () => {
  it('re-authenticates: a wrong password changes nothing', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id]);
    const res = await sign(w.users.m1, c.id, c.version, 'not-my-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('REAUTH_FAILED');
    expect((await contactRow(t, c.id))!.noteStatus).toBe('draft');
  });

  it('names every missing field of an incomplete note', async () => {
    const created = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, {
      date: daysAgo(1),
      startTime: '15:00',
      endTime: '16:00',
    });
    const res = await sign(w.users.m1, created.json().id, created.json().version);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(
      ['activities', 'modality', 'plan', 'safetyConcern', 'setting', 'youthResponse'].sort(),
    );
    const unsafe = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id], { safetyConcern: true });
    const res2 = await sign(w.users.m1, unsafe.id, unsafe.version);
    expect(res2.statusCode).toBe(400);
    expect(Object.keys(res2.json().error.fields)).toEqual(['safetyDetail']);
  });

  it('only the mentor who wrote the note signs it, with the current version', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id]);
    expect((await sign(w.users.s1, c.id, c.version)).statusCode).toBe(403);
    expect((await sign(w.users.pm, c.id, c.version)).statusCode).toBe(403);
    expect((await sign(w.users.m2, c.id, c.version)).statusCode).toBe(404);
    const stale = await sign(w.users.m1, c.id, c.version + 5);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('locks the note, records who and when, keeps revision 1, bills it and sends it for review', async () => {
    await setReviewMode('approve_all');
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id], { date: daysAgo(20) });
    const before = await w.users.m1.get(`/api/v1/contacts/${c.id}`);
    expect(before.json().gateCheck).toMatchObject({
      billableProgram: true,
      billableIfSigned: true,
      failures: [],
      minutes: 60,
      unitsPreview: 4,
      ruleSetId: w.ruleSets.tm.id,
    });
    const res = await sign(w.users.m1, c.id, c.version);
    expect(res.statusCode, res.body).toBe(200);
    const n = res.json();
    expect(n).toMatchObject({
      noteStatus: 'signed',
      status: 'completed',
      signedBy: w.users.m1.userId,
      billable: true,
      billingUnits: 4,
      ruleSetId: w.ruleSets.tm.id,
      reviewRequired: 'approve',
      can: { edit: false, sign: false, addendum: true },
    });
    expect(n.revisions).toHaveLength(1);
    expect(n.revisions[0]).toMatchObject({ revision: 1, content: { billingUnits: 4, youthResponse: c.youthResponse } });
    const [audit] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'note.signed'), eq(auditEvent.resourceId, c.id)));
    expect(audit!.detail).toMatchObject({ revision: 1, billable: true, billingUnits: 4 });
    expect(JSON.stringify(audit!.detail)).not.toContain('breathing');
  });
});

describe('hard gates (one refusal per gate, named)', () => {
  const refusal = async (mutate: () => Promise<void>, restore: () => Promise<void>, code: string) => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id]);
    await mutate();
    try {
      const res = await sign(w.users.m1, c.id, c.version);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('GATES_FAILED');
      expect(Object.keys(res.json().error.fields)).toEqual([code]);
      expect(res.json().error.message).toContain(res.json().error.fields[code]);
      // Nothing was signed, and the draft can still be saved.
      expect((await contactRow(t, c.id))!.noteStatus).toBe('draft');
      const draft = await w.users.m1.patch(`/api/v1/contacts/${c.id}`, { version: c.version, plan: 'Saved anyway' });
      expect(draft.statusCode).toBe(200);
      expect(draft.json().gateCheck.failures.map((f: { code: string }) => f.code)).toEqual([code]);
    } finally {
      await restore();
    }
  };
  const db = () => t.database.db;

  it('guardian_agreement: the guardian withdrew agreement', async () => {
    await refusal(
      async () => {
        await db().update(consent).set({ withdrawnAt: new Date() }).where(eq(consent.id, w.agreement1.id));
      },
      async () => {
        await db().update(consent).set({ withdrawnAt: null }).where(eq(consent.id, w.agreement1.id));
      },
      'guardian_agreement',
    );
  });

  it('active_hub: the hub service ended before the contact', async () => {
    await refusal(
      async () => {
        await db()
          .update(hubService)
          .set({ endedOn: daysAgo(10) })
          .where(eq(hubService.id, w.hub1.id));
      },
      async () => {
        await db().update(hubService).set({ endedOn: null }).where(eq(hubService.id, w.hub1.id));
      },
      'active_hub',
    );
  });

  it('linked_goal: the note addresses no goal', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, []);
    const res = await sign(w.users.m1, c.id, c.version);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual({ linked_goal: 'The note addresses no goal from the hub plan' });
  });

  it('supervisor_licence: the supervisor\'s licence expired before the contact', async () => {
    await refusal(
      async () => {
        await db()
          .update(staffProfile)
          .set({ licenceExpiresOn: daysAgo(30) })
          .where(eq(staffProfile.userId, w.users.s1.userId));
      },
      async () => {
        await db()
          .update(staffProfile)
          .set({ licenceExpiresOn: '2099-06-30' })
          .where(eq(staffProfile.userId, w.users.s1.userId));
      },
      'supervisor_licence',
    );
  });

  it('supervisor_licence: the mentor has no active supervisor', async () => {
    const where = eq(supervisionAssignment.mentorUserId, w.users.m1.userId);
    await refusal(
      async () => {
        await db().update(supervisionAssignment).set({ active: false }).where(where);
      },
      async () => {
        await db().update(supervisionAssignment).set({ active: true }).where(where);
      },
      'supervisor_licence',
    );
  });

  it('mentor_cleared: the clearance was revoked', async () => {
    const where = eq(mentorClearance.mentorUserId, w.users.m1.userId);
    await refusal(
      async () => {
        await db().update(mentorClearance).set({ revokedAt: new Date() }).where(where);
      },
      async () => {
        await db().update(mentorClearance).set({ revokedAt: null }).where(where);
      },
      'mentor_cleared',
    );
  });

  it('lists every failed gate at once', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, []);
    await t.database.db.update(consent).set({ withdrawnAt: new Date() }).where(eq(consent.id, w.agreement1.id));
    await t.database.db
      .update(mentorClearance)
      .set({ revokedAt: new Date() })
      .where(eq(mentorClearance.mentorUserId, w.users.m1.userId));
    try {
      const res = await sign(w.users.m1, c.id, c.version);
      expect(res.statusCode).toBe(422);
      expect(Object.keys(res.json().error.fields).sort()).toEqual([
        'guardian_agreement',
        'linked_goal',
        'mentor_cleared',
      ]);
    } finally {
      await t.database.db.update(consent).set({ withdrawnAt: null }).where(eq(consent.id, w.agreement1.id));
      await t.database.db
        .update(mentorClearance)
        .set({ revokedAt: null })
        .where(eq(mentorClearance.mentorUserId, w.users.m1.userId));
    }
  });

  it('gates do not block a non-billable program; its notes carry no units', async () => {
    // y3 (community program) has no guardian agreement and no hub.
    const c = await documentSession(w.users.m2, w.youth.y3.id, []);
    const res = await sign(w.users.m2, c.id, c.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ noteStatus: 'signed', billable: false, billingUnits: 0 });
    expect(res.json().gateCheck.billableProgram).toBe(false);
  });

  it('a collateral contact is never billable and is not blocked by gates', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [], {
      kind: 'collateral',
      collateralWith: 'hub_clinician',
      activities: [],
      skills: [],
      plan: null,
      youthResponse: 'Agreed on the coping plan with the therapist.',
    });
    const res = await sign(w.users.m1, c.id, c.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'collateral', billable: false, billingUnits: 0 });
  });

  it('refuses to sign without a rule set in force on the contact date', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id], { date: '2019-06-03' });
    const res = await sign(w.users.m1, c.id, c.version);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('NO_RULE_SET');
  });
});

describe('billing units and lateness under the rules in force', () => {
  const rules = RULE_SET_PRESETS.masshealth_cbhi_tm.rules;
  const at = (minutes: number) => {
    const end = 10 * 60 + minutes;
    return {
      startTime: '10:00',
      endTime: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`,
    };
  };

  it.each([
    [7, 0],
    [8, 1],
    [15, 1],
    [22, 1],
    [23, 2],
    [60, 4],
    [240, 16],
    [250, 16],
  ])('%i minutes → %i units', async (minutes, units) => {
    expect(billingUnits(minutes, rules)).toBe(units);
    // A day of its own, so earlier units that day do not count.
    const date = daysAgo(100 + minutes);
    const res = await signed({ date, ...at(minutes) });
    expect(res.billingUnits).toBe(units);
  });

  it('caps the units of a day at the maximum, counting notes already billed that day', async () => {
    const date = daysAgo(400);
    const first = await signed({ date, startTime: '09:00', endTime: '12:00' });
    expect(first.billingUnits).toBe(12);
    const second = await signed({ date, startTime: '13:00', endTime: '15:00' });
    expect(second.billingUnits).toBe(4);
    const third = await signed({ date, startTime: '16:00', endTime: '16:30' });
    expect(third).toMatchObject({ billable: true, billingUnits: 0 });
  });

  it('marks a note signed after the deadline as late, and one within it as not late', async () => {
    expect((await signed({ date: daysAgo(3) })).signedLate).toBe(true);
    expect((await signed({ date: daysAgo(1), startTime: '23:00', endTime: '23:59' })).signedLate).toBe(false);
  });

  it('a new rule-set version applies from its date; earlier contacts keep the version they were made under', async () => {
    const [v2] = await t.database.db
      .insert(programRuleSet)
      .values({
        organizationId: w.orgA.id,
        programId: w.orgA.tmProgramId,
        version: 2,
        effectiveFrom: daysAgo(5),
        preset: 'masshealth_cbhi_tm',
        rules: { ...rules, noteSigningDeadlineHours: 24 * 30, unitMinutes: 30, partialUnitFromMinutes: 30 },
      })
      .returning();
    try {
      const old = await signed({ date: daysAgo(7) });
      expect(old).toMatchObject({ ruleSetId: w.ruleSets.tm.id, signedLate: true, billingUnits: 4 });
      const fresh = await signed({ date: daysAgo(4) });
      expect(fresh).toMatchObject({ ruleSetId: v2!.id, signedLate: false, billingUnits: 2 });
      // The earlier signed note is unchanged by the new version.
      expect((await contactRow(t, old.id))!.ruleSetId).toBe(w.ruleSets.tm.id);
    } finally {
      // Signed notes now point at v2; give it v1's rules so the tests after this one run under one set of rules.
      await t.database.db.update(programRuleSet).set({ rules }).where(eq(programRuleSet.id, v2!.id));
    }
  });
});

describe('a signed note is final', () => {
  it('every mutating route refuses it with 409 NOTE_SIGNED; only addenda are added', async () => {
    const n = await signed();
    const calls = [
      () => w.users.m1.patch(`/api/v1/contacts/${n.id}`, { version: n.version, plan: 'Changed' }),
      () => w.users.m1.patch(`/api/v1/contacts/${n.id}`, { version: n.version, date: daysAgo(2) }),
      () => w.users.s1.patch(`/api/v1/contacts/${n.id}`, { version: n.version, startTime: '09:00' }),
      () => w.users.m1.post(`/api/v1/contacts/${n.id}/cancel`, { reason: 'x', scope: 'occurrence' }),
      () => w.users.m1.post(`/api/v1/contacts/${n.id}/no-show`, { reason: 'x' }),
      () => sign(w.users.m1, n.id, n.version),
    ];
    const statusOf = async () => {
      const row = (await contactRow(t, n.id))!;
      return { v: row.version, note: row.noteStatus, status: row.status, plan: row.plan, date: row.date };
    };
    const before = await statusOf();
    for (const call of calls) {
      const res = await call();
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('NOTE_SIGNED');
    }
    // Still final after approval.
    expect((await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, { action: 'approve' })).statusCode).toBe(200);
    for (const call of calls) {
      const res = await call();
      expect(res.json().error.code).toBe('NOTE_SIGNED');
    }
    const after = await statusOf();
    expect({ ...after, v: before.v, note: before.note }).toEqual(before);
    expect(after.note).toBe('approved');
    const [revisions] = await t.database.db
      .select({ n: count() })
      .from(noteRevision)
      .where(eq(noteRevision.contactId, n.id));
    expect(revisions!.n).toBe(1);
  });

  it('addenda: by the mentor or their supervisor, only on a signed note', async () => {
    const draft = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id]);
    const early = await w.users.m1.post(`/api/v1/contacts/${draft.id}/addenda`, { text: 'Too early' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('NOTE_NOT_SIGNED');
    const n = await signed();
    const byMentor = await w.users.m1.post(`/api/v1/contacts/${n.id}/addenda`, {
      text: 'Guardian called after the visit to say the breathing helped.',
    });
    expect(byMentor.statusCode, byMentor.body).toBe(201);
    const bySupervisor = await w.users.s1.post(`/api/v1/contacts/${n.id}/addenda`, {
      text: 'Discussed in supervision.',
    });
    expect(bySupervisor.statusCode).toBe(201);
    expect((await w.users.pm.post(`/api/v1/contacts/${n.id}/addenda`, { text: 'PM note' })).statusCode).toBe(403);
    expect((await w.users.m2.post(`/api/v1/contacts/${n.id}/addenda`, { text: 'Other' })).statusCode).toBe(404);
    const detail = (await w.users.m1.get(`/api/v1/contacts/${n.id}`)).json();
    expect(detail.addenda.map((a: { authorUserId: string }) => a.authorUserId)).toEqual([
      w.users.m1.userId,
      w.users.s1.userId,
    ]);
    expect(detail.youthResponse).toBe(n.youthResponse);
  });
});

describe('supervisor review', () => {
  it('the queue shows signed notes of the supervisor’s own supervisees, oldest first', async () => {
    await setReviewMode('approve_all');
    const older = await signed({
      date: daysAgo(2),
      safetyConcern: true,
      safetyDetail: 'Said they felt unsafe at home',
    });
    const newer = await signed({ date: daysAgo(1) });
    const res = await w.users.s1.get('/api/v1/review-queue?pageSize=100');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { contactId: string; signedAt: string }[];
    const ids = items.map((i) => i.contactId);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    expect(items.map((i) => i.signedAt)).toEqual([...items.map((i) => i.signedAt)].sort());
    expect(items.find((i) => i.contactId === older.id)).toMatchObject({
      youthName: 'Testfirst1 Testlast1',
      mentorUserId: w.users.m1.userId,
      safetyConcern: true,
      reviewRequired: 'approve',
      billingUnits: 4,
      goals: [{ id: w.goals.g1.id, title: w.goals.g1.title }],
    });
    const s2 = (await w.users.s2.get('/api/v1/review-queue?pageSize=100')).json().items as { contactId: string }[];
    expect(s2.map((i) => i.contactId)).not.toContain(older.id);
    expect((await w.users.m1.get('/api/v1/review-queue')).statusCode).toBe(403);
    const page = (await w.users.s1.get('/api/v1/review-queue?pageSize=1&page=2')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(items.length);
  });

  it('a safety concern on signing raises a safety alert for the supervisors in the same transaction, without details', async () => {
    const c = await documentSession(w.users.m1, w.youth.y1.id, [w.goals.g1.id], {
      safetyConcern: true,
      safetyDetail: 'Mentioned thoughts of running away',
    });
    const alertsOf = () => t.database.db.select().from(safetyAlert).where(eq(safetyAlert.sourceId, c.id));
    await sign(w.users.m1, c.id, c.version, 'wrong-password');
    expect(await alertsOf()).toEqual([]);
    expect((await sign(w.users.m1, c.id, c.version)).statusCode).toBe(200);
    const [alert, ...more] = await alertsOf();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      source: 'contact_note',
      severity: 'non_acute',
      status: 'open',
      youthId: w.youth.y1.id,
      reasons: ['contact_note.safety_concern'],
      raisedBy: w.users.m1.userId,
    });
    const notices = await t.database.db
      .select()
      .from(alertNotification)
      .where(eq(alertNotification.alertId, alert!.id));
    // The supervisor on every channel; the mentor who raised it is not told of their own concern.
    expect(new Set(notices.map((n) => n.userId))).toEqual(new Set([w.users.s1.userId]));
    expect(notices.map((n) => n.channel).sort()).toEqual(['email', 'in_app', 'sms']);
    await deliverPendingNotices({ db: t.database.db, mailer: t.app.deps.mailer, publicUrl: t.config.publicUrl }, new Date());
    const [mail] = await t.database.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.recipient, w.users.s1.email), eq(outboxMessage.channel, 'email')))
      .orderBy(desc(outboxMessage.createdAt))
      .limit(1);
    expect(mail!.body).toContain(`/alerts/${alert!.id}`);
    expect(mail!.body).not.toContain('running away');
    expect(mail!.body).not.toContain('Testfirst1');
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'note.safety_concern_raised'), eq(auditEvent.resourceId, c.id)));
    expect(event!.detail).toEqual({ revision: 1, alertId: alert!.id });
  });

  it('return → revise → re-sign keeps every revision and review; then co-sign with attestation and password', async () => {
    await setReviewMode('approve_all');
    const n = await signed({ date: daysAgo(4) });
    const noComment = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, { action: 'return' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields).toHaveProperty('comment');
    const returned = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, {
      action: 'return',
      comment: 'Say which goal step the breathing practice served.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ noteStatus: 'returned', can: { review: false } });
    const asMentor = (await w.users.m1.get(`/api/v1/contacts/${n.id}`)).json();
    expect(asMentor.can).toMatchObject({ editNote: true, sign: true });
    expect(asMentor.reviews[0]).toMatchObject({ action: 'return', revision: 1, reviewerUserId: w.users.s1.userId });

    const revised = await w.users.m1.patch(`/api/v1/contacts/${n.id}`, {
      version: asMentor.version,
      youthResponse: 'Practised breathing for the first goal step: staying in class when upset.',
    });
    expect(revised.statusCode).toBe(200);
    await setReviewMode('cosign_all');
    const resigned = await sign(w.users.m1, n.id, revised.json().version);
    expect(resigned.statusCode, resigned.body).toBe(200);
    expect(resigned.json()).toMatchObject({ noteStatus: 'signed', reviewRequired: 'cosign', signedLate: true });
    expect(resigned.json().revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(resigned.json().revisions[0].content.youthResponse).toBe(n.youthResponse);
    const queue = (await w.users.s1.get('/api/v1/review-queue?pageSize=100')).json().items as {
      contactId: string;
      revision: number;
      returns: number;
    }[];
    expect(queue.find((i) => i.contactId === n.id)).toMatchObject({ revision: 2, returns: 1 });

    const noAttestation = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, {
      action: 'cosign',
      password: TEST_PASSWORD,
    });
    expect(noAttestation.statusCode).toBe(400);
    expect(noAttestation.json().error.fields).toHaveProperty('attestation');
    const badPassword = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, {
      action: 'cosign',
      attestation: 'I reviewed this note.',
      password: 'wrong',
    });
    expect(badPassword.statusCode).toBe(401);
    const cosigned = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, {
      action: 'cosign',
      attestation: 'I reviewed this note and supervised the service.',
      password: TEST_PASSWORD,
    });
    expect(cosigned.statusCode, cosigned.body).toBe(200);
    const final = cosigned.json();
    expect(final).toMatchObject({ noteStatus: 'cosigned', reviewedBy: w.users.s1.userId });
    expect(final.reviews.map((r: { action: string; revision: number }) => [r.action, r.revision])).toEqual([
      ['return', 1],
      ['cosign', 2],
    ]);
    expect(final.reviews[1]).toMatchObject({
      attestation: 'I reviewed this note and supervised the service.',
      credentials: 'LICSW #115342 (MA) expires 2099-06-30',
    });
    const again = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, { action: 'approve' });
    expect(again.statusCode).toBe(409);
    const actions = (
      await t.database.db
        .select({ action: auditEvent.action })
        .from(auditEvent)
        .where(eq(auditEvent.resourceId, n.id))
        .orderBy(auditEvent.seq)
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['note.signed', 'note.returned', 'note.draft_saved', 'note.resigned', 'note.cosigned']),
    );
  });

  it('a supervisor with a lapsed licence cannot co-sign', async () => {
    await setReviewMode('cosign_all');
    const n = await signed();
    await t.database.db
      .update(staffProfile)
      .set({ licenceExpiresOn: daysAgo(1) })
      .where(eq(staffProfile.userId, w.users.s1.userId));
    try {
      const res = await w.users.s1.post(`/api/v1/contacts/${n.id}/review`, {
        action: 'cosign',
        attestation: 'Reviewed',
        password: TEST_PASSWORD,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('LICENCE_NOT_CURRENT');
      expect((await contactRow(t, n.id))!.noteStatus).toBe('signed');
    } finally {
      await t.database.db
        .update(staffProfile)
        .set({ licenceExpiresOn: '2099-06-30' })
        .where(eq(staffProfile.userId, w.users.s1.userId));
    }
  });

  it('review modes: set per supervisee by their supervisor; sampling is deterministic by contact id', async () => {
    const put = (c: typeof w.users.s1, mentor: string, body: Record<string, unknown>) =>
      c.request({ method: 'PUT', url: `/api/v1/supervision-assignments/${mentor}/review-mode`, payload: body });
    expect((await put(w.users.s2, w.users.m1.userId, { mode: 'cosign_all' })).statusCode).toBe(404);
    expect((await put(w.users.m1, w.users.m1.userId, { mode: 'cosign_all' })).statusCode).toBe(403);
    expect((await put(w.users.s1, w.users.m1.userId, { mode: 'sample', samplePercent: 0 })).statusCode).toBe(400);
    const ok = await put(w.users.s1, w.users.m1.userId, { mode: 'sample', samplePercent: 50 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual([
      expect.objectContaining({ mentorUserId: w.users.m1.userId, reviewMode: 'sample', samplePercent: 50 }),
    ]);
    const list = (await w.users.s1.get('/api/v1/supervision-assignments')).json();
    expect(list).toEqual([expect.objectContaining({ mentorUserId: w.users.m1.userId, reviewMode: 'sample' })]);

    const results: [boolean, string | null][] = [];
    for (let i = 0; i < 8; i++) {
      const n = await signed({ date: daysAgo(200 + i) });
      results.push([inReviewSample(n.id, 50), n.reviewRequired]);
    }
    for (const [inSample, required] of results) expect(required).toBe(inSample ? 'approve' : null);
    // About half, and never all-or-nothing by accident of the ids chosen.
    expect(inReviewSample('00000000-0000-4000-8000-000000000000', 100)).toBe(true);
    const share = Array.from({ length: 1000 }, (_, i) =>
      inReviewSample(`5f1c2d7e-0000-4000-8000-${String(i).padStart(12, '0')}`, 30),
    ).filter(Boolean).length;
    expect(share).toBeGreaterThan(200);
    expect(share).toBeLessThan(400);
    // A note outside the sample is final at signing: nothing awaits review.
    const outside = results.find(([inSample]) => !inSample);
    expect(outside?.[1] ?? null).toBeNull();
    await setReviewMode('approve_all');
  });
});

describe('supervision sessions and compliance', () => {
  it('records, edits and signs a session with the supervisor’s credentials; signed sessions are final', async () => {
    const body = {
      superviseeUserIds: [w.users.m1.userId],
      date: daysAgo(1),
      minutes: 60,
      format: 'individual',
      remote: true,
      topics: 'Coping plan practice; boundaries with the family',
      youthDiscussed: [w.youth.y1.id],
      actions: 'Model the plan with role play next visit',
    };
    expect(
      (await w.users.s1.post('/api/v1/supervision-sessions', { ...body, superviseeUserIds: [w.users.m2.userId] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await w.users.s1.post('/api/v1/supervision-sessions', { ...body, youthDiscussed: [w.youth.y2.id] })).statusCode,
    ).toBe(400);
    expect(
      (await w.users.s1.post('/api/v1/supervision-sessions', { ...body, date: addDays(orgToday(), 1) })).statusCode,
    ).toBe(400);
    expect((await w.users.m1.post('/api/v1/supervision-sessions', body)).statusCode).toBe(403);
    const created = await w.users.s1.post('/api/v1/supervision-sessions', body);
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ signedAt: null, supervisees: [{ userId: w.users.m1.userId }] });
    expect(s.youthDiscussed).toEqual([{ id: w.youth.y1.id, name: 'Testfirst1 Testlast1' }]);
    const edited = await w.users.s1.patch(`/api/v1/supervision-sessions/${s.id}`, { version: s.version, minutes: 75 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(
      (await w.users.s2.post(`/api/v1/supervision-sessions/${s.id}/sign`, { password: TEST_PASSWORD })).statusCode,
    ).toBe(404);
    expect(
      (await w.users.m1.post(`/api/v1/supervision-sessions/${s.id}/sign`, { password: TEST_PASSWORD })).statusCode,
    ).toBe(403);
    const wrong = await w.users.s1.post(`/api/v1/supervision-sessions/${s.id}/sign`, { password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    const signedSession = await w.users.s1.post(`/api/v1/supervision-sessions/${s.id}/sign`, {
      password: TEST_PASSWORD,
    });
    expect(signedSession.statusCode, signedSession.body).toBe(200);
    expect(signedSession.json()).toMatchObject({
      minutes: 75,
      signatureCredentials: 'LICSW #115342 (MA) expires 2099-06-30',
    });
    expect(signedSession.json().signedAt).not.toBeNull();
    const after = await w.users.s1.patch(`/api/v1/supervision-sessions/${s.id}`, { version: 2, minutes: 90 });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('SESSION_SIGNED');
    const twice = await w.users.s1.post(`/api/v1/supervision-sessions/${s.id}/sign`, { password: TEST_PASSWORD });
    expect(twice.json().error.code).toBe('SESSION_SIGNED');
    const mine = (await w.users.m1.get('/api/v1/supervision-sessions')).json().items as { id: string }[];
    expect(mine.map((x) => x.id)).toContain(s.id);
    const others = (await w.users.m2.get('/api/v1/supervision-sessions')).json().items as { id: string }[];
    expect(others.map((x) => x.id)).not.toContain(s.id);
  });

  it('compliance: minutes in the cadence window against the minimum, due date and overdue', async () => {
    // m2 works in both programs: the TM program's weekly cadence is the strictest. Last session 10 days ago.
    await t.database.db.insert(supervisionSession).values({
      organizationId: w.orgA.id,
      supervisorUserId: w.users.s2.userId,
      superviseeUserIds: [w.users.m2.userId],
      date: daysAgo(10),
      minutes: 60,
      format: 'group',
      topics: 'Group supervision',
      signedAt: new Date(),
      signatureCredentials: 'LICSW #115342 (MA)',
    });
    const res = await w.users.pm.get('/api/v1/supervision/compliance');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { mentorUserId: string }[];
    const m1 = rows.find((r) => r.mentorUserId === w.users.m1.userId);
    const m2 = rows.find((r) => r.mentorUserId === w.users.m2.userId);
    expect(m1).toMatchObject({ intervalDays: 7, minMinutes: 60, lastSessionOn: daysAgo(1), overdue: false });
    expect(m1).toMatchObject({ minutesInWindow: 75, minutesMet: true, dueOn: addDays(daysAgo(1), 7) });
    expect(m2).toMatchObject({
      intervalDays: 7,
      lastSessionOn: daysAgo(10),
      minutesInWindow: 0,
      minutesMet: false,
      dueOn: daysAgo(3),
      overdue: true,
    });
    expect(rows.indexOf(m2!)).toBeLessThan(rows.indexOf(m1!));
    const own = (await w.users.s1.get('/api/v1/supervision/compliance')).json() as { mentorUserId: string }[];
    expect(own.map((r) => r.mentorUserId)).toEqual([w.users.m1.userId]);
    const self = (await w.users.m2.get('/api/v1/supervision/compliance')).json() as { mentorUserId: string }[];
    expect(self.map((r) => r.mentorUserId)).toEqual([w.users.m2.userId]);
  });
});

describe('reads are audited', () => {
  it('opening a note and listing contacts write audit events with ids only', async () => {
    const n = await signed();
    await w.users.s1.get(`/api/v1/contacts/${n.id}`);
    await w.users.s1.get(`/api/v1/contacts?youthId=${w.youth.y1.id}`);
    const events = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, w.users.s1.userId), eq(auditEvent.youthId, w.youth.y1.id)));
    const actions = events.map((e) => e.action);
    expect(actions).toContain('contact.viewed');
    expect(actions).toContain('contact.listed');
    for (const e of events) expect(JSON.stringify(e.detail)).not.toMatch(/breathing|Testfirst/);
  });

  it('a create with an Idempotency-Key is done once', async () => {
    const body = { date: addDays(orgToday(), 9), startTime: '10:00', endTime: '11:00' };
    const key = { 'idempotency-key': `notes-test-${Date.now()}` };
    const a = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, body, key);
    const b = await w.users.m1.post(`/api/v1/youth/${w.youth.y1.id}/contacts`, body, key);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });
});
