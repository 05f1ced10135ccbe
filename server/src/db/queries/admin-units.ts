/** Administrative units: lookups and lists inside a code prefix, boundaries, and what lies inside a unit. */
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export interface AdminUnitRow {
  code: string;
  level: string;
  name: string;
  parent_code: string | null;
  population: number;
  households: number;
}

export interface UnitContents {
  grids: number;
  cameras: number;
  riskPoints: number;
  openCases: number;
}

const UNIT_COLUMNS = 'code, level, name, parent_code, population, households';

export async function findAdminUnit(db: Queryable, code: string, prefix: string): Promise<AdminUnitRow | null> {
  const { rows } = await db.query<AdminUnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM admin_units WHERE code = $1 AND code LIKE $2`,
    [code, `${prefix}%`],
  );
  return rows[0] ?? null;
}

export interface AdminUnitFilter {
  prefix: string;
  parentCode: string | null;
  level: string | null;
}

/** Units inside the prefix, by code. */
export async function findAdminUnits(db: Queryable, filter: AdminUnitFilter): Promise<AdminUnitRow[]> {
  const c = new Conditions();
  c.prefix('code', filter.prefix);
  if (filter.parentCode !== null) c.add(`parent_code = ${c.param(filter.parentCode)}`);
  if (filter.level !== null) c.add(`level = ${c.param(filter.level)}`);
  const { rows } = await db.query<AdminUnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM admin_units ${c.where()} ORDER BY code`,
    c.params,
  );
  return rows;
}

/**
 * The boundary as GeoJSON text, simplified with a tolerance in degrees (0: as stored).
 * ST_SimplifyPreserveTopology keeps rings valid, which the map's fill layers need; it turns a
 * one-part MultiPolygon into a Polygon, so ST_Multi keeps the type the schema promises.
 */
export async function findAdminUnitGeoJSON(
  db: Queryable,
  code: string,
  toleranceDegrees: number,
): Promise<string | null> {
  const { rows } = await db.query<{ geojson: string }>(
    `SELECT ST_AsGeoJSON(
       CASE WHEN $2::float8 > 0 THEN ST_Multi(ST_SimplifyPreserveTopology(geom, $2::float8)) ELSE geom END
     ) AS geojson
     FROM admin_units WHERE code = $1`,
    [code, toleranceDegrees],
  );
  return rows[0]?.geojson ?? null;
}

/**
 * Current grids, cameras, risk points and open cases whose codes start with `prefix`: exact,
 * because every grid code (and so every camera's and risk point's grid code, and every case's
 * village code) begins with its village code.
 */
export async function countInsideUnit(db: Queryable, prefix: string): Promise<UnitContents> {
  const { rows } = await db.query<UnitContents>(
    `SELECT
       (SELECT count(*)::int FROM grids WHERE valid_to IS NULL AND code LIKE $1) AS grids,
       (SELECT count(*)::int FROM cameras WHERE grid_code LIKE $1) AS cameras,
       (SELECT count(*)::int FROM risk_points WHERE grid_code LIKE $1) AS "riskPoints",
       (SELECT count(*)::int FROM cases WHERE closed_at IS NULL AND village_code LIKE $1) AS "openCases"`,
    [`${prefix}%`],
  );
  return rows[0]!;
}
