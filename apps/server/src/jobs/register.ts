import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { mandatedReportSweep } from '../modules/mandated-reports/mandated-reports.ts';
import { sendMeasureReminders } from '../modules/measures/schedule-service.ts';
import { registerAlertJobs } from '../modules/safety/alert-jobs.ts';
import type { JobRunner } from './runner.ts';

/** Every area's background tasks, registered once when the app is built (the runner starts in main.ts). */
export const registerJobs = (jobs: JobRunner, deps: { db: Db; mailer: Mailer; publicUrl: string }) => {
  registerAlertJobs(jobs, deps);
  // Written 51A reports: reminders 24 h and 4 h before the 48-hour deadline, escalation once overdue.
  jobs.every(MANDATED_REPORT_TASK, 60, async (now) => {
    await mandatedReportSweep(deps, now);
  });
  // Overdue questionnaires: one digest per mentor a day.
  jobs.every(MEASURE_REMINDER_TASK, 24 * 60 * 60, async (now) => {
    await sendMeasureReminders(deps, now);
  });
};

export const MANDATED_REPORT_TASK = 'mandated_report_deadlines';
export const MEASURE_REMINDER_TASK = 'measures_overdue_reminders';
