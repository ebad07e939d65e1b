/**
 * `npm run bench [-- --scale state|small] [--engine postgres|pglite] [--duration 10] [--connections 50]
 *   [--mentors 2000] [--supervisors 300] [--managers 100] [--only scenario,…]`
 *
 * Starts the bare baseline and then the real server (production mode) on the loaded bench database, checks the hot
 * queries' plans, signs in thousands of distinct users through the real auth API, drives each scenario and the mix
 * with autocannon, and writes `bench/results/<date>-<scale>[-pglite].json`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import pg from 'pg';
import { findEmbeddedInstrument } from '@mentorbridge/core';
import { BENCH_PASSWORD } from './generate.ts';
import { checkPlans } from './plans.ts';
import { BENCH_DIR, REPO_DIR, benchDatabaseUrl, orgToday, pgliteDir } from './paths.ts';
import { Rng } from './rng.ts';
import { type BenchUser, loadWorkload, type Workload } from './workload.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'state' },
    engine: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string' },
    mentors: { type: 'string', default: '2000' },
    supervisors: { type: 'string', default: '300' },
    managers: { type: 'string', default: '100' },
    /** The server's PostgreSQL pool (DATABASE_POOL_SIZE); default two per core, the best of 4/10/20 measured here. */
    pool: { type: 'string' },
    only: { type: 'string' },
    'skip-plans': { type: 'boolean', default: false },
    'plans-only': { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of the server to bench/.data/profiles (open it in Chrome DevTools). */
    profile: { type: 'boolean', default: false },
  },
});
const engine = args.engine === 'pglite' ? 'pglite' : 'postgres';
const scale = args.scale!;
const duration = Number(args.duration);
const connections = Number(args.connections ?? (engine === 'pglite' ? 20 : 50));
const SIGN_IN_CONCURRENCY = 8;
const PORT = 3901;
const BASE_PORT = 3902;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Processes

