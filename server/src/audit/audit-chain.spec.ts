/**
 * The audit record's hash chain in the database: written by the trigger of migration 018,
 * verified by verifyAuditChain, broken by an attacker who edits or removes rows behind the
 * append-only guard (simulated by disabling it, as the table's owner can), and kept verifiable
 * by pruning.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eachDriver, openTestDatabase, type Driver } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { openEmbedded } from '../db/embedded.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import { openServer } from '../db/server.js';
import { databaseUrlFor, dropDatabase, recreateDatabase } from '../db/server-admin.js';
import { pruneAudit } from './retention.js';
import { verifyAuditChain } from './verify.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows written with a chosen time (the application's rows take the database's clock). */
async function insertAt(db: Database, at: Date, operation: string, target: string | null = null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO audit_log (at, username, operation, target, success, outcome)
     VALUES ($1, 'zz-tester', $2, $3, true, 'ok') RETURNING id::text AS id`,
    [at, operation, target],
  );
  return rows[0]!.id;
}

/** What an attacker with the table owner's rights can do: the guard off, a change, the guard on. */
async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
  });
}

const ids = async (db: Database) =>
  (await db.query<{ id: string }>(`SELECT id::text AS id FROM audit_log ORDER BY audit_log.id`)).rows.map((r) => r.id);

/** A database with no migrations applied, and how to get rid of it. */
async function openEmpty(driver: Driver): Promise<Database> {
  if (driver === 'embedded') return openEmbedded();
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `zz_test_${randomBytes(6).toString('hex')}`;
  await recreateDatabase(adminUrl, name);
  const db = await openServer(databaseUrlFor(adminUrl, name), { max: 2 });
  return {
    ...db,
    async close() {
      await db.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

eachDriver('the audit hash chain', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'migrated');
    return () => db.close();
  });

  const now = new Date();
  const write = async (count: number) => {
    const written: string[] = [];
    for (let i = 0; i < count; i += 1) written.push(await insertAt(db, now, 'advanceCase', `C-${i}`));
    return written;
  };

  it('chains every row written, and finds the chain intact', async () => {
    await write(3);
    await insertAuditEntry(db, { username: 'demo-city', operation: 'login', target: null, success: true });
    expect(await verifyAuditChain(db)).toEqual({ intact: true, checked: 4, firstBrokenId: null, problem: null });
  });

  it('keeps one chain when many transactions write at once', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction((tx) =>
          insertAuditEntry(tx, { username: `u${i}`, operation: 'login', target: null, success: true }),
        ),
      ),
    );
    const forks = await db.query(`SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1`);
    expect(forks.rows).toEqual([]);
    expect(await verifyAuditChain(db, 5)).toMatchObject({ intact: true, checked: 24 });
  });

  it('refuses to change or remove a row, or to empty the table', async () => {
    await write(2);
    await expect(db.query(`UPDATE audit_log SET success = false`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await ids(db)).toHaveLength(2);
  });

  it('names a row whose fields were edited', async () => {
    const [, second] = await write(4);
    await tamper(db, `UPDATE audit_log SET detail = 'nothing happened' WHERE id = $1`, [second]);
    expect(await verifyAuditChain(db, 2)).toEqual({
      intact: false,
      checked: 2,
      firstBrokenId: second,
      problem: 'its fields do not match its hash: it was changed',
    });
  });

  it('names the row after one that was removed', async () => {
    const [first, second, third] = await write(4);
    await tamper(db, `DELETE FROM audit_log WHERE id = $1`, [second]);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: false, firstBrokenId: third });
    expect(report.problem).toBe(
      `does not chain to row #${first}: a row between them was removed, or #${first} was changed`,
    );
  });

  it('notices the newest rows removed', async () => {
    const written = await write(3);
    await tamper(db, `DELETE FROM audit_log WHERE id = $1`, [written[2]]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, firstBrokenId: written[2] });
  });

  describe('pruning', () => {
    // The clock of the prune runs far ahead of the database's, so that the rows the
    // application wrote count as old, and rows written with a time can be kept.
    const clock = new Date(now.getTime() + 400 * DAY_MS);

    it('removes the rows older than the retention, keeps the rest, audits itself and leaves a chain that verifies', async () => {
      const old = [await insertAt(db, new Date(clock.getTime() - 300 * DAY_MS), 'login')];
      old.push(await insertAt(db, new Date(clock.getTime() - 184 * DAY_MS), 'advanceCase'));
      const kept = [await insertAt(db, new Date(clock.getTime() - 183 * DAY_MS + 60_000), 'advanceCase')];
      kept.push(await insertAt(db, new Date(clock.getTime() - 10 * DAY_MS), 'reportCase'));

      const done = await pruneAudit(db, { now: clock, retentionDays: 183, username: 'scheduler' });

      expect(done).toMatchObject({ removed: 2, anchorId: old[1] });
      const left = await ids(db);
      expect(left.slice(0, 2)).toEqual(kept);
      const { rows } = await db.query<{ username: string; success: boolean; detail: string }>(
        `SELECT username, success, detail FROM audit_log WHERE operation = 'pruneAudit'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ username: 'scheduler', success: true });
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({ removed: 2, anchorId: old[1] });
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true, checked: 3 });

      // Pruning again with nothing to remove says so, and the chain still verifies.
      expect(await pruneAudit(db, { now: clock, retentionDays: 183, username: 'scheduler' })).toMatchObject({
        removed: 0,
        anchorId: old[1],
      });
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true, checked: 4 });
    });

    it('keeps every row written since the first one inside the retention', async () => {
      await insertAt(db, new Date(clock.getTime() - 200 * DAY_MS), 'login');
      const inside = await insertAt(db, new Date(clock.getTime() - 30 * DAY_MS), 'login');
      // Written later but stamped older: pruning removes only from the start of the chain.
      const late = await insertAt(db, new Date(clock.getTime() - 250 * DAY_MS), 'login');
      await pruneAudit(db, { now: clock, retentionDays: 183, username: 'scheduler' });
      expect((await ids(db)).slice(0, 2)).toEqual([inside, late]);
    });

    it('still notices rows removed at the start of the record after pruning', async () => {
      await insertAt(db, new Date(clock.getTime() - 300 * DAY_MS), 'login');
      await pruneAudit(db, { now: clock, retentionDays: 183, username: 'scheduler' });
      const [record] = await ids(db);
      const kept = await insertAt(db, new Date(clock.getTime() - DAY_MS), 'login');
      await tamper(db, `DELETE FROM audit_log WHERE id = $1`, [record]);
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ intact: false, firstBrokenId: kept });
      expect(report.problem).toMatch(/does not chain to the pruning anchor/);
    });

    it('refuses a retention shorter than six months', async () => {
      await expect(pruneAudit(db, { now: clock, retentionDays: 182, username: 'scheduler' })).rejects.toThrow(
        'the audit record is kept at least 183 days; got a retention of 182',
      );
    });
  });
});

eachDriver('migration 018 on an audit record already written', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmpty(driver);
  });
  afterAll(() => db.close());

  it('chains the rows written before it and every row after', async () => {
    const all = await readMigrations();
    await migrate(
      db,
      all.filter((m) => m.version < 18),
    );
    for (const operation of ['login', 'advanceCase', 'logout']) {
      await db.query(`INSERT INTO audit_log (username, operation, success) VALUES ('demo-city', $1, true)`, [
        operation,
      ]);
    }
    await migrate(db, all);
    await insertAuditEntry(db, { username: 'demo-city', operation: 'login', target: null, success: true });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, checked: 4 });
  });
});
