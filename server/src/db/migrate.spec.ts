import { afterEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from './database.js';
import { migrate, migrationsApplied, readMigrations } from './migrate.js';

const CONTRACT_TABLES = ['admin_units', 'grids', 'cameras', 'risk_points', 'cases', 'case_events', 'users'];

/** Drops every table and function of ours, keeping the PostGIS extension (slow to reinstall). */
async function dropSchema(db: Database): Promise<void> {
  const ours = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`;
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND ${ours}`,
  );
  const { rows: functions } = await db.query<{ name: string }>(
    `SELECT c.oid::regprocedure::text AS name FROM pg_proc c JOIN pg_namespace n ON n.oid = c.pronamespace
     WHERE n.nspname = 'public' AND ${ours}`,
  );
  if (tables.length > 0) await db.exec(`DROP TABLE ${tables.map((t) => t.name).join(', ')} CASCADE`);
  for (const f of functions) await db.exec(`DROP FUNCTION ${f.name} CASCADE`);
}

eachDriver('migrations', (driver) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('apply in order on an empty database and record each one', async () => {
    db = await openTestDatabase(driver, 'migrated');
    await dropSchema(db);
    const all = await readMigrations();
    expect(await migrate(db)).toEqual(all.map((m) => m.version));
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(CONTRACT_TABLES));
    expect(await migrationsApplied(db)).toBe(true);
  });

  it('are safe to run twice: the second run applies nothing', async () => {
    db = await openTestDatabase(driver, 'migrated');
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const edited = (await readMigrations()).map((m) =>
      m.version === 2 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'different' } : m,
    );
    await expect(migrate(db, edited)).rejects.toThrow(/migration 2 \(governance_map\) was changed/);
  });

  it('put GiST indexes on every geometry column the map searches', async () => {
    db = await openTestDatabase(driver, 'migrated');
    // import_changes.previous_geom is a rollback copy, read back by id only: an index there
    // would only slow imports down.
    const { rows } = await db.query<{ table_name: string; indexed: boolean }>(`
      SELECT c.table_name,
        EXISTS (SELECT 1 FROM pg_indexes i WHERE i.tablename = c.table_name AND i.indexdef ILIKE '%USING gist (geom)%') AS indexed
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.udt_name = 'geometry'
        AND (c.table_name, c.column_name) <> ('import_changes', 'previous_geom')`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => !r.indexed)).toEqual([]);
  });
});
