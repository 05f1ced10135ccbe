/**
 * What the basemap reads from the database: admin boundaries, roads and admin label points,
 * already serialised by PostGIS (ST_AsGeoJSON) so no geometry is parsed in Node. These
 * queries sit beside the basemap because its module owns them; they take the Database
 * handle and import no driver.
 */
import type { Queryable } from '../db/database.js';
import { ADMIN_LEVELS, type AdminLevel } from '../domain/vocabulary.js';

/** Degrees per metre along a meridian; good enough for a simplification tolerance. */
const DEGREES_PER_METER = 1 / 111_320;

/** Coordinates keep 5 decimals: about 1 m, plenty for a basemap at any useful zoom. */
const DECIMALS = 5;

export interface BoundaryRow {
  code: string;
  name: string;
  level: AdminLevel;
  parent_code: string | null;
  geojson: string;
}

/** Boundaries of one level, simplified with a tolerance in metres (rings stay valid). */
export async function findBoundaries(
  db: Queryable,
  level: AdminLevel,
  toleranceMeters: number,
): Promise<BoundaryRow[]> {
  const { rows } = await db.query<BoundaryRow>(
    `SELECT code, name, level, parent_code,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, $2::float8), ${DECIMALS}) AS geojson
     FROM admin_units WHERE level = $1 ORDER BY code`,
    [level, toleranceMeters * DEGREES_PER_METER],
  );
  return rows;
}

export interface RoadRow {
  class: 'expressway' | 'main' | 'local';
  name: string | null;
  geojson: string;
}

export async function findRoads(db: Queryable, toleranceMeters: number): Promise<RoadRow[]> {
  const { rows } = await db.query<RoadRow>(
    `SELECT class, name, ST_AsGeoJSON(ST_Simplify(geom, $1::float8, true), ${DECIMALS}) AS geojson
     FROM roads ORDER BY id`,
    [toleranceMeters * DEGREES_PER_METER],
  );
  return rows;
}

export interface UnitPlaceRow {
  code: string;
  name: string;
  level: AdminLevel;
  parent_code: string | null;
  label_lon: number;
  label_lat: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** Every admin unit's label point (inside its area) and bounding box. */
export async function findUnitPlaces(db: Queryable): Promise<UnitPlaceRow[]> {
  const { rows } = await db.query<UnitPlaceRow>(
    `SELECT code, name, level, parent_code,
       ST_X(p) AS label_lon, ST_Y(p) AS label_lat,
       ST_XMin(geom) AS min_lon, ST_YMin(geom) AS min_lat, ST_XMax(geom) AS max_lon, ST_YMax(geom) AS max_lat
     FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM admin_units) u
     ORDER BY array_position($1::text[], level), code`,
    [ADMIN_LEVELS],
  );
  return rows;
}

/** Changes whenever data is loaded: the cache key of everything derived from the tables. */
export async function findDataVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ version: string | null }>(
    `SELECT max(id)::text || '@' || max(loaded_at)::text AS version FROM dataset_loads`,
  );
  return rows[0]?.version ?? 'empty';
}
