import type { Db } from '../../db/client.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { deliverPendingNotices } from './deliver.ts';
import { escalateDueAlerts } from './escalate.ts';

export const ALERT_DELIVERY_TASK = 'alerts_deliver';
export const ALERT_ESCALATION_TASK = 'alerts_escalate';

/** Delivery every few seconds (and on a kick after each raise); escalation checked every 20 seconds. */
export const registerAlertJobs = (jobs: JobRunner, deps: { db: Db; mailer: Mailer; publicUrl: string }) => {
  jobs.every(ALERT_DELIVERY_TASK, 3, (now) => deliverPendingNotices(deps, now));
  jobs.every(ALERT_ESCALATION_TASK, 20, (now) => escalateDueAlerts(deps.db, now));
};
