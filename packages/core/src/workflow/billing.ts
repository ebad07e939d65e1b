import type { TRuleSet } from './rule-set.ts';

type UnitRules = Pick<TRuleSet, 'unitMinutes' | 'partialUnitFromMinutes' | 'maxUnitsPerDay'>;

/**
 * Billable units for a documented face-to-face duration: whole units, plus one for a remainder
 * that reaches the partial-unit threshold; capped by what is left of the day's maximum.
 */
export const billingUnits = (minutes: number, rules: UnitRules, unitsAlreadyBilledThatDay = 0): number => {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  const whole = Math.floor(minutes / rules.unitMinutes);
  const remainder = minutes - whole * rules.unitMinutes;
  const units = whole + (remainder >= rules.partialUnitFromMinutes ? 1 : 0);
  if (rules.maxUnitsPerDay == null) return units;
  return Math.max(0, Math.min(units, rules.maxUnitsPerDay - unitsAlreadyBilledThatDay));
};

/** Whole minutes between two times of day ("HH:MM"), for a session that does not cross midnight. */
export const minutesBetween = (start: string, end: string): number => {
  const toMin = (t: string) => {
    const [h, m] = t.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return toMin(end) - toMin(start);
};
