/**
 * `npm run bench:data -- --scale small|state [--engine postgres|pglite] [--seed 42] [--today YYYY-MM-DD]`
 *
 * Recreates the bench database (PostgreSQL: `BENCH_DATABASE_URL`, default the local server's `mentorbridge_bench`;
 * PGlite: `bench/.data/pglite-<scale>`), applies the server's migrations, loads the data set with COPY and builds
 * the secondary indexes after the load.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres } from '../../apps/server/src/db/client.ts';
import { pgliteTarget, postgresTarget } from './copy-sink.ts';
import { GENERATED_TABLES, generate, SCALES } from './generate.ts';
import { BENCH_DIR, benchDatabaseUrl, orgToday, pgliteDir } from './paths.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    engine: { type: 'string', default: 'postgres' },
    seed: { type: 'string', default: '42' },
    today: { type: 'string' },
  },
});
const scale = SCALES[args.scale as 'small' | 'state'];
if (!scale) throw new Error(`--scale must be small or state, not ${args.scale}`);
const engine = args.engine === 'pglite' ? 'pglite' : 'postgres';
const seed = Number(args.seed);
const today = args.today ?? orgToday();
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

const recreateDatabase = async (url: string) => {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name) || name === 'mentorbridge_test') throw new Error(`Refusing to recreate database "${name}"`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
};

/** Secondary indexes of the loaded tables (not those behind primary-key or unique constraints). */
const secondaryIndexes = async (pool: pg.Pool) =>
  (
    await pool.query<{ name: string; def: string }>(
      `select c2.relname as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class c on c.oid = i.indrelid join pg_class c2 on c2.oid = i.indexrelid
        where c.relnamespace = 'public'::regnamespace and c.relname = any($1)
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      [GENERATED_TABLES],
    )
  ).rows;

const main = async () => {
  const t0 = performance.now();
  log(`Generating the ${scale.name} data set (seed ${seed}, today ${today}) into ${engine}`);
  const timings: Record<string, number> = {};
  let result;
  if (engine === 'pglite') {
    const dir = pgliteDir(scale.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const database = await openPglite(dir);
    await migrateDatabase(database);
    timings.migrate = seconds(t0);
    const t1 = performance.now();
    result = await generate(pgliteTarget(database.pglite!), { scale, seed, today, log });
    timings.copy = seconds(t1);
    const t2 = performance.now();
    await database.pglite!.exec('vacuum analyze');
    timings.analyze = seconds(t2);
    await database.close();
  } else {
    const url = benchDatabaseUrl();
    await recreateDatabase(url);
    const database = await openPostgres(url, GENERATED_TABLES.length + 2);
    await migrateDatabase(database);
    const pool = database.pool!;
    const indexes = await secondaryIndexes(pool);
    for (const ix of indexes) await pool.query(`drop index "${ix.name}"`);
    // Nothing references audit events, so their primary key too is built once, after the load.
    await pool.query('alter table audit_event drop constraint audit_event_pkey');
    indexes.push({ name: 'audit_event_pkey', def: 'alter table audit_event add constraint audit_event_pkey primary key (id)' });
    timings.migrate = seconds(t0);
    const t1 = performance.now();
    result = await generate(postgresTarget(pool), { scale, seed, today, log });
    timings.copy = seconds(t1);
    log(`  loaded in ${timings.copy} s; building ${indexes.length} indexes`);
    const t2 = performance.now();
    // Two builders at a time: one per core.
    const queue = [...indexes].sort((a, b) => a.def.localeCompare(b.def));
    await Promise.all(
      [0, 1].map(async () => {
        const client = await pool.connect();
        await client.query(`set maintenance_work_mem = '512MB'`);
        for (let ix = queue.shift(); ix; ix = queue.shift()) await client.query(ix.def);
        client.release();
      }),
    );
    timings.indexes = seconds(t2);
    const t3 = performance.now();
    await pool.query('vacuum (analyze)');
    timings.analyze = seconds(t3);
    await database.close();
  }
  timings.total = seconds(t0);
  const summary = { scale: scale.name, engine, seed, today, finishedAt: new Date().toISOString(), timings, ...result };
  mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(path.join(BENCH_DIR, 'results', `load-${scale.name}-${engine}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  log(`Done in ${timings.total} s: ${JSON.stringify(timings)}`);
  log(Object.entries(result.rows).map(([t, n]) => `  ${t}: ${n.toLocaleString('en-US')}`).join('\n'));
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
