/**
 * `npm run bench`: generates the city-scale demo and loads it into a real PostGIS server
 * (a fresh database `zongzhi_bench` on the server BENCH_DATABASE_URL names, default the local
 * postgres) and into a fresh embedded database,
 * each phase in its own process. Prints wall time and peak memory per phase.
 * Targets (issue 2): under 2 min on real PostGIS, under 10 min embedded, under 2 GB memory.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'city' }, skip: { type: 'string', multiple: true, default: [] } },
});
const work = join(tmpdir(), `zz-bench-${values.scale}`);
const dir = join(work, 'dataset');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

function phase(
  name: string,
  extra: string[] = [],
): { wallMs: number; maxRssMiB: number; counts?: Record<string, number> } {
  const out = execFileSync(
    'npx',
    ['tsx', 'scripts/bench/measure-phase.ts', '--phase', name, '--dir', dir, '--scale', values.scale!, ...extra],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(out.trim().split('\n').pop()!);
  console.log(
    `${name.padEnd(14)} ${(result.wallMs / 1000).toFixed(1).padStart(7)} s   peak RSS ${String(result.maxRssMiB).padStart(5)} MiB`,
  );
  return result;
}

await rm(work, { recursive: true, force: true });
console.log(`scale ${values.scale}; node ${process.version}; ${new Date().toISOString()}`);
phase('generate');
const phases = ['load-server', 'load-embedded'].filter((p) => !values.skip!.includes(p));
for (const p of phases) {
  const result = phase(p, p === 'load-server' ? ['--database-url', databaseUrl] : ['--data-dir', join(work, 'pg')]);
  if (result.counts) console.log(`               rows: ${JSON.stringify(result.counts)}`);
}
await rm(work, { recursive: true, force: true });
