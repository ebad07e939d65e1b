import type { TAlertSeverity } from './enums.ts';
import { SERIOUS_DIFFICULTY } from './enums.ts';

/** The domain whose rating at SERIOUS_DIFFICULTY makes an alert acute. */
export const SAFETY_DOMAIN = 'safety';
/** Ratings at or above this count as a challenge in a program's "top challenges". */
export const CHALLENGING_FROM = 4;

export type CheckInSignal = { severity: TAlertSeverity; reasons: string[] };

/**
 * The alert a weekly check-in raises, or null: "I need to talk to someone" or any domain at
 * serious difficulty → non-acute; the safety domain at serious difficulty → acute. One alert carries every reason.
 */
export const checkInAlert = (ratings: Record<string, number>, needToTalk: boolean): CheckInSignal | null => {
  const reasons: string[] = [];
  if (needToTalk) reasons.push('check_in.need_to_talk');
  const serious = Object.keys(ratings)
    .filter((d) => ratings[d]! >= SERIOUS_DIFFICULTY)
    .sort();
  for (const d of serious) reasons.push(`check_in.${d}=${ratings[d]}`);
  if (reasons.length === 0) return null;
  return { severity: serious.includes(SAFETY_DOMAIN) ? 'acute' : 'non_acute', reasons };
};

export type TrendDirection = 'better' | 'worse' | 'same';

/** Per domain, how the latest check-in compares with the one before (lower is better); domains rated in both only. */
export const checkInTrend = (
  latest: Record<string, number>,
  previous: Record<string, number> | null,
): Record<string, TrendDirection> => {
  const out: Record<string, TrendDirection> = {};
  if (!previous) return out;
  for (const d of Object.keys(latest)) {
    const before = previous[d];
    if (before === undefined) continue;
    const now = latest[d]!;
    out[d] = now < before ? 'better' : now > before ? 'worse' : 'same';
  }
  return out;
};

export type DomainChallenge = { domain: string; rated: number; challenging: number; serious: number; average: number | null };

/**
 * A program's "top challenges": for each domain, how many check-ins rated it, how many at 4–5, how many at
 * 5, and the mean rating; most challenging first. Counts only, never who.
 */
export const topChallenges = (domains: readonly string[], checkIns: { ratings: Record<string, number> }[]): DomainChallenge[] => {
  const rows = domains.map((domain) => {
    const values = checkIns.map((c) => c.ratings[domain]).filter((v): v is number => typeof v === 'number');
    const sum = values.reduce((a, b) => a + b, 0);
    return {
      domain,
      rated: values.length,
      challenging: values.filter((v) => v >= CHALLENGING_FROM).length,
      serious: values.filter((v) => v >= SERIOUS_DIFFICULTY).length,
      average: values.length ? Math.round((sum / values.length) * 100) / 100 : null,
    };
  });
  return rows.sort(
    (a, b) => b.challenging - a.challenging || (b.average ?? 0) - (a.average ?? 0) || a.domain.localeCompare(b.domain),
  );
};
