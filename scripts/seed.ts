/**
 * `npm run seed -- --scale tiny|city [--seed N] [--as-of YYYY-MM-DD]`: generates the demo city
 * (cached under DATA_DIR/demo) and loads it into the configured database, replacing the
 * governance map in one transaction. `--dir PATH` loads an existing data set folder instead.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig, todayIn } from '../server/src/config.js';
import { DataDirLockedError, SERVER_LABEL } from '../server/src/db/data-dir-lock.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/open.js';
import { loadDataset, LoadError } from '../server/src/loader/load-dataset.js';
import { generateDemoDataset } from '../server/src/seed/demo-data.js';
import { publishHistory } from '../server/src/stability/backfill.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'tiny' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      dir: { type: 'string' },
    },
  });
  const config = readConfig();
  if (values.scale !== 'tiny' && values.scale !== 'city')
    throw new Error(`--scale must be tiny or city, got "${values.scale}"`);
  const seed = values.seed === undefined ? config.demoSeed : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const asOf = values['as-of'] ?? todayIn(config.timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new Error(`--as-of must be YYYY-MM-DD, got "${asOf}"`);

  const started = performance.now();
  const dir = values.dir
    ? resolve(values.dir)
    : await generateDemoDataset({ scale: values.scale, seed, asOf, cacheDir: join(resolve(config.dataDir), 'demo') });
  const generatedMs = performance.now() - started;
  if (!values.dir) console.log(`data set ready in ${(generatedMs / 1000).toFixed(1)} s: ${dir}`);

  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'pg'),
    label: 'a seed (npm run seed)',
  });
  try {
    await migrate(db);
    const result = await loadDataset(db, dir);
    console.log(`loaded into the ${db.kind} database in ${(result.durationMs / 1000).toFixed(1)} s:`, result.counts);
    // The stability index history the data covers, as on a first start (server/src/seed/demo-data.ts).
    const indexStarted = performance.now();
    const published = await publishHistory(db, new Date());
    console.log(
      `stability index history: ${published.length} periods published in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
}

function explain(error: unknown): string {
  if (error instanceof LoadError) return `load failed, nothing was changed: ${error.message}`;
  // The seed replaces the whole map, which no page of a running server does: it has to stop.
  if (error instanceof DataDirLockedError) {
    return `seed refused: ${error.message}. Stop ${error.owner.label === SERVER_LABEL ? 'the server' : 'that process'} first, then run the seed again.`;
  }
  return (error as Error).message;
}

main().catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
