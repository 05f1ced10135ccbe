/**
 * `npm run audit -- verify|prune` on an embedded data directory: verify exits 0 on an intact
 * chain and 1 naming the first broken row; prune removes what is past the retention and says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { openEmbedded } from '../server/src/db/embedded.js';
import { EMBEDDED_MIGRATED_DUMP } from '../server/test/fixtures.js';

let dataDir: string;
const ids: string[] = [];

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openEmbedded({ dataDir: join(dataDir, 'pg') });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zz-audit-'));
  const snapshot = new Blob([await readFile(EMBEDDED_MIGRATED_DUMP)]);
  const db = await openEmbedded({ dataDir: join(dataDir, 'pg'), snapshot });
  // A year old, then recent: only the first is past the retention.
  for (const days of [365, 1, 0]) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO audit_log (at, username, operation, success, outcome)
       VALUES (now() - make_interval(days => $1), 'demo-city', 'login', true, 'ok') RETURNING id::text AS id`,
      [days],
    );
    ids.push(rows[0]!.id);
  }
  await db.close();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function audit(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'audit.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

it('verifies an intact chain', () => {
  expect(audit({}, 'verify')).toEqual({ status: 0, out: 'audit chain intact: 3 row(s) checked', err: '' });
});

it('prunes what is past the retention, and the chain still verifies', () => {
  const pruned = audit({}, 'prune');
  expect(pruned.status).toBe(0);
  expect(pruned.out).toMatch(
    new RegExp(`^audit record pruned: 1 row\\(s\\) older than .* removed; the chain now starts after row #${ids[0]}$`),
  );
  expect(audit({}, 'verify')).toMatchObject({ status: 0, out: 'audit chain intact: 3 row(s) checked' });
});

it('refuses a retention shorter than six months', () => {
  const { status, err } = audit({ AUDIT_RETENTION_DAYS: '90' }, 'prune');
  expect(status).toBe(1);
  expect(err).toBe(
    'configuration error: AUDIT_RETENTION_DAYS must be a whole number of days, at least 183 (six months), got "90"',
  );
});

it('exits 1 naming the first broken row of a chain edited behind its guard', async () => {
  await withDatabase((db) =>
    db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await tx.query(`UPDATE audit_log SET username = 'someone-else' WHERE id = $1`, [ids[1]]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    }),
  );
  const { status, err } = audit({}, 'verify');
  expect(status).toBe(1);
  expect(err).toBe(
    `audit chain broken at row #${ids[1]}: its fields do not match its hash: it was changed (1 row(s) checked)`,
  );
});

it('says how to use it', () => {
  expect(audit({}, 'repair')).toMatchObject({ status: 2, err: 'usage: unknown command "repair"; use verify or prune' });
});
