import i18n from './i18n/index.ts';

/** Intl with a fallback to English when the browser lacks the locale's data. */
const locales = (): string[] => [i18n.language || 'en', 'en'];

const safe = <T>(make: (locales: string[]) => T): T => {
  try {
    return make(locales());
  } catch {
    return make(['en']);
  }
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date-only value (`2010-04-03`) shown as that calendar day, whatever the user's time zone:
 * it is read as UTC midnight and formatted in UTC, so it never shifts to the day before.
 */
export const formatDate = (value: string | null | undefined, style: 'medium' | 'long' | 'short' = 'medium'): string => {
  if (!value) return '';
  const m = DATE_ONLY.exec(value);
  if (!m) return formatDateTime(value);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return value;
  return safe((l) => new Intl.DateTimeFormat(l, { dateStyle: style, timeZone: 'UTC' }).format(d));
};

/** An instant (ISO date-time) in the user's own time zone. */
export const formatDateTime = (value: string | null | undefined): string => {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return safe((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }).format(d));
};

/** A time of day in the user's own time zone. */
export const formatTime = (d: Date): string =>
  safe((l) => new Intl.DateTimeFormat(l, { timeStyle: 'short' }).format(d));

export const formatNumber = (n: number): string => safe((l) => new Intl.NumberFormat(l).format(n));

export const formatList = (items: string[]): string =>
  safe((l) => new Intl.ListFormat(l, { style: 'short', type: 'conjunction' }).format(items));

/** Today as yyyy-mm-dd in the user's time zone. */
export const todayIso = (): string => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** `datetime-local` input value → ISO instant with offset (what the audit filter wants). */
export const localInputToIso = (value: string): string | undefined => {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};
