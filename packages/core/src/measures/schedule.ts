import { addDays, daysBetween } from '../workflow/dates.ts';

// Measurement schedules (R: baseline at admission, every N weeks, at discharge) turned into dated due points, and
// which of them a youth's responses meet. Pure, so the overdue list, reminders and tests agree.

export type TScheduleRule = { baseline: boolean; everyWeeks: number | null; atDischarge: boolean };

export type TDuePointKind = 'baseline' | 'interval' | 'discharge';

export type TDuePoint = {
  /** Stable within an episode: "baseline", "week_12", "discharge". */
  key: string;
  kind: TDuePointKind;
  dueOn: string;
  /** A response dated from windowStart to windowEnd (inclusive) meets the point; null end: open-ended. */
  windowStart: string;
  windowEnd: string | null;
};

export type TDuePointStatus = 'met' | 'upcoming' | 'due' | 'overdue';

/** Days after the due date before a point counts as overdue. */
export const MEASURE_GRACE_DAYS = 7;
/** A baseline may be taken during intake, up to this many days before admission. */
export const BASELINE_LEAD_DAYS = 30;
/** A discharge measure may be taken in the weeks before the discharge date. */
export const DISCHARGE_LEAD_DAYS = 30;
/** An interval measure may be taken up to this many days early (less for short intervals, so windows never overlap). */
export const INTERVAL_LEAD_DAYS = 14;

/**
 * The due points of one episode, up to and including the first one after `today` (so "next due" can be shown).
 * Interval points stop at discharge; the discharge point exists once the episode is discharged.
 */
export const measureDuePoints = (input: {
  admittedOn: string;
  dischargedOn: string | null;
  schedule: TScheduleRule;
  today: string;
}): TDuePoint[] => {
  const { admittedOn, dischargedOn, schedule, today } = input;
  const starts: { key: string; kind: TDuePointKind; dueOn: string; lead: number }[] = [];
  if (schedule.baseline) starts.push({ key: 'baseline', kind: 'baseline', dueOn: admittedOn, lead: BASELINE_LEAD_DAYS });
  if (schedule.everyWeeks) {
    const step = schedule.everyWeeks * 7;
    const lead = Math.min(INTERVAL_LEAD_DAYS, Math.floor(step / 2));
    for (let k = 1; ; k++) {
      const dueOn = addDays(admittedOn, step * k);
      if (dischargedOn && dueOn >= dischargedOn) break;
      starts.push({ key: `week_${schedule.everyWeeks * k}`, kind: 'interval', dueOn, lead });
      if (dueOn > today) break;
    }
  }
  if (schedule.atDischarge && dischargedOn) {
    starts.push({ key: 'discharge', kind: 'discharge', dueOn: dischargedOn, lead: DISCHARGE_LEAD_DAYS });
  }
  // A window opens `lead` days early but never on or before the previous due date, and closes where the next opens.
  const opens = starts.map((s, i) => {
    const early = addDays(s.dueOn, -s.lead);
    const prev = starts[i - 1];
    const afterPrev = prev ? laterDay(early, addDays(prev.dueOn, 1)) : early;
    return afterPrev < s.dueOn ? afterPrev : s.dueOn;
  });
  return starts.map((s, i) => ({
    key: s.key,
    kind: s.kind,
    dueOn: s.dueOn,
    windowStart: opens[i]!,
    windowEnd: i + 1 < starts.length ? addDays(opens[i + 1]!, -1) : null,
  }));
};

const laterDay = (a: string, b: string) => (a > b ? a : b);

export type TScheduledResponse = { administeredOn: string; scheduleKey: string | null };

export type TDuePointState = TDuePoint & { status: TDuePointStatus; daysOverdue: number };

/** Each point with whether a response meets it: by its schedule key, or by a date inside the point's window. */
export const duePointStates = (points: readonly TDuePoint[], responses: readonly TScheduledResponse[], today: string): TDuePointState[] =>
  points.map((p) => {
    const met = responses.some(
      (r) => r.scheduleKey === p.key || (r.administeredOn >= p.windowStart && (p.windowEnd == null || r.administeredOn <= p.windowEnd)),
    );
    const late = daysBetween(p.dueOn, today);
    const status: TDuePointStatus = met ? 'met' : p.dueOn > today ? 'upcoming' : late > MEASURE_GRACE_DAYS ? 'overdue' : 'due';
    return { ...p, status, daysOverdue: status === 'overdue' ? late : 0 };
  });
