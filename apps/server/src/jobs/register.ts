import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { registerAlertJobs } from '../modules/safety/alert-jobs.ts';
import type { JobRunner } from './runner.ts';

/** Every area's background tasks, registered once when the app is built (the runner starts in main.ts). */
export const registerJobs = (jobs: JobRunner, deps: { db: Db; mailer: Mailer; publicUrl: string }) => {
  registerAlertJobs(jobs, deps);
};
