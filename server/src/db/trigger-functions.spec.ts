/**
 * The statement-level triggers read transition tables, which have no index and no statistics:
 * a `NOT IN (SELECT …)` over one of them turns quadratic once its rows outgrow work_mem (an
 * import updating a city's cameras never finished). Anti-joins are written NOT EXISTS.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from './database.js';

eachDriver('trigger functions after the migrations', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'migrated');
  }, 120_000);
  afterAll(() => db?.close());

  it('write no NOT IN over a subquery, which goes quadratic on a large transition table', async () => {
    const { rows } = await db.query<{ name: string; source: string }>(
      `SELECT p.proname AS name, p.prosrc AS source FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname = 'public' AND l.lanname IN ('plpgsql', 'sql')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    );
    expect(rows.map((r) => r.name)).toContain('risk_point_camera_cover_cameras');
    const offenders = rows.filter((r) => /\bNOT\s+IN\s*\(\s*SELECT\b/i.test(r.source)).map((r) => r.name);
    expect(offenders).toEqual([]);
  });
});
