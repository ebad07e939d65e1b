import path from 'node:path';

export const BENCH_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_DIR = path.resolve(BENCH_DIR, '..');

/** Never the test database: the bench drops and recreates this one. */
export const benchDatabaseUrl = () =>
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mentorbridge_bench';

export const pgliteDir = (scale: string) => path.join(BENCH_DIR, '.data', `pglite-${scale}`);

/** Today's date where the bench organizations are (America/New_York). */
export const orgToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
