/** A licence is expired from the day after its expiry date (dates are ISO yyyy-mm-dd, compared as the program's calendar days). */
export const isLicenceExpired = (expiresOn: string | null | undefined, today: string): boolean =>
  expiresOn != null && expiresOn < today;

// Building a formatter costs far more than formatting with one; there are only a few time zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date as yyyy-mm-dd in the given IANA time zone. */
export const calendarDate = (at: Date, timeZone: string): string => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
};

/** Whole years between a date of birth and a day, both yyyy-mm-dd. */
export const ageOn = (dateOfBirth: string, on: string): number => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};
