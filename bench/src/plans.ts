/**
 * Query health: runs each scenario once through the real app (in this process, on the bench database), records
 * every SQL statement the server sends, and asks PostgreSQL for each one's plan with the same parameters. A
 * sequential scan of a large table in any of them is a failure.
 */
import pg from 'pg';
import { loadConfig } from '../../apps/server/src/config.ts';
import { prepareServer } from '../../apps/server/src/server.ts';
import { BENCH_PASSWORD } from './generate.ts';
import type { BenchUser, Workload } from './workload.ts';

/** Tables with more rows than this must be reached through an index on the hot paths. */
export const LARGE_TABLE_ROWS = 10_000;

type Captured = { text: string; values: unknown[] };
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[]; 'Total Cost'?: number };
type ScenarioLike = { name: string; make: () => { method: string; path: string; headers: Record<string, string>; body?: string } };

export type PlanReport = {
  statuses: Record<string, number>;
  /** Statements sent to PostgreSQL while serving one request of each scenario (BEGIN/COMMIT included). */
  roundTrips: Record<string, number>;
  queries: { sql: string; scenarios: string[]; nodes: string[]; totalCost: number }[];
  violations: { table: string; rows: number; sql: string; scenarios: string[] }[];
};

const walk = (n: PlanNode, out: PlanNode[] = []) => {
  out.push(n);
  for (const c of n.Plans ?? []) walk(c, out);
  return out;
};

const describe = (n: PlanNode) =>
  `${n['Node Type']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`;

export const checkPlans = async (opts: {
  databaseUrl: string;
  workload: Workload;
  origin: string;
  scenarios: (w: Workload) => ScenarioLike[];
}): Promise<PlanReport> => {
  const statuses: Record<string, number> = {};
  const roundTrips: Record<string, number> = {};
  const captured = new Map<string, { q: Captured; scenarios: Set<string> }>();
  let current: string | null = null;
  const original = pg.Client.prototype.query;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wrapping pg's overloaded query method
  (pg.Client.prototype as any).query = function (this: pg.Client, config: any, values?: any, cb?: any) {
    const text = typeof config === 'string' ? config : config?.text;
    const vals = (typeof config === 'object' && config?.values) || (Array.isArray(values) ? values : []);
    if (current && typeof text === 'string') {
      roundTrips[current] = (roundTrips[current] ?? 0) + 1;
      const key = text;
      const entry = captured.get(key) ?? { q: { text, values: vals }, scenarios: new Set<string>() };
      entry.scenarios.add(current);
      captured.set(key, entry);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same arguments passed through
    return (original as any).call(this, config, values, cb);
  } as typeof original;

  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
    PUBLIC_URL: opts.origin,
    SEED_DEMO: 'never',
    LOG_LEVEL: 'silent',
  });
  const { app, database } = await prepareServer(config);
  try {
    const w = opts.workload;
    const one = (u: BenchUser | undefined) => (u ? [structuredClone(u)] : []);
    const mini: Workload = {
      mentors: one(w.mentors.find((m) => m.goalIds.length)),
      supervisors: one(w.supervisors.find((s) => s.pending.length)),
      managers: one(w.managers[0]),
      bigOrgAdmin: structuredClone(w.bigOrgAdmin),
      youthIds: w.youthIds,
    };
    for (const u of [...mini.mentors, ...mini.supervisors, ...mini.managers, mini.bigOrgAdmin]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: opts.origin },
        payload: { email: u.email, password: BENCH_PASSWORD },
      });
      const set = res.headers['set-cookie'];
      u.cookie = (Array.isArray(set) ? set : set ? [set] : []).map((c) => c.split(';')[0]).join('; ');
    }
    const list: ScenarioLike[] = [
      ...opts.scenarios(mini),
      {
        name: 'compliance board, largest organization',
        make: () => ({ method: 'GET', path: '/api/v1/dashboard/compliance', headers: { cookie: mini.bigOrgAdmin.cookie! } }),
      },
    ];
    for (const s of list) {
      const req = s.make();
      current = s.name;
      const res = await app.inject({ method: req.method as 'GET', url: req.path, headers: req.headers, payload: req.body });
      current = null;
      statuses[s.name] = res.statusCode;
      if (res.statusCode >= 500) throw new Error(`Plan check: ${s.name} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
  } finally {
    current = null;
    pg.Client.prototype.query = original;
    await app.close();
    await database.close();
  }

  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const sizes = new Map(
      (await client.query<{ relname: string; n: number }>(`select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`)).rows.map((r) => [r.relname, Number(r.n)]),
    );
    const report: PlanReport = { statuses, roundTrips, queries: [], violations: [] };
    for (const { q, scenarios } of captured.values()) {
      if (!/^\s*(select|with|update|delete)\b/i.test(q.text) || /pg_advisory/i.test(q.text)) continue;
      const { rows } = await client.query(`explain (format json) ${q.text}`, q.values);
      const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
      const nodes = walk(plan);
      report.queries.push({ sql: q.text, scenarios: [...scenarios], nodes: nodes.map(describe), totalCost: plan['Total Cost'] ?? 0 });
      for (const n of nodes) {
        const table = n['Relation Name'];
        if (n['Node Type'] === 'Seq Scan' && table && (sizes.get(table) ?? 0) > LARGE_TABLE_ROWS) {
          report.violations.push({ table, rows: sizes.get(table)!, sql: q.text, scenarios: [...scenarios] });
        }
      }
    }
    return report;
  } finally {
    await client.end();
  }
};
