import { describe, expect, it } from 'vitest';
import { billingUnits, minutesBetween } from './billing.ts';
import { addDays, addYears, daysBetween } from './dates.ts';
import { checkEligibility, type EligibilityInput } from './eligibility.ts';
import { failedGates, type GateInput } from './gates.ts';
import { retentionDate } from './retention.ts';
import { RULE_SET_PRESETS, ruleSetOn } from './rule-set.ts';
import { cansTimer, intervalTimer, isNoteOverdue, isSignedLate } from './timers.ts';

const CBHI = RULE_SET_PRESETS.masshealth_cbhi_tm.rules;

describe('billingUnits (15-minute units, a partial unit counts from 8 minutes)', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [7, 0],
    [8, 1],
    [15, 1],
    [22, 1],
    [23, 2],
    [30, 2],
    [37, 2],
    [38, 3],
    [60, 4],
    [67, 4],
    [68, 5],
    [120, 8],
    [240, 16],
    [255, 16],
  ])('%i minutes → %i units', (minutes, units) => {
    expect(billingUnits(minutes, CBHI)).toBe(units);
  });

  it('caps at what is left of the daily maximum', () => {
    expect(billingUnits(60, CBHI, 14)).toBe(2);
    expect(billingUnits(60, CBHI, 16)).toBe(0);
    expect(billingUnits(60, { ...CBHI, maxUnitsPerDay: null }, 100)).toBe(4);
  });

  it('whole units only when the partial threshold equals the unit', () => {
    expect(billingUnits(29, { unitMinutes: 15, partialUnitFromMinutes: 15, maxUnitsPerDay: null })).toBe(1);
    expect(billingUnits(30, { unitMinutes: 15, partialUnitFromMinutes: 15, maxUnitsPerDay: null })).toBe(2);
  });

  it('counts minutes between times of day', () => {
    expect(minutesBetween('15:30', '16:45')).toBe(75);
    expect(minutesBetween('09:00', '09:00')).toBe(0);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-08', 1, '2026-03-09'],
  ])('%s + %i day → %s', (d, n, out) => expect(addDays(d, n)).toBe(out));
  it('adds years, 29 February falling back to 28 in common years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(daysBetween('2026-11-01', '2026-11-23')).toBe(22);
  });
});

describe('retentionDate', () => {
  it.each([
    // adult at last service: 6 years
    ['1990-01-01', '2026-06-30', '2032-06-30'],
    // minor, 7 years after last contact beats majority + 1
    ['2010-05-01', '2026-06-30', '2033-06-30'],
    // young child: one year after turning 18 beats 7 years
    ['2020-05-01', '2026-06-30', '2039-05-01'],
    // turns 18 the day after the last contact: still a minor at it
    ['2008-07-01', '2026-06-30', '2033-06-30'],
    // turns 18 on the day of the last contact: adult, 6 years
    ['2008-06-30', '2026-06-30', '2032-06-30'],
  ])('born %s, last service %s → keep until %s', (dateOfBirth, lastServiceDate, out) => {
    expect(retentionDate({ dateOfBirth, lastServiceDate })).toBe(out);
  });
});

const eligible: EligibilityInput = {
  dateOfBirth: '2012-04-03',
  onDate: '2026-11-23',
  payer: 'masshealth_standard',
  livingSituation: 'home',
  hasActiveHub: true,
  admissionCriteria: ['assessment_warrants_tm', 'needs_skill_support', 'outpatient_alone_insufficient'],
  exclusionCriteria: [],
  rules: CBHI,
};

describe('checkEligibility (MassHealth CBHI)', () => {
  it('accepts a youth who meets every criterion', () => {
    const r = checkEligibility(eligible);
    expect(r.eligible).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual([
      'age',
      'coverage',
      'living_situation',
      'hub',
      'admission_criteria',
      'exclusions',
    ]);
  });
  it.each([
    ['the day before turning 21', { dateOfBirth: '2005-11-24' }, true],
    ['on turning 21', { dateOfBirth: '2005-11-23' }, false],
    ['MassHealth CommonHealth', { payer: 'masshealth_commonhealth' }, true],
    ['other MassHealth coverage', { payer: 'masshealth_other' }, false],
    ['private insurance', { payer: 'private' }, false],
    ['no coverage recorded', { payer: null }, false],
    ['foster home', { livingSituation: 'foster_home' }, true],
    ['out of home with a discharge plan', { livingSituation: 'out_of_home_with_discharge_plan' }, true],
    ['out of home with no plan', { livingSituation: 'out_of_home_no_plan' }, false],
    ['no active hub', { hasActiveHub: false }, false],
    ['an exclusion applies', { exclusionCriteria: ['imminent_risk'] }, false],
    ['outpatient alone would do', { admissionCriteria: ['assessment_warrants_tm', 'needs_skill_support'] }, false],
    [
      'no need in the listed areas',
      { admissionCriteria: ['assessment_warrants_tm', 'outpatient_alone_insufficient'] },
      false,
    ],
  ] as const)('%s → %s', (_label, change, ok) => {
    expect(checkEligibility({ ...eligible, ...change } as EligibilityInput).eligible).toBe(ok);
  });
  it('a community program checks no age, coverage or hub', () => {
    const r = checkEligibility({
      ...eligible,
      payer: null,
      hasActiveHub: false,
      dateOfBirth: '1990-01-01',
      rules: RULE_SET_PRESETS.community_tm.rules,
    });
    expect(r.eligible).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(['living_situation', 'admission_criteria', 'exclusions']);
  });
});

