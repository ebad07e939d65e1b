import { WRITTEN_REPORT_DEADLINE_HOURS } from './enums.ts';

const HOUR = 3_600_000;
/** Reminders to the reporter before the written report is due, in hours before the deadline (latest last). */
export const WRITTEN_REPORT_REMINDER_HOURS = [24, 4] as const;

/** The written report is due 48 hours after the oral report. */
export const writtenReportDueAt = (oralReportAt: Date): Date =>
  new Date(oralReportAt.getTime() + WRITTEN_REPORT_DEADLINE_HOURS * HOUR);

/** When each reminder falls due, in order. */
export const reminderTimes = (dueAt: Date): Date[] =>
  WRITTEN_REPORT_REMINDER_HOURS.map((h) => new Date(dueAt.getTime() - h * HOUR));

export type MandatedReportSweepStep =
  | { kind: 'remind'; hoursBefore: number; remindersSent: number }
  | { kind: 'escalate' };

/**
 * What a sweep at `now` owes one report still waiting for its written filing: the latest reminder not yet sent
 * (earlier ones it missed are skipped, so a late sweep sends one message, not a burst), then one escalation to the
 * program managers once the deadline passes.
 */
export const mandatedReportSweepSteps = (
  report: { writtenDueAt: Date; remindersSent: number; escalatedAt: Date | null },
  now: Date,
): MandatedReportSweepStep[] => {
  const due = report.writtenDueAt.getTime();
  if (now.getTime() >= due) return report.escalatedAt ? [] : [{ kind: 'escalate' }];
  const times = reminderTimes(report.writtenDueAt);
  let reached = 0;
  times.forEach((t, i) => {
    if (now.getTime() >= t.getTime()) reached = i + 1;
  });
  if (reached <= report.remindersSent) return [];
  return [{ kind: 'remind', hoursBefore: WRITTEN_REPORT_REMINDER_HOURS[reached - 1]!, remindersSent: reached }];
};

/** Whether the written report is late at `now`. */
export const isWrittenReportOverdue = (r: { writtenDueAt: Date; writtenFiledAt: Date | null }, now: Date) =>
  !r.writtenFiledAt && now.getTime() > r.writtenDueAt.getTime();
