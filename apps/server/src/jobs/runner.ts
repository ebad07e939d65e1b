import type { FastifyBaseLogger as Logger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { Clock } from './clock.ts';

/**
 * Durable background work on pg-boss 10, in the app's own database (PGlite or PostgreSQL).
 *
 * Periodic tasks: `jobs.every(name, seconds, run)` before `start()`. Each task is a queue holding at most one
 * waiting job ("short" policy); the worker runs `run(clock.now())` and then queues the next run `seconds` later, so
 * the schedule lives in the database and survives a restart. `start()` queues a first run of every task (a no-op
 * when one is already waiting) and a watchdog re-queues once a minute in case a chain broke. `jobs.kick(name)` asks
 * for a run now (e.g. after a commit that raised an alert). Tasks must be idempotent: a run may repeat after a crash.
 *
 * Other areas' sweeps are wired the same way at merge, in `registerJobs` (jobs/register.ts), e.g.
 *   jobs.every('measures_overdue', 300, (now) => remindOverdueMeasures(db, mailer, now));
 *   jobs.every('mandated_report_deadlines', 60, (now) => escalateWrittenReports(db, now));
 */
export type Task = (now: Date) => Promise<unknown>;

export type JobRunner = {
  every: (name: string, everySeconds: number, run: Task) => void;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Queues a run of the task now; does nothing when the runner is not started (plain HTTP tests). */
  kick: (name: string) => Promise<void>;
  /** Runs a task in this call and returns when it is done (tests, and the first sweep at start). */
  runNow: (name: string) => Promise<void>;
  readonly started: boolean;
};

type Registered = { name: string; everySeconds: number; run: Task };

const QUEUE_NAME = /^[a-z][a-z0-9_]*$/;
const kickQueue = (name: string) => `${name}_now`;

/** pg-boss over the app's connection: PGlite has one connection per process, so pg-boss must share it. */
const bossDb = (database: Database): PgBoss.Db => {
  if (database.pglite) {
    const pglite = database.pglite;
    return {
      async executeSql(text, values) {
        if (values?.length) return pglite.query(text, values);
        // Schema installs and migrations are multi-statement scripts.
        const results = await pglite.exec(text);
        return (results[results.length - 1] ?? { rows: [] }) as { rows: unknown[] };
      },
    };
  }
  const pool = database.pool!;
  return { executeSql: (text, values) => (values?.length ? pool.query(text, values) : pool.query(text)) };
};

export const createJobRunner = (opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  /** How often workers look for due jobs; tests shorten it. */
  pollingSeconds?: number;
}): JobRunner => {
  const { database, clock, log } = opts;
  const polling = opts.pollingSeconds ?? 1;
  const tasks = new Map<string, Registered>();
  let boss: PgBoss | null = null;
  let watchdog: NodeJS.Timeout | undefined;
  let stopping = false;

  const runTask = async (t: Registered) => {
    try {
      await t.run(clock.now());
    } catch (err) {
      log.error({ err, task: t.name }, 'background task failed; it runs again on its next turn');
    }
  };
  const queueNext = async (t: Registered, inSeconds: number) => {
    if (!boss || stopping) return;
    try {
      await boss.send(t.name, {}, { startAfter: inSeconds });
    } catch (err) {
      log.warn({ err, task: t.name }, 'could not queue the next run; the watchdog will');
    }
  };

  return {
    get started() {
      return boss !== null;
    },
    every(name, everySeconds, run) {
      if (!QUEUE_NAME.test(name)) throw new Error(`task name ${name}: lower-case letters, digits and _ only`);
      if (boss) throw new Error('register tasks before the job runner starts');
      tasks.set(name, { name, everySeconds, run });
    },
    async start() {
      if (boss) return;
      stopping = false;
      const b = new PgBoss({
        db: bossDb(database),
        schedule: false,
        supervise: true,
        archiveCompletedAfterSeconds: 600,
        deleteAfterHours: 6,
      });
      b.on('error', (err) => log.error({ err }, 'job runner error'));
      await b.start();
      for (const t of tasks.values()) {
        await b.createQueue(t.name, { name: t.name, policy: 'short', expireInSeconds: 300, retryLimit: 0 });
        await b.createQueue(kickQueue(t.name), { name: kickQueue(t.name), expireInSeconds: 300, retryLimit: 0 });
      }
      boss = b;
      for (const t of tasks.values()) {
        await b.work(t.name, { pollingIntervalSeconds: polling }, async () => {
          try {
            await runTask(t);
          } finally {
            await queueNext(t, t.everySeconds);
          }
        });
        // Many kicks waiting are served by one run.
        await b.work(kickQueue(t.name), { pollingIntervalSeconds: polling, batchSize: 50 }, () => runTask(t));
        await queueNext(t, 0);
      }
      watchdog = setInterval(() => {
        for (const t of tasks.values()) void queueNext(t, t.everySeconds);
      }, 60_000);
      watchdog.unref();
      log.info({ tasks: [...tasks.keys()] }, 'job runner started');
    },
    async stop() {
      clearInterval(watchdog);
      const b = boss;
      if (!b) return;
      stopping = true;
      boss = null;
      await b.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    async kick(name) {
      if (!boss || stopping || !tasks.has(name)) return;
      try {
        await boss.send(kickQueue(name), {});
      } catch (err) {
        log.warn({ err, task: name }, 'could not queue a run now; the periodic run will do it');
      }
    },
    async runNow(name) {
      const t = tasks.get(name);
      if (!t) throw new Error(`no task ${name}`);
      await t.run(clock.now());
    },
  };
};
