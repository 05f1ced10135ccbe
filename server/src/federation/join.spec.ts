/**
 * The federation end to end on three real PostgreSQL 15 clusters (server/test/federation-clusters.ts):
 * two cities and a province, joined with logical replication.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSTERS,
  clustersUnavailable,
  ensureClusters,
  lockClusters,
  startCluster,
  stopCluster,
} from '../../test/federation-clusters.js';
import {
  eventually,
  insertCase,
  insertGridVersion,
  insertMiniCity,
  type MiniCity,
} from '../../test/federation-fixtures.js';
import type { Database } from '../db/database.js';
import { openEmbedded } from '../db/embedded.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { openServer } from '../db/server.js';
import { databaseUrlFor, dropDatabase, recreateDatabase } from '../db/server-admin.js';
import { setSubscriptionEnabled, upSubscription } from '../db/federation.js';
import { FederationRefusal, federationStatus, initProvince, joinCity, removeCity } from './join.js';

const unavailable = clustersUnavailable();
if (unavailable) console.log(`federation tests skipped: ${unavailable}`);

const HEZE = { lon: 115.4, lat: 35.2 };
const JINAN = { lon: 117.0, lat: 36.6 };

interface Node {
  url: string;
  db: Database;
}

describe.skipIf(unavailable !== null)('a province over two cities on logical replication', () => {
  const name = `zz_fed_${randomBytes(4).toString('hex')}`;
  let a: Node, b: Node, p: Node;
  let heze: MiniCity, jinan: MiniCity;

  async function node(adminUrl: string): Promise<Node> {
    await recreateDatabase(adminUrl, name);
    const url = databaseUrlFor(adminUrl, name);
    const db = await openServer(url, { max: 3 });
    await migrate(db);
    return { url, db };
  }

  const count = async (n: Node, sql: string, params: unknown[] = []) =>
    (await n.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await lockClusters();
    ensureClusters();
    [a, b, p] = await Promise.all([
      node(CLUSTERS.cityA.adminUrl),
      node(CLUSTERS.cityB.adminUrl),
      node(CLUSTERS.province.adminUrl),
    ]);
    heze = await a.db.transaction((tx) => insertMiniCity(tx, '3717', '菏泽市', HEZE.lon, HEZE.lat));
    jinan = await b.db.transaction((tx) => insertMiniCity(tx, '3701', '济南市', JINAN.lon, JINAN.lat));
    // Rows written before joining, renumbered into the city's id range when it joins.
    await insertCase(a.db, heze, 1, HEZE.lon, HEZE.lat);
    await insertCase(b.db, jinan, 1, JINAN.lon, JINAN.lat);
    await initProvince(p.db, '370000000000', '山东省');
    await joinCity({ db: a.db, conninfo: a.url }, { db: p.db, conninfo: p.url });
    await joinCity({ db: b.db, conninfo: b.url }, { db: p.db, conninfo: p.url });
  });

  afterAll(async () => {
    try {
      if (!p) return;
      startCluster(CLUSTERS.province);
      for (const [city, city4] of [
        [a, '3717'],
        [b, '3701'],
      ] as const) {
        await removeCity(p.db, city4, { city: city.db }).catch((e) => console.error('remove failed:', e));
      }
      await Promise.all([a, b, p].map((n) => n.db.close()));
      await Promise.all([CLUSTERS.cityA, CLUSTERS.cityB, CLUSTERS.province].map((c) => dropDatabase(c.adminUrl, name)));
    } finally {
      release?.();
    }
  });

  it('copies each city initially, with the serial ids of both in ranges of their own', async () => {
    await eventually('the initial copy', async () => (await count(p, 'cases')) === 2);
    const { rows } = await p.db.query<{ id: number; case_code: string }>(
      'SELECT id, case_code FROM case_events ORDER BY case_code',
    );
    expect(rows.map((r) => [r.case_code.slice(0, 4), Math.floor(r.id / 1e11)])).toEqual([
      ['3701', 3701],
      ['3717', 3717],
    ]);
    expect(await count(p, `admin_units WHERE level = 'city'`)).toBe(2);
  });

  it('shows a case reported in city A at the province within seconds, and never in city B', async () => {
    const code = await insertCase(a.db, heze, 2, HEZE.lon, HEZE.lat);
    await eventually(
      'the case at the province',
      async () => (await count(p, 'cases WHERE code = $1', [code])) === 1,
      10_000,
    );
    expect(await count(b, 'cases WHERE code = $1', [code])).toBe(0);
    expect(await count(p, 'case_events WHERE case_code = $1', [code])).toBe(1);
  });

  it('keeps the province derived counts by the replica triggers', async () => {
    await eventually(
      'case event counts',
      async () =>
        (await p.db.query<{ n: number }>('SELECT n FROM case_event_counts WHERE village_code = $1', [heze.villageCode]))
          .rows[0]?.n === 2,
    );
  });

  it('replicates a grid change as a new version closing the old one, with the change record', async () => {
    const changeId = await a.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO grid_changes (village_code, author, at, reason, effective_from, kind, before_summary, after_summary, impact)
         VALUES ($1, 'planner', '2026-06-30T09:00:00Z', '调整', '2026-06-30T09:00:00Z', 'reshape', '[]', '[]', '{}')
         RETURNING id`,
        [heze.villageCode],
      );
      const id = rows[0]!.id;
      await tx.query(
        `UPDATE grids SET valid_to = '2026-06-30T09:00:00Z', closed_by_change = $2 WHERE code = $1 AND version = 1`,
        [heze.gridCode, id],
      );
      await insertGridVersion(tx, heze.gridCode, 2, HEZE.lon, HEZE.lat, id, '2026-06-30T09:00:00Z');
      return id;
    });
    expect(Math.floor(changeId / 1e11)).toBe(3717);
    const versions = await eventually('both versions at the province', async () => {
      const { rows } = await p.db.query<{ version: number; closed: boolean; created_by_change: number | null }>(
        `SELECT version, valid_to IS NOT NULL AS closed, created_by_change FROM grids WHERE code = $1 ORDER BY version`,
        [heze.gridCode],
      );
      return rows.length === 2 && rows[0]!.closed ? rows : undefined;
    });
    expect(versions.map((v) => [v.version, v.closed, v.created_by_change])).toEqual([
      [1, true, null],
      [2, false, changeId],
    ]);
    expect(await count(p, 'grid_changes WHERE id = $1', [changeId])).toBe(1);
  });

  it('catches up with every row exactly once after its link was down while the city kept writing', async () => {
    await setSubscriptionEnabled(p.db, upSubscription('3701'), false);
    await eventually('the link shown stale', async () => {
      const status = await federationStatus(p.db, new Date());
      return status.find((s) => s.city4 === '3701')?.stale;
    });
    for (let serial = 100; serial < 150; serial++) await insertCase(b.db, jinan, serial, JINAN.lon, JINAN.lat);
    expect(await count(p, `cases WHERE code LIKE '3701%'`)).toBe(1);
    await setSubscriptionEnabled(p.db, upSubscription('3701'), true);
    await eventually('all 51 cases', async () => (await count(p, `cases WHERE code LIKE '3701%'`)) === 51);
    expect(await count(p, `case_events WHERE case_code LIKE '3701%'`)).toBe(51);
    const status = await federationStatus(p.db, new Date());
    expect(status.find((s) => s.city4 === '3701')).toMatchObject({ running: true, stale: false });
  });

  it('catches up after the province itself was stopped and started again', async () => {
    await p.db.close();
    stopCluster(CLUSTERS.province);
    for (let serial = 200; serial < 230; serial++) await insertCase(a.db, heze, serial, HEZE.lon, HEZE.lat);
    startCluster(CLUSTERS.province);
    p = { url: p.url, db: await openServer(p.url, { max: 3 }) };
    await eventually('all of city A', async () => (await count(p, `cases WHERE code LIKE '3717%'`)) === 32, 30_000);
    const { rows } = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT code FROM cases GROUP BY code HAVING count(*) > 1) twice`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await count(p, `case_events WHERE case_code LIKE '3717%'`)).toBe(32);
  });

  it('refuses a city whose schema version differs, naming both versions', async () => {
    const other = `${name}_old`;
    await recreateDatabase(CLUSTERS.cityA.adminUrl, other);
    const old = await openServer(databaseUrlFor(CLUSTERS.cityA.adminUrl, other), { max: 1 });
    try {
      const all = await readMigrations();
      await migrate(old, all.slice(0, -1));
      const latest = all.at(-1)!.version;
      const previous = all.at(-2)!.version;
      const refusal = await joinCity({ db: old, conninfo: 'unused' }, { db: p.db, conninfo: p.url }).catch((e) => e);
      expect(refusal).toBeInstanceOf(FederationRefusal);
      expect(refusal.reason).toBe('schema_mismatch');
      expect(refusal.message).toBe(
        `city schema version ${previous} differs from province schema version ${latest}: migrate both to the same version first`,
      );
    } finally {
      await old.close();
      await dropDatabase(CLUSTERS.cityA.adminUrl, other);
    }
  });
});

describe('federation on a database that cannot replicate', () => {
  // Starting an embedded engine takes long on a loaded two-core machine.
  it('refuses the embedded database with a clear message', { timeout: 180_000 }, async () => {
    const embedded = await openEmbedded({});
    try {
      const refusal = await initProvince(embedded, '370000000000', '山东省').catch((e) => e);
      expect(refusal).toBeInstanceOf(FederationRefusal);
      expect(refusal.message).toMatch(/embedded database; federation needs a PostgreSQL server/);
    } finally {
      await embedded.close();
    }
  });
});