const startProcess = async (name: string, script: string, env: Record<string, string>, ready: string, nodeArgs: string[] = []) => {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: REPO_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${out.slice(-2000)}`)));
  });
  child.removeAllListeners('exit');
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  // Logs go on to a file, as they would to a log shipper.
  const file = createWriteStream(path.join(BENCH_DIR, '.data', `${name}.log`));
  file.write(out);
  child.stdout!.pipe(file);
  child.stderr!.pipe(file);
  return child;
};

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
};

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Sign-in

/** Signs each user in through better-auth's own endpoint; each simulated user comes from its own address. */
const signInAll = async (users: BenchUser[], concurrency: number) => {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    for (let i = next++; i < users.length; i = next++) {
      const u = users[i]!;
      const res = await fetch(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: ORIGIN,
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ email: u.email, password: BENCH_PASSWORD }),
      });
      await res.text();
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .filter((c) => !c.endsWith('='))
        .join('; ');
      if (res.status !== 200 || !cookie) failed += 1;
      else u.cookie = cookie;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
};

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

type Req = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string; onBody?: (status: number, body: string) => void };
/**
 * `last` scenarios run after the mix at `connections` of their own: note signing re-enters the password (R-1.31,
 * ~100 ms of scrypt CPU each), and 50 connections of it would take both cores from whatever runs next.
 */
type Scenario = { name: string; target: string; make: () => Req; last?: { connections: number } };

const scenarios = (w: Workload): Scenario[] => {
  const rng = new Rng(11);
  // Notes are written the day after the visit (yesterday's 07:00–08:00 has ended whatever the hour of the run).
  const yesterday = new Date(Date.parse(`${orgToday()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const signed = (u: BenchUser) => u.cookie !== undefined;
  const mentors = w.mentors.filter(signed);
  const supervisors = w.supervisors.filter(signed);
  const managers = w.managers.filter(signed);
  const headers = (u: BenchUser, write = false): Record<string, string> => ({
    cookie: u.cookie!,
    ...(write ? { 'content-type': 'application/json', 'x-requested-with': 'mentorbridge', origin: ORIGIN } : {}),
  });
  const get = (u: BenchUser, p: string): Req => ({ method: 'GET', path: p, headers: headers(u) });
  const post = (u: BenchUser, p: string, body: unknown): Req => ({
    method: 'POST',
    path: p,
    headers: headers(u, true),
    body: JSON.stringify(body),
  });
  const mentor = () => rng.pick(mentors);
  const supervisor = () => rng.pick(supervisors);
  const signers = mentors.filter((m) => m.drafts.length);
  const reviewers = supervisors.filter((s) => s.pending.length);
  const all: (Scenario | null)[] = [
    {
      name: 'youth record read',
      target: 'youth',
      make: () => {
        const m = mentor();
        return get(m, `/api/v1/youth/${rng.pick(m.youthIds)}`);
      },
    },
    { name: 'mentor today', target: 'list', make: () => get(mentor(), '/api/v1/dashboard/today') },
    { name: 'mentor caseload', target: 'list', make: () => get(mentor(), '/api/v1/dashboard/caseload') },
    { name: 'youth search', target: 'list', make: () => get(rng.pick(managers), `/api/v1/youth?q=${rng.pick(['gar', 'smi', 'ngu', 'lop', 'riv'])}&pageSize=20`) },
    { name: 'review queue', target: 'list', make: () => get(supervisor(), '/api/v1/review-queue') },
    {
      name: 'note draft create',
      target: 'write',
      make: () => {
        const m = mentor();
        const i = rng.int(0, m.youthIds.length - 1);
        const req = post(m, `/api/v1/youth/${m.youthIds[i]}/contacts`, {
          kind: 'session', date: yesterday, startTime: '07:00', endTime: '08:00', setting: 'community', modality: 'in_person',
          goalIds: m.goalIds[i] ? [m.goalIds[i]] : [], activities: ['role_play'], skills: ['problem_solving'],
          youthResponse: 'Practised asking for help in a role play.', plan: 'Try it at school this week.', safetyConcern: false,
        });
        // A complete draft: the mentor signs it later (the sign scenario takes these first).
        req.onBody = (status, body) => {
          if (status !== 201 && status !== 200) return;
          const c = JSON.parse(body) as { id: string; version: number };
          m.drafts.push({ id: c.id, version: c.version });
          if (!signers.includes(m)) signers.push(m);
        };
        return req;
      },
    },
    {
      name: 'note sign',
      target: 'sign',
      last: { connections: SIGN_CONNECTIONS },
      make: () => {
        const ready = signers.filter((s) => s.drafts.length);
        const m = ready.length ? rng.pick(ready) : mentor();
        const d = m.drafts.pop() ?? { id: '00000000-0000-4000-8000-000000000000', version: 1 };
        return post(m, `/api/v1/contacts/${d.id}/sign`, { password: BENCH_PASSWORD, version: d.version });
      },
    },
    !reviewers.length ? null : {
      name: 'review approve',
      target: 'write',
      make: () => {
        const ready = reviewers.filter((r) => r.pending.length);
        const s = ready.length ? rng.pick(ready) : supervisor();
        const n = s.pending.pop() ?? { id: '00000000-0000-4000-8000-000000000000', version: 1 };
        return post(s, `/api/v1/contacts/${n.id}/review`, { action: 'approve', version: n.version });
      },
    },
    {
      // A GAD-7 given during a visit: scored, stored and audited in one transaction (no safety item, so no alert).
      name: 'questionnaire submit',
      target: 'write',
      make: () => {
        const m = mentor();
        const answers = Object.fromEntries(GAD7_ITEMS.map((id) => [id, rng.int(0, 3)]));
        return post(m, `/api/v1/youth/${rng.pick(m.youthIds)}/measures`, { instrumentId: 'gad7', answers });
      },
    },
    { name: 'program compliance board', target: 'list', make: () => get(rng.pick(managers), '/api/v1/dashboard/compliance') },
  ];
  return all.filter((s): s is Scenario => s !== null);
};

const GAD7_ITEMS = findEmbeddedInstrument('gad7')!.items.map((i) => i.id);

/** Concurrent note signings: one per core, so scrypt saturates the machine without queueing behind itself. */
const SIGN_CONNECTIONS = 2;

/**
 * The realistic mix: mostly a mentor's screens on a phone, some writing, supervisors reviewing, managers' boards.
 * Signing is measured on its own (see `last`): each one costs ~100 ms of CPU by design, so any share of it in the
 * mix sets the mix's ceiling by itself (docs/performance.md has the arithmetic).
 */
const MIX: Record<string, number> = {
  'youth record read': 25,
  'mentor today': 20,
  'mentor caseload': 10,
  'youth search': 5,
  'review queue': 8,
  'note draft create': 10,
  'review approve': 8,
  'questionnaire submit': 9,
  'program compliance board': 3,
};

type Result = {
  scenario: string;
  target: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statusCodes: Record<string, number>;
  ratioToBaseline?: number;
  peakRssMb?: number;
  connections?: number;
};

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

const drive = async (
  name: string,
  target: string,
  port: number,
  make: () => Req,
  opts: { duration: number; connections: number; rssPid?: number },
): Promise<Result> => {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let peak = 0;
  const timer = opts.rssPid ? setInterval(() => (peak = Math.max(peak, rssMb(opts.rssPid!))), 250) : undefined;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.duration,
    requests: [
      {
        setupRequest: (req, context) => {
          const r = make();
          (context as { onBody?: Req['onBody'] }).onBody = r.onBody;
          const { onBody: _, ...rest } = r;
          return { ...req, ...rest };
        },
        onResponse: (status, body, context) => (context as { onBody?: Req['onBody'] }).onBody?.(status, body),
      },
    ],
  });
  (instance as unknown as EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
  });
  const r = await instance;
  clearInterval(timer);
  latencies.sort((a, b) => a - b);
  const errors = r.errors + r.timeouts + Object.entries(statusCodes).filter(([s]) => Number(s) >= 400).reduce((a, [, n]) => a + n, 0);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    scenario: name,
    target,
    requests: latencies.length,
    rps: Math.round(latencies.length / opts.duration),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    p99: round(pct(latencies, 99)),
    max: round(latencies.at(-1) ?? 0),
    errors,
    statusCodes,
    ...(opts.rssPid ? { peakRssMb: peak } : {}),
  };
};

