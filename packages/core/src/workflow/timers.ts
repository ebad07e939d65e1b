import { addDays, daysBetween } from './dates.ts';

export type Timer = { due: string | null; daysSince: number | null; overdue: boolean };

/** A recurring obligation: done last on `lastDone`, due every `intervalDays`, counted from `since` if never done. */
export const intervalTimer = (input: {
  lastDone: string | null;
  since: string;
  intervalDays: number | null;
  today: string;
}): Timer => {
  const { lastDone, since, intervalDays, today } = input;
  const anchor = lastDone ?? since;
  if (intervalDays == null)
    return { due: null, daysSince: lastDone ? daysBetween(lastDone, today) : null, overdue: false };
  const due = addDays(anchor, intervalDays);
  return { due, daysSince: lastDone ? daysBetween(lastDone, today) : null, overdue: today > due };
};

export const CANS_MAX_AGE_DAYS = 90;

/** The hub's CANS is stale once it is more than 90 days old. */
export const cansTimer = (lastCans: string | null, today: string): Timer => {
  if (!lastCans) return { due: today, daysSince: null, overdue: true };
  const due = addDays(lastCans, CANS_MAX_AGE_DAYS);
  return { due, daysSince: daysBetween(lastCans, today), overdue: today > due };
};

/** A note is late once its signing deadline (hours after the contact ended) has passed. */
export const noteDeadline = (endedAt: Date, deadlineHours: number): Date =>
  new Date(endedAt.getTime() + deadlineHours * 3600_000);
export const isNoteOverdue = (input: { endedAt: Date; signedAt: Date | null; deadlineHours: number; now: Date }) =>
  input.signedAt == null && input.now > noteDeadline(input.endedAt, input.deadlineHours);
export const isSignedLate = (input: { endedAt: Date; signedAt: Date; deadlineHours: number }) =>
  input.signedAt > noteDeadline(input.endedAt, input.deadlineHours);
