/**
 * Migration 017 keeps the case events per village by triggers. Whatever is written to
 * case_events, directly or by deleting cases, the kept counts must equal a direct count.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from './database.js';

const DIRECT = 'SELECT left(case_code, 12) AS village_code, count(*)::int AS n FROM case_events GROUP BY 1 ORDER BY 1';
const KEPT = 'SELECT village_code, n FROM case_event_counts WHERE n <> 0 ORDER BY 1';

eachDriver('the case events counted per village', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterEach(() => db.close());

  const expectInStep = async () => expect((await db.query(KEPT)).rows).toEqual((await db.query(DIRECT)).rows);

  it('match the data as loaded', async () => {
    expect((await db.query(KEPT)).rows.length).toBeGreaterThan(1);
    await expectInStep();
  });

  it('follow events added, moved to another case, removed with their case, and truncated', async () => {
    const { rows } = await db.query<{ code: string }>(
      `SELECT min(code) AS code FROM cases GROUP BY village_code ORDER BY 1 LIMIT 2`,
    );
    const [first, second] = rows.map((r) => r.code);
    await db.query(
      `INSERT INTO case_events (case_code, at, from_status, to_status, actor)
       SELECT $1::text, now(), 'registered', 'mediating', 'test' FROM generate_series(1, 3)`,
      [first],
    );
    await expectInStep();
    await db.query(`UPDATE case_events SET case_code = $1 WHERE id = (SELECT max(id) FROM case_events)`, [second]);
    await expectInStep();
    await db.query('DELETE FROM cases WHERE code = $1', [second]);
    await expectInStep();
    await db.query('TRUNCATE case_events');
    expect((await db.query(KEPT)).rows).toEqual([]);
  });
});
