/** Prints a results file as the markdown table docs/performance.md carries: `node --import tsx bench/src/report.ts <file>` */
import { readFileSync } from 'node:fs';

type R = {
  scenario: string;
  target: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  ratioToBaseline?: number;
  peakRssMb?: number;
  connections?: number;
};
const file = process.argv[2];
if (!file) throw new Error('usage: report.ts <results.json>');
const data = JSON.parse(readFileSync(file, 'utf8')) as {
  results: R[];
  connections: number;
  targets: Record<string, { rps: number; p99: number }>;
};
const lines = [
  '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | × baseline | target | peak RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|---|---:|',
];
for (const r of data.results) {
  const t = data.targets[r.target];
  const target = t ? `≥ ${t.rps.toLocaleString('en-US')}/s, p99 ≤ ${t.p99} ms` : r.target === 'board' ? '≤ 300 ms' : '';
  lines.push(
    `| ${r.scenario}${r.connections && r.connections !== data.connections ? ` (${r.connections} connections)` : ''} | ${r.rps.toLocaleString('en-US')} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.ratioToBaseline ?? ''} | ${target} | ${r.peakRssMb ?? ''} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
