import { describe, expect, it } from 'vitest';
import { checkInAlert, checkInTrend, topChallenges } from './check-in-rules.ts';
import {
  isWrittenReportOverdue,
  mandatedReportSweepSteps,
  reminderTimes,
  writtenReportDueAt,
} from './mandated-report-timing.ts';
import { ZCreateCheckIn, ZSaveSafetyPlan, ZUpdateProgramSafetySettings } from './api-safety.ts';

describe('check-in alert rules (R-3.1, R-6.6)', () => {
  it.each([
    [{ mood: 1, safety: 1 }, false, null],
    [{ mood: 4, safety: 4 }, false, null],
    [{ mood: 2 }, true, { severity: 'non_acute', reasons: ['check_in.need_to_talk'] }],
    [{ mood: 5, sleep: 3 }, false, { severity: 'non_acute', reasons: ['check_in.mood=5'] }],
    [{ mood: 1, safety: 5 }, false, { severity: 'acute', reasons: ['check_in.safety=5'] }],
    [
      { school: 5, safety: 5 },
      true,
      { severity: 'acute', reasons: ['check_in.need_to_talk', 'check_in.safety=5', 'check_in.school=5'] },
    ],
  ])('%j need-to-talk=%s → %j', (ratings, needToTalk, want) => {
    expect(checkInAlert(ratings, needToTalk)).toEqual(want);
  });

  it('trend compares each domain rated in both check-ins (lower is better)', () => {
    expect(checkInTrend({ mood: 2, sleep: 4, school: 3, new_one: 1 }, { mood: 3, sleep: 2, school: 3 })).toEqual({
      mood: 'better',
      sleep: 'worse',
      school: 'same',
    });
    expect(checkInTrend({ mood: 2 }, null)).toEqual({});
  });

  it('top challenges count ratings of 4–5 and 5 per domain, most challenging first', () => {
    const rows = topChallenges(
      ['mood', 'sleep', 'school'],
      [{ ratings: { mood: 5, sleep: 4, school: 1 } }, { ratings: { mood: 4, sleep: 2 } }, { ratings: { mood: 1 } }],
    );
    expect(rows).toEqual([
      { domain: 'mood', rated: 3, challenging: 2, serious: 1, average: 3.33 },
      { domain: 'sleep', rated: 2, challenging: 1, serious: 0, average: 3 },
      { domain: 'school', rated: 1, challenging: 0, serious: 0, average: 1 },
    ]);
  });

  it('a check-in needs at least one rating, each 1–5, unless the youth asks to talk', () => {
    expect(ZCreateCheckIn.safeParse({ ratings: {} }).success).toBe(false);
    expect(ZCreateCheckIn.safeParse({ needToTalk: true }).success).toBe(true);
    expect(ZCreateCheckIn.safeParse({ ratings: { mood: 6 } }).success).toBe(false);
    expect(ZCreateCheckIn.safeParse({ ratings: { mood: 0 } }).success).toBe(false);
    expect(ZCreateCheckIn.parse({ ratings: { mood: 5 } })).toEqual({ ratings: { mood: 5 }, needToTalk: false });
  });

  it('program settings refuse repeated or malformed domains', () => {
    expect(ZUpdateProgramSafetySettings.safeParse({ checkInDomains: ['mood', 'mood'], mobileCrisisPhone: null }).success).toBe(false);
    expect(ZUpdateProgramSafetySettings.safeParse({ checkInDomains: ['Mood!'], mobileCrisisPhone: null }).success).toBe(false);
    expect(ZUpdateProgramSafetySettings.parse({ checkInDomains: ['mood'], mobileCrisisPhone: '' }).mobileCrisisPhone).toBeNull();
  });

  it('a safety plan fills the six Stanley–Brown sections', () => {
    const plan = ZSaveSafetyPlan.parse({ sections: { warning_signs: ['Not sleeping'] }, basedOnVersion: null });
    expect(Object.keys(plan.sections)).toHaveLength(6);
    expect(plan.sections.internal_coping).toEqual([]);
  });
});

describe('mandated report deadlines (R-5.15)', () => {
  const oral = new Date('2025-03-08T15:30:00Z');
  const due = writtenReportDueAt(oral);

  it('the written report is due 48 hours after the oral report, across a daylight-saving change', () => {
    expect(due.toISOString()).toBe('2025-03-10T15:30:00.000Z');
  });

  it('reminders fall 24 and 4 hours before the deadline', () => {
    expect(reminderTimes(due).map((d) => d.toISOString())).toEqual([
      '2025-03-09T15:30:00.000Z',
      '2025-03-10T11:30:00.000Z',
    ]);
  });

  const at = (iso: string) => new Date(iso);
  const fresh = { writtenDueAt: due, remindersSent: 0, escalatedAt: null };
  it.each([
    ['2025-03-09T15:29:59Z', fresh, []],
    ['2025-03-09T15:30:00Z', fresh, [{ kind: 'remind', hoursBefore: 24, remindersSent: 1 }]],
    ['2025-03-10T11:29:59Z', { ...fresh, remindersSent: 1 }, []],
    ['2025-03-10T11:30:00Z', { ...fresh, remindersSent: 1 }, [{ kind: 'remind', hoursBefore: 4, remindersSent: 2 }]],
    // A late first sweep sends only the latest reminder.
    ['2025-03-10T12:00:00Z', fresh, [{ kind: 'remind', hoursBefore: 4, remindersSent: 2 }]],
    ['2025-03-10T15:29:59Z', { ...fresh, remindersSent: 2 }, []],
    ['2025-03-10T15:30:00Z', { ...fresh, remindersSent: 2 }, [{ kind: 'escalate' }]],
    ['2025-03-11T09:00:00Z', { ...fresh, remindersSent: 2, escalatedAt: at('2025-03-10T15:30:00Z') }, []],
  ] as const)('at %s', (now, report, want) => {
    expect(mandatedReportSweepSteps(report, at(now))).toEqual(want);
  });

  it('is overdue only after the deadline and until the written report is filed', () => {
    expect(isWrittenReportOverdue({ writtenDueAt: due, writtenFiledAt: null }, at('2025-03-10T15:30:00Z'))).toBe(false);
    expect(isWrittenReportOverdue({ writtenDueAt: due, writtenFiledAt: null }, at('2025-03-10T15:30:01Z'))).toBe(true);
    expect(isWrittenReportOverdue({ writtenDueAt: due, writtenFiledAt: due }, at('2025-03-11T00:00:00Z'))).toBe(false);
  });
});