const TARGETS: Record<string, { rps: number; p99: number }> = {
  youth: { rps: 4500, p99: 25 },
  list: { rps: 2600, p99: 40 },
  write: { rps: 1800, p99: 40 },
  mix: { rps: 3000, p99: 30 },
  sign: { rps: 1800, p99: 40 },
};

// ---------------------------------------------------------------------------------------------------------------

const main = async () => {
  const started = new Date();
  mkdirSync(path.join(BENCH_DIR, '.data'), { recursive: true });
  const dbUrl = benchDatabaseUrl();
  const dataDir = pgliteDir(scale);
  const dbEnv: Record<string, string> = engine === 'postgres' ? { DATABASE_URL: dbUrl } : { DATA_DIR: dataDir, DATABASE_URL: '' };
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    postgres: '',
  };

  // Users and their records, read straight from the bench data (PGlite: through the embedded engine, before the
  // server takes its lock).
  let workload: Workload;
  const counts = { mentors: Number(args.mentors), supervisors: Number(args.supervisors), managers: Number(args.managers) };
  if (engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
    machine.postgres = (await pool.query('show server_version')).rows[0].server_version;
    workload = await loadWorkload(pool, counts);
    await pool.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(path.join(dataDir, 'pglite'));
    machine.postgres = `PGlite ${(await db.query<{ server_version: string }>('show server_version')).rows[0]!.server_version}`;
    const shim = { query: (text: string, values?: unknown[]) => db.query(text, values) } as unknown as pg.Pool;
    workload = await loadWorkload(shim, counts);
    await db.close();
  }
  log(`Workload: ${workload.mentors.length} mentors, ${workload.supervisors.length} supervisors, ${workload.managers.length} program managers`);

  if (args['plans-only']) {
    // Query health alone (no load): the in-process app runs each scenario once and every plan is checked.
    const plans = await checkPlans({ databaseUrl: dbUrl, workload, origin: ORIGIN, scenarios: (w) => scenarios(w) });
    log(`${plans.queries.length} distinct queries; ${plans.violations.length} sequential scans of large tables`);
    log(`Round trips per request: ${JSON.stringify(plans.roundTrips)}`);
    for (const v of plans.violations) log(`  ${v.table} (${v.rows} rows) in ${v.scenarios.join(', ')}: ${v.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (plans.violations.length) process.exitCode = 1;
    return;
  }

  const results: Result[] = [];
  const only = args.only ? new Set(args.only.split(',')) : null;

  // 1. The bare baseline, alone on the machine.
  const baseline = await startProcess('baseline', 'bench/src/baseline-server.ts', { ...dbEnv, PORT: String(BASE_PORT) }, 'baseline ready');
  const brng = new Rng(3);
  const bareReq = (): Req => ({ method: 'GET', path: `/bare/youth/${brng.pick(workload.youthIds)}`, headers: {} });
  await drive('warm-up', 'baseline', BASE_PORT, bareReq, { duration: 2, connections });
  const base = await drive('baseline: bare Fastify + one indexed SELECT', 'baseline', BASE_PORT, bareReq, { duration, connections });
  results.push(base);
  log(`  ${base.scenario}: ${base.rps} req/s, p99 ${base.p99} ms`);
  await stop(baseline);

  // 2. The product, in production mode.
  const server = await startProcess(
    'server',
    'apps/server/src/main.ts',
    {
      ...dbEnv,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: ORIGIN,
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
      SEED_DEMO: 'never',
      // The session idle timeout must outlast the run: users signed in first are driven minutes later.
      SESSION_IDLE_TIMEOUT_MINUTES: '120',
      // Deployment setting for this host: more connections than the cores can serve only queue inside PostgreSQL.
      DATABASE_POOL_SIZE: args.pool ?? String(os.cpus().length * 2),
    },
    'Mentorbridge is running',
    args.profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(BENCH_DIR, '.data', 'profiles')] : [],
  );
  try {
    let plans = null;
    if (!args['skip-plans'] && engine === 'postgres') {
      log('Checking the hot queries\' plans');
      plans = await checkPlans({ databaseUrl: dbUrl, workload, origin: ORIGIN, scenarios: (w) => scenarios(w) });
      log(`  ${plans.queries.length} distinct queries; ${plans.violations.length} sequential scans of large tables`);
    }
    const everyone = [...workload.mentors, ...workload.supervisors, ...workload.managers, workload.bigOrgAdmin];
    const t0 = performance.now();
    // Concurrent sign-ins: scrypt runs on libuv's thread pool, so a few in flight keep both cores busy.
    const failed = await signInAll(everyone, SIGN_IN_CONCURRENCY);
    const signInSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`Signed in ${everyone.length - failed} users (${failed} failed) in ${signInSeconds} s`);
    if (failed > everyone.length / 10) throw new Error('Too many sign-ins failed');

    const list = scenarios(workload);
    const runScenario = async (s: Scenario, conns: number) => {
      await drive('warm-up', s.target, PORT, s.make, { duration: 2, connections: conns });
      const r = await drive(s.name, s.target, PORT, s.make, { duration, connections: conns, rssPid: server.pid });
      r.ratioToBaseline = Math.round((r.rps / base.rps) * 1000) / 1000;
      r.connections = conns;
      results.push(r);
      log(`  ${r.scenario}: ${r.rps} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms, errors ${r.errors} ${JSON.stringify(r.statusCodes)}`);
    };
    for (const s of list) {
      if ((only && !only.has(s.name)) || s.last) continue;
      await runScenario(s, connections);
    }
    if (!only || only.has('mix')) {
      const weighted = list.flatMap((s) => Array.from({ length: MIX[s.name] ?? 0 }, () => s));
      const mrng = new Rng(5);
      const r = await drive('realistic mix', 'mix', PORT, () => mrng.pick(weighted).make(), { duration: duration * 2, connections, rssPid: server.pid });
      r.ratioToBaseline = Math.round((r.rps / base.rps) * 1000) / 1000;
      results.push(r);
      log(`  ${r.scenario}: ${r.rps} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms, errors ${r.errors}, peak RSS ${r.peakRssMb} MB`);
    }
    // The compliance board over the largest organization, one request at a time.
    const admin = workload.bigOrgAdmin;
    const board = await drive('compliance board, largest organization (sequential)', 'board', PORT, () => ({ method: 'GET', path: '/api/v1/dashboard/compliance', headers: { cookie: admin.cookie! } }), { duration: 5, connections: 1 });
    results.push(board);
    log(`  ${board.scenario}: p50 ${board.p50} p99 ${board.p99} max ${board.max} ms ${JSON.stringify(board.statusCodes)}`);
    // Last, at their own concurrency: nothing runs after them that they could starve.
    for (const s of list) {
      if ((only && !only.has(s.name)) || !s.last) continue;
      await runScenario(s, s.last.connections);
    }

    const file = path.join(BENCH_DIR, 'results', `${started.toISOString().slice(0, 10)}-${scale}${engine === 'pglite' ? '-pglite' : ''}.json`);
    const out = {
      startedAt: started.toISOString(),
      scale,
      engine,
      durationSeconds: duration,
      connections,
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) },
      signIn: { users: everyone.length, failed, seconds: signInSeconds },
      targets: TARGETS,
      results,
      plans,
    };
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    log(`Wrote ${path.relative(REPO_DIR, file)}`);
    if (plans?.violations.length) {
      log('FAIL: hot queries read large tables by sequential scan:');
      for (const v of plans.violations) log(`  ${v.table} (${v.rows} rows) in: ${v.sql.slice(0, 200)}`);
      process.exitCode = 1;
    }
  } finally {
    await stop(server);
  }
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
