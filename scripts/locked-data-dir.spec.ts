/**
 * The command-line tools on an embedded data directory that a running server owns: they write
 * nothing and tell the operator what to do instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { SERVER_LABEL } from '../server/src/db/data-dir-lock.js';
import { openEmbedded } from '../server/src/db/embedded.js';
import { EMBEDDED_MIGRATED_DUMP } from '../server/test/fixtures.js';

let dataDir: string;
let server: Database;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zz-cli-'));
  // This test process stands in for the server holding DATA_DIR/pg open.
  const snapshot = new Blob([await readFile(EMBEDDED_MIGRATED_DUMP)]);
  server = await openEmbedded({ dataDir: join(dataDir, 'pg'), snapshot, label: SERVER_LABEL });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  return { status: result.status, err: result.stderr };
}

it('npm run import names the server and its PID, and points to the upload page', async () => {
  const file = join(dataDir, 'cameras.geojson');
  await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [] }));

  const { status, err } = run('import.ts', '--layer', 'cameras', '--file', file, '--crs', 'gcj02');

  expect(status).toBe(1);
  expect(err.trim()).toBe(
    `import refused: the embedded database ${join(dataDir, 'pg')} is in use by the server (PID ${process.pid}); ` +
      'only one process at a time may open it. While the server runs, upload the file on its import page ' +
      '(/admin/import) instead; or stop the server and run the import again.',
  );
});

it('npm run seed names the server and its PID, and says to stop it first', () => {
  const { status, err } = run('seed.ts', '--dir', join(dataDir, 'no-such-data-set'));

  expect(status).toBe(1);
  expect(err).toContain(`is in use by the server (PID ${process.pid})`);
  expect(err).toContain('Stop the server first, then run the seed again.');
});

it('npm run audit names the server and its PID, and points to the audit page', () => {
  const { status, err } = run('audit.ts', 'verify');

  expect(status).toBe(1);
  expect(err).toContain(`is in use by the server (PID ${process.pid})`);
  expect(err).toContain('While the server runs, verify the chain on its page /admin/audit');
});
