/**
 * One measured phase of the load benchmark, run in its own process so that its peak
 * memory (max RSS) is its own: `generate`, `load-server` or `load-embedded`.
 * Prints one JSON line: { phase, wallMs, maxRssMiB, counts? }.
 */
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateDataset } from '../../server/src/seed/demo-city/generate.js';
import { openEmbedded } from '../../server/src/db/embedded.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openServer } from '../../server/src/db/server.js';
import { databaseUrlFor, recreateDatabase } from '../../server/src/db/server-admin.js';

const BENCH_DATABASE = 'zongzhi_bench';
import { loadDataset } from '../../server/src/loader/load-dataset.js';

const { values } = parseArgs({
  options: {
    phase: { type: 'string' },
    dir: { type: 'string' },
    scale: { type: 'string', default: 'city' },
    'as-of': { type: 'string', default: '2026-11-22' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const dir = values.dir!;
const started = performance.now();
let counts: Record<string, number> | undefined;

switch (values.phase) {
  case 'generate':
    await generateDataset({ scale: values.scale as 'tiny' | 'city', seed: 42, asOf: values['as-of']!, outDir: dir });
    break;
  case 'load-server': {
    // A fresh database each run, beside the server's maintenance database.
    const url = values['database-url']!;
    await recreateDatabase(url, BENCH_DATABASE);
    const db = await openServer(databaseUrlFor(url, BENCH_DATABASE));
    await migrate(db);
    counts = (await loadDataset(db, dir)).counts;
    await db.close();
    break;
  }
  case 'load-embedded': {
    const dataDir = values['data-dir']!;
    await rm(dataDir, { recursive: true, force: true });
    const db = await openEmbedded({ dataDir });
    await migrate(db);
    const loadStarted = performance.now();
    counts = (await loadDataset(db, dir)).counts;
    const loadMs = performance.now() - loadStarted;
    await db.close();
    console.error(`embedded: load alone ${(loadMs / 1000).toFixed(1)} s (the rest is PostGIS install + migrations)`);
    break;
  }
  default:
    throw new Error(`--phase must be generate, load-server or load-embedded, got "${values.phase}"`);
}

console.log(
  JSON.stringify({
    phase: values.phase,
    wallMs: Math.round(performance.now() - started),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    counts,
  }),
);
