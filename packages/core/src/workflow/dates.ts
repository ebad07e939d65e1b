/** Calendar arithmetic on yyyy-mm-dd strings (UTC-based, so no time-zone or DST shifts). */
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => fromUtc(toUtc(day) + days * 86_400_000);
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** The same calendar day n years later; 29 February becomes 28 February in a common year. */
export const addYears = (day: string, years: number): string => {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  if (md === '02-29') {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-02-${leap ? '29' : '28'}`;
  }
  return `${y}-${md}`;
};

export const laterOf = (a: string, b: string) => (a > b ? a : b);
