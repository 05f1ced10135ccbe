/**
 * Builds the test fixtures once per `npm test` run (see fixtures.ts): generating the tiny
 * data set, migrating and loading it into one embedded database and dumping it, and, with
 * TEST_DATABASE_URL, the same into template databases on the real server.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';

import { generateDataset } from '../src/seed/demo-city/generate.js';
import { dumpEmbedded, openEmbedded } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { openServer } from '../src/db/server.js';
import { loadDataset } from '../src/loader/load-dataset.js';

import { databaseUrlFor, dropDatabase, recreateDatabase } from '../src/db/server-admin.js';

// This run's own id, set before the fixture paths are read (see fixtures.ts); workers inherit it.
process.env.ZZ_TEST_RUN ??= `${process.pid}`;
const {
  EMBEDDED_MIGRATED_DUMP,
  EMBEDDED_TINY_DUMP,
  FIXTURE_DIR,
  SERVER_TEMPLATE_MIGRATED,
  SERVER_TEMPLATE_TINY,
  TEST_AS_OF,
  TEST_SEED,
  TINY_DATASET_DIR,
} = await import('./fixtures.js');

async function buildEmbedded(): Promise<void> {
  const db = await openEmbedded();
  await migrate(db);
  await writeFile(EMBEDDED_MIGRATED_DUMP, Buffer.from(await (await dumpEmbedded(db)).arrayBuffer()));
  await loadDataset(db, TINY_DATASET_DIR);
  await writeFile(EMBEDDED_TINY_DUMP, Buffer.from(await (await dumpEmbedded(db)).arrayBuffer()));
  await db.close();
}

async function buildServerTemplates(adminUrl: string): Promise<void> {
  await recreateDatabase(adminUrl, SERVER_TEMPLATE_MIGRATED);
  const migrated = await openServer(databaseUrlFor(adminUrl, SERVER_TEMPLATE_MIGRATED), { max: 2 });
  await migrate(migrated);
  await migrated.close();
  await recreateDatabase(adminUrl, SERVER_TEMPLATE_TINY, SERVER_TEMPLATE_MIGRATED);
  const tiny = await openServer(databaseUrlFor(adminUrl, SERVER_TEMPLATE_TINY), { max: 2 });
  await loadDataset(tiny, TINY_DATASET_DIR);
  await tiny.close();
}

async function teardown(): Promise<void> {
  await rm(FIXTURE_DIR, { recursive: true, force: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await dropDatabase(url, SERVER_TEMPLATE_TINY);
    await dropDatabase(url, SERVER_TEMPLATE_MIGRATED);
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const started = performance.now();
  await rm(FIXTURE_DIR, { recursive: true, force: true });
  await mkdir(FIXTURE_DIR, { recursive: true });
  await generateDataset({ scale: 'tiny', seed: TEST_SEED, asOf: TEST_AS_OF, outDir: TINY_DATASET_DIR });
  const url = process.env.TEST_DATABASE_URL;
  await Promise.all([buildEmbedded(), url ? buildServerTemplates(url) : Promise.resolve()]);
  console.log(
    `test fixtures built in ${Math.round(performance.now() - started)} ms${url ? ' (embedded + server)' : ' (embedded)'}`,
  );
  return teardown;
}
