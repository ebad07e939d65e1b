import { describe, expect, it } from 'vitest';
import { ZRuleSet, RULE_SET_PRESETS } from '../workflow/rule-set.ts';
import { duePointStates, MEASURE_GRACE_DAYS, measureDuePoints } from './schedule.ts';

const schedule = { baseline: true, everyWeeks: 12, atDischarge: true };

describe('measureDuePoints', () => {
  it('gives baseline at admission and every N weeks up to the first point after today', () => {
    const points = measureDuePoints({ admittedOn: '2025-01-06', dischargedOn: null, schedule, today: '2025-05-01' });
    expect(points.map((p) => [p.key, p.dueOn])).toEqual([
      ['baseline', '2025-01-06'],
      ['week_12', '2025-03-31'],
      ['week_24', '2025-06-23'],
    ]);
  });

  it('windows: baseline opens 30 days early, an interval 14 days early, each closes where the next opens', () => {
    const [b, w12, w24] = measureDuePoints({ admittedOn: '2025-01-06', dischargedOn: null, schedule, today: '2025-05-01' });
    expect(b).toMatchObject({ windowStart: '2024-12-07', windowEnd: '2025-03-16' });
    expect(w12).toMatchObject({ windowStart: '2025-03-17', windowEnd: '2025-06-08' });
    expect(w24).toMatchObject({ windowStart: '2025-06-09', windowEnd: null });
  });

  it('short intervals open at most half an interval early, so windows never overlap', () => {
    const points = measureDuePoints({
      admittedOn: '2025-01-06',
      dischargedOn: null,
      schedule: { baseline: true, everyWeeks: 1, atDischarge: false },
      today: '2025-01-20',
    });
    expect(points.map((p) => [p.key, p.windowStart, p.windowEnd])).toEqual([
      ['baseline', '2024-12-07', '2025-01-09'],
      ['week_1', '2025-01-10', '2025-01-16'],
      ['week_2', '2025-01-17', '2025-01-23'],
      ['week_3', '2025-01-24', null],
    ]);
  });

  it('stops interval points at discharge and adds the discharge point', () => {
    const points = measureDuePoints({ admittedOn: '2025-01-06', dischargedOn: '2025-04-01', schedule, today: '2025-05-01' });
    expect(points.map((p) => p.key)).toEqual(['baseline', 'week_12', 'discharge']);
    expect(points[2]).toMatchObject({ dueOn: '2025-04-01', windowStart: '2025-04-01', windowEnd: null });
    // An interval point due on the discharge day is replaced by the discharge point.
    const same = measureDuePoints({ admittedOn: '2025-01-06', dischargedOn: '2025-03-31', schedule, today: '2025-05-01' });
    expect(same.map((p) => p.key)).toEqual(['baseline', 'discharge']);
  });

  it('honours a schedule without baseline, interval or discharge', () => {
    expect(
      measureDuePoints({
        admittedOn: '2025-01-06',
        dischargedOn: '2025-02-01',
        schedule: { baseline: false, everyWeeks: null, atDischarge: false },
        today: '2025-05-01',
      }),
    ).toEqual([]);
  });
});

describe('duePointStates', () => {
  const points = measureDuePoints({ admittedOn: '2025-01-06', dischargedOn: null, schedule, today: '2025-04-30' });

  it('is due up to the grace period and overdue from the day after', () => {
    const at = (today: string) => duePointStates(points, [{ administeredOn: '2025-01-06', scheduleKey: null }], today)[1]!;
    expect(at('2025-03-30')).toMatchObject({ key: 'week_12', status: 'upcoming' });
    expect(at('2025-03-31')).toMatchObject({ status: 'due', daysOverdue: 0 });
    expect(at(`2025-04-0${MEASURE_GRACE_DAYS}`)).toMatchObject({ status: 'due' });
    expect(at(`2025-04-0${MEASURE_GRACE_DAYS + 1}`)).toMatchObject({ status: 'overdue', daysOverdue: MEASURE_GRACE_DAYS + 1 });
  });

  it('is met by a response inside the window or carrying the key, not by one outside it', () => {
    const state = (administeredOn: string, scheduleKey: string | null = null) =>
      duePointStates(points, [{ administeredOn, scheduleKey }], '2025-04-30')[1]!.status;
    expect(state('2025-03-17')).toBe('met');
    expect(state('2025-03-16')).toBe('overdue');
    expect(state('2025-01-10', 'week_12')).toBe('met');
  });
});

describe('rule set measurement schedule', () => {
  it('gives older stored rule sets the default instruments', () => {
    const { instruments: _dropped, ...old } = RULE_SET_PRESETS.masshealth_cbhi_tm.rules.measurementSchedule;
    const parsed = ZRuleSet.parse({ ...RULE_SET_PRESETS.masshealth_cbhi_tm.rules, measurementSchedule: old });
    expect(parsed.measurementSchedule.instruments).toEqual(['phq9_teen', 'psc17']);
  });
});
