import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEST_NOW } from '../../test/api.js';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { rollBackImport, runImport } from './service.js';

const ADMIN = { username: 'demo-admin', jurisdiction: '371700000000' };
const LATER = new Date(TEST_NOW.getTime() + 60_000);

interface GridFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

eachDriver('grid imports through the planner’s change mechanism', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterEach(() => db.close());

  /** Two grids of one village whose union is one polygon, and the village's current grids as features. */
  async function villageWithNeighbours() {
    const { rows } = await db.query<{ a: string; b: string; merged: string }>(
      `SELECT a.code AS a, b.code AS b, ST_AsGeoJSON(ST_Union(a.geom, b.geom), 15) AS merged
       FROM grids a JOIN grids b ON a.village_code = b.village_code AND a.code < b.code
       WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND ST_GeometryType(ST_Union(a.geom, b.geom)) = 'ST_Polygon'
       ORDER BY a.code, b.code LIMIT 1`,
    );
    const pair = rows[0]!;
    const grids = await db.query<{ code: string; name: string; g: string }>(
      `SELECT code, name, ST_AsGeoJSON(geom, 15) AS g FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
      [pair.a.slice(0, 12)],
    );
    const features: GridFeature[] = grids.rows.map((g) => ({
      type: 'Feature',
      properties: { 网格编码: g.code, 网格名称: g.name },
      geometry: JSON.parse(g.g),
    }));
    return { ...pair, features };
  }
  const geojson = (features: GridFeature[]) =>
    new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
  const currentShapes = async (village: string) =>
    (
      await db.query<{ code: string; wkb: string }>(
        `SELECT code, ST_AsText(ST_Normalize(geom)) AS wkb FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
        [village],
      )
    ).rows;

  it('merges two grids from a file: a dry run warns of the retired grid, applying versions it, rollback restores it', async () => {
    const v = await villageWithNeighbours();
    const village = v.a.slice(0, 12);
    const before = await currentShapes(village);
    const features = v.features
      .filter((f) => f.properties.网格编码 !== v.b)
      .map((f) => (f.properties.网格编码 === v.a ? { ...f, geometry: JSON.parse(v.merged) } : f));
    const options = {
      layer: 'grids' as const,
      fileName: 'grids.geojson',
      bytes: geojson(features),
      crs: 'wgs84',
      user: ADMIN,
      now: TEST_NOW,
    };

    const dry = await runImport(db, { ...options, dryRun: true });
    expect(dry.rejected).toEqual([]);
    expect(dry.counts).toMatchObject({ read: features.length, updated: 1, inserted: 0, retired: 1 });
    expect(dry.warnings.map((w) => w.reason)).toContain(`grid ${v.b} is not in the file and will be retired`);
    expect(await currentShapes(village)).toEqual(before);

    const applied = await runImport(db, { ...options, dryRun: false });
    expect(applied.applied).toBe(true);
    const after = await currentShapes(village);
    expect(after.map((g) => g.code)).not.toContain(v.b);
    const change = await db.query<{ reason: string }>('SELECT reason FROM grid_changes ORDER BY id DESC LIMIT 1');
    expect(change.rows[0]!.reason).toContain(`import #${applied.importId}`);

    await rollBackImport(db, applied.importId!, ADMIN, LATER);
    expect(await currentShapes(village)).toEqual(before);
  });

  it('rejects a self-intersecting grid with PostGIS’s reason, and a village left with a gap, writing nothing', async () => {
    const v = await villageWithNeighbours();
    const village = v.a.slice(0, 12);
    const before = await currentShapes(village);
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [115.4, 35.2],
          [115.42, 35.21],
          [115.42, 35.2],
          [115.4, 35.215],
          [115.4, 35.2],
        ],
      ],
    };
    const broken = v.features.map((f) => (f.properties.网格编码 === v.a ? { ...f, geometry: bowTie } : f));
    const report = await runImport(db, {
      layer: 'grids',
      fileName: 'grids.geojson',
      bytes: geojson(broken),
      crs: 'wgs84',
      dryRun: false,
      user: ADMIN,
      now: TEST_NOW,
    });
    expect(report.applied).toBe(false);
    const position = `feature ${v.features.findIndex((f) => f.properties.网格编码 === v.a) + 1}`;
    expect(report.rejected.find((r) => r.position === position)?.reason).toMatch(/self-intersection/i);

    const gap = await runImport(db, {
      layer: 'grids',
      fileName: 'grids.geojson',
      bytes: geojson(v.features.filter((f) => f.properties.网格编码 !== v.b)),
      crs: 'wgs84',
      dryRun: false,
      user: ADMIN,
      now: TEST_NOW,
    });
    expect(gap.applied).toBe(false);
    expect(gap.rejected.some((r) => r.position === `village ${village}` && /gap|cover/i.test(r.reason))).toBe(true);
    expect(await currentShapes(village)).toEqual(before);
  });
});