const allMet: GateInput = {
  today: '2026-11-23',
  hubRequired: true,
  hasGuardianAgreement: true,
  hasActiveHub: true,
  linkedGoalCount: 1,
  supervisor: { hasLicence: true, licenceExpiresOn: '2027-06-30' },
  mentorClearedOn: '2026-01-15',
};

describe('failedGates', () => {
  it('passes when every gate holds', () => expect(failedGates(allMet)).toEqual([]));
  it.each([
    [{ hasGuardianAgreement: false }, 'guardian_agreement'],
    [{ hasActiveHub: false }, 'active_hub'],
    [{ linkedGoalCount: 0 }, 'linked_goal'],
    [{ supervisor: null }, 'supervisor_licence'],
    [{ supervisor: { hasLicence: false, licenceExpiresOn: null } }, 'supervisor_licence'],
    [{ supervisor: { hasLicence: true, licenceExpiresOn: '2026-11-22' } }, 'supervisor_licence'],
    [{ mentorClearedOn: null }, 'mentor_cleared'],
    [{ mentorClearedOn: '2026-11-24' }, 'mentor_cleared'],
  ] as const)('%o fails %s', (change, code) => {
    expect(failedGates({ ...allMet, ...change } as GateInput).map((g) => g.code)).toEqual([code]);
  });
  it('a licence expiring today is still current; no hub needed when the rules do not require one', () => {
    expect(failedGates({ ...allMet, supervisor: { hasLicence: true, licenceExpiresOn: '2026-11-23' } })).toEqual([]);
    expect(failedGates({ ...allMet, hubRequired: false, hasActiveHub: false })).toEqual([]);
  });
  it('names every failing gate at once', () => {
    expect(failedGates({ ...allMet, hasGuardianAgreement: false, linkedGoalCount: 0 }).map((g) => g.code)).toEqual([
      'guardian_agreement',
      'linked_goal',
    ]);
  });
});

describe('timers', () => {
  it.each([
    ['2026-11-16', '2026-11-23', false],
    ['2026-11-16', '2026-11-24', true],
    [null, '2026-11-20', false],
    [null, '2026-11-23', true],
  ])('hub contact last %s, today %s → overdue %s (7 days, admitted 2026-11-15)', (lastDone, today, overdue) => {
    expect(intervalTimer({ lastDone, since: '2026-11-15', intervalDays: 7, today }).overdue).toBe(overdue);
  });
  it('an obligation the rules do not set is never overdue', () => {
    expect(
      intervalTimer({ lastDone: null, since: '2020-01-01', intervalDays: null, today: '2026-11-23' }).overdue,
    ).toBe(false);
  });
  it.each([
    ['2026-08-25', false],
    ['2026-08-24', true],
    [null, true],
  ])('CANS dated %s on 2026-11-23 → stale %s', (last, stale) => {
    expect(cansTimer(last, '2026-11-23').overdue).toBe(stale);
  });
  it('notes are overdue and late after the signing deadline', () => {
    const endedAt = new Date('2026-11-20T16:00:00Z');
    expect(isNoteOverdue({ endedAt, signedAt: null, deadlineHours: 48, now: new Date('2026-11-22T16:00:00Z') })).toBe(
      false,
    );
    expect(isNoteOverdue({ endedAt, signedAt: null, deadlineHours: 48, now: new Date('2026-11-22T16:00:01Z') })).toBe(
      true,
    );
    expect(isSignedLate({ endedAt, signedAt: new Date('2026-11-22T16:00:00Z'), deadlineHours: 48 })).toBe(false);
    expect(isSignedLate({ endedAt, signedAt: new Date('2026-11-22T16:01:00Z'), deadlineHours: 48 })).toBe(true);
  });
});

describe('rule-set versions', () => {
  it('applies the latest version effective on the day', () => {
    const versions = [
      { v: 1, effectiveFrom: '2025-01-01' },
      { v: 2, effectiveFrom: '2026-07-01' },
      { v: 3, effectiveFrom: '2027-01-01' },
    ];
    expect(ruleSetOn(versions, '2024-12-31')).toBeUndefined();
    expect(ruleSetOn(versions, '2026-06-30')?.v).toBe(1);
    expect(ruleSetOn(versions, '2026-07-01')?.v).toBe(2);
    expect(ruleSetOn(versions, '2026-11-23')?.v).toBe(2);
  });
});
