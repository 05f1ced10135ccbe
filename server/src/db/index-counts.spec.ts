/**
 * Migration 008 keeps, by triggers, the online cameras within 100 m of each risk point and the
 * cameras per grid and status. Whatever is written to cameras or risk_points, the kept counts
 * must equal what a direct spatial query finds.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from './database.js';

// The index's own definition of "within 100 m": a box sized for the latitude, then the distance.
const DIRECT_COVER = `SELECT r.id AS risk_point_id, count(*)::int AS online_cameras
  FROM risk_points r JOIN cameras k ON k.status = 'online'
    AND k.geom && ST_Expand(r.geom, 100 / (111320 * cos(radians(ST_Y(r.geom)))), 100 / 110540.0)
    AND ST_DistanceSphere(k.geom, r.geom) <= 100
  GROUP BY r.id ORDER BY r.id`;
const KEPT_COVER = 'SELECT risk_point_id, online_cameras FROM risk_point_camera_cover ORDER BY risk_point_id';
const DIRECT_GRID = `SELECT grid_code, status, count(*)::int AS n FROM cameras GROUP BY 1, 2 ORDER BY 1, 2`;
const KEPT_GRID = 'SELECT grid_code, status, n FROM camera_grid_status_counts WHERE n <> 0 ORDER BY 1, 2';

eachDriver('the counts the stability index reads', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterEach(() => db.close());

  const expectInStep = async () => {
    expect((await db.query(KEPT_COVER)).rows).toEqual((await db.query(DIRECT_COVER)).rows);
    expect((await db.query(KEPT_GRID)).rows).toEqual((await db.query(DIRECT_GRID)).rows);
  };

  it('match the data as loaded', async () => {
    expect((await db.query(KEPT_COVER)).rows.length).toBeGreaterThan(0);
    await expectInStep();
  });

  it('follow cameras switched off and on, moved, added, renumbered and removed', async () => {
    // A camera right beside a covered risk point, so every change below matters to the cover.
    const { rows } = await db.query<{ camera: string; point: string }>(
      `SELECT k.id AS camera, r.id AS point FROM risk_points r JOIN cameras k
         ON k.status = 'online' AND ST_DistanceSphere(k.geom, r.geom) <= 100 ORDER BY r.id, k.id LIMIT 1`,
    );
    const { camera, point } = rows[0]!;
    await db.query(`UPDATE cameras SET status = 'offline' WHERE id = $1`, [camera]);
    await expectInStep();
    await db.query(`UPDATE cameras SET status = 'online', last_seen = now() WHERE id = $1`, [camera]);
    await expectInStep();
    await db.query(`UPDATE cameras SET geom = ST_Translate(geom, 0.01, 0.01) WHERE id = $1`, [camera]);
    await expectInStep();
    await db.query(
      `INSERT INTO cameras (id, name, kind, status, owner_unit, grid_code, geom)
       SELECT '37170200001325900077', 'test', 'dome', 'online', 'test', grid_code, ST_Translate(geom, 0.0002, 0)
       FROM risk_points WHERE id = $1`,
      [point],
    );
    await expectInStep();
    await db.query(`UPDATE cameras SET id = '37170200001325900078' WHERE id = '37170200001325900077'`);
    await expectInStep();
    await db.query(
      `UPDATE cameras SET grid_code = (SELECT min(code) FROM grids WHERE valid_to IS NULL) WHERE id = $1`,
      [camera],
    );
    await expectInStep();
    await db.query(`DELETE FROM cameras WHERE id IN ($1, '37170200001325900078')`, [camera]);
    await expectInStep();
    await db.query(`UPDATE cameras SET status = 'fault' WHERE grid_code LIKE '371702005001%'`);
    await expectInStep();
  });

  it('follow risk points added, moved, renamed and removed', async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM risk_points r WHERE EXISTS (SELECT 1 FROM risk_point_camera_cover c WHERE c.risk_point_id = r.id)
       ORDER BY id LIMIT 2`,
    );
    const [a, b] = rows.map((r) => r.id);
    await db.query(`UPDATE risk_points SET name = name || '（复查）' WHERE id = $1`, [a]);
    await expectInStep();
    await db.query(`UPDATE risk_points SET geom = ST_Translate(geom, 0.02, 0) WHERE id = $1`, [a]);
    await expectInStep();
    await db.query(
      `INSERT INTO risk_points (id, name, category, level, responsible_unit, grid_code, geom)
       SELECT left(id, 12) || 'R9901', 'test', category, level, responsible_unit, grid_code, geom
       FROM risk_points WHERE id = $1`,
      [b],
    );
    await expectInStep();
    await db.query(`DELETE FROM risk_points WHERE id = $1`, [b]);
    await expectInStep();
  });

  it('empty with the tables they count', async () => {
    await db.query('TRUNCATE cameras');
    expect((await db.query(KEPT_COVER)).rows).toEqual([]);
    await expectInStep();
  });
});
