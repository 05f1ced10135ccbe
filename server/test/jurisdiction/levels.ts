/**
 * The three account levels of the jurisdiction matrix, what lies inside each and the planted
 * village just outside it, read from the test database once per suite.
 */
import type { TestApi } from '../api.js';
import { addLevelAdministrators, PLANTED, plantOutside } from './plant.js';

/** A day of the month whose stability index the matrix publishes before planting. */
export const INDEX_AT = '2026-05-15T12:00:00+08:00';

/** The village inside every level (demo-village's own). */
export const INSIDE_VILLAGE = '371702005001';

const LEVELS = [
  { name: 'village', username: 'demo-village', jurisdiction: '371702005001', prefix: '371702005001' },
  { name: 'township', username: 'demo-township', jurisdiction: '371702005000', prefix: '371702005' },
  { name: 'county', username: 'demo-county', jurisdiction: '371702000000', prefix: '371702' },
] as const;

export const LEVEL_NAMES = LEVELS.map((l) => l.name);
export type LevelName = (typeof LEVELS)[number]['name'];

/** Codes of one village's records, inside or outside a level. */
export interface Place {
  village: string;
  grid: string;
  caseCode: string;
  cameraId: string;
  riskPointId: string;
  /** A grid change of the village (planted villages only have one). */
  gridChangeId: string | null;
  /** [minLon, minLat, maxLon, maxLat] of the village. */
  bbox: number[];
  /** The village's outline, a GeoJSON Polygon. */
  polygon: unknown;
  /** A point inside the village, with a radius that stays inside it. */
  near: { lon: number; lat: number; radiusMeters: number };
}

export interface Level {
  name: LevelName;
  username: string;
  /** A data administrator (role admin) with the same jurisdiction. */
  admin: string;
  jurisdiction: string;
  prefix: string;
  token: string;
  adminToken: string;
  inside: Place;
  outside: Place;
}

async function placeOf(api: TestApi, village: string): Promise<Place> {
  const one = async (sql: string) => (await api.db.query<{ v: string | null }>(sql, [village])).rows[0]?.v ?? null;
  const must = async (sql: string) => {
    const v = await one(sql);
    if (v === null) throw new Error(`village ${village} has nothing for: ${sql}`);
    return v;
  };
  const shape = (
    await api.db.query<{ bbox: string; polygon: string; lon: number; lat: number }>(
      `SELECT ST_AsGeoJSON(ST_Envelope(geom)) AS bbox, ST_AsGeoJSON(ST_GeometryN(geom, 1)) AS polygon,
         ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM admin_units WHERE code = $1`,
      [village],
    )
  ).rows[0]!;
  const ring = (JSON.parse(shape.bbox) as { coordinates: number[][][] }).coordinates[0]!;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return {
    village,
    grid: await must('SELECT min(code) AS v FROM grids WHERE village_code = $1 AND valid_to IS NULL'),
    caseCode: await must('SELECT min(code) AS v FROM cases WHERE village_code = $1'),
    cameraId: await must(`SELECT min(id) AS v FROM cameras WHERE grid_code LIKE $1 || '%'`),
    riskPointId: await must(`SELECT min(id) AS v FROM risk_points WHERE grid_code LIKE $1 || '%'`),
    gridChangeId: await one('SELECT min(id)::text AS v FROM grid_changes WHERE village_code = $1'),
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    polygon: JSON.parse(shape.polygon),
    near: { lon: shape.lon, lat: shape.lat, radiusMeters: 150 },
  };
}

/**
 * Plants the outside villages, adds the level administrators and signs every account in once.
 * Fails when a planted village touches the level it is meant to lie outside of: the outside
 * filters would then legitimately find rows inside.
 */
export async function prepareLevels(api: TestApi): Promise<Record<LevelName, Level>> {
  const admins = LEVELS.map((l) => ({ ...l, admin: `matrix-admin-${l.name}` }));
  // Published index values, copied to the planted villages with the rest.
  const published = await api.gql(
    'mutation ($at: DateTime) { publishIndex(period: month, at: $at) { revision } }',
    { at: INDEX_AT },
    await api.login('demo-admin'),
  );
  if (published.errors) throw new Error(`publishIndex failed: ${JSON.stringify(published.errors)}`);
  await plantOutside(api.db, INSIDE_VILLAGE);
  await addLevelAdministrators(api.db, admins);
  const inside = await placeOf(api, INSIDE_VILLAGE);
  const out: Partial<Record<LevelName, Level>> = {};
  for (const l of admins) {
    const planted = l.name === 'county' ? PLANTED.otherCounty : PLANTED.otherTownship;
    const touching = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM admin_units a, admin_units p
       WHERE a.code = $1 AND p.code = $2 AND ST_Intersects(a.geom, ST_Envelope(p.geom))`,
      [l.jurisdiction, planted.village],
    );
    if (touching.rows[0]!.n > 0) throw new Error(`planted village ${planted.village} touches ${l.jurisdiction}`);
    out[l.name] = {
      ...l,
      token: await api.login(l.username),
      adminToken: await api.login(l.admin),
      inside,
      outside: await placeOf(api, planted.village),
    };
  }
  return out as Record<LevelName, Level>;
}
