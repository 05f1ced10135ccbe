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

/** Whether any administrative unit is loaded: none before the city's map is. */
export async function adminUnitsExist(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM admin_units) AS found');
  return rows[0]!.found;
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
 * Boundaries as GeoJSON text by code, simplified with a tolerance in degrees (0: as stored).
 * ST_SimplifyPreserveTopology keeps rings valid, which the map's fill layers need; it turns a
 * one-part MultiPolygon into a Polygon, so ST_Multi keeps the type the schema promises.
 */
export async function findAdminUnitGeoJSONs(
  db: Queryable,
  codes: readonly string[],
  toleranceDegrees: number,
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; geojson: string }>(
    `SELECT code, ST_AsGeoJSON(
       CASE WHEN $2::float8 > 0 THEN ST_Multi(ST_SimplifyPreserveTopology(geom, $2::float8)) ELSE geom END
     ) AS geojson
     FROM admin_units WHERE code = ANY($1::text[])`,
    [codes, toleranceDegrees],
  );
  return new Map(rows.map((r) => [r.code, r.geojson]));
}

/**
 * Current grids, cameras, risk points and open cases whose codes start with each prefix:
 * exact, because every grid code (and so every camera's and risk point's grid code, and every
 * case's village code) begins with its village code. One round trip for all prefixes.
 */
export async function countInsideUnits(db: Queryable, prefixes: readonly string[]): Promise<Map<string, UnitContents>> {
  const { rows } = await db.query<UnitContents & { prefix: string }>(
    `SELECT p.prefix,
       (SELECT count(*)::int FROM grids WHERE valid_to IS NULL AND code LIKE p.pattern) AS grids,
       (SELECT count(*)::int FROM cameras WHERE grid_code LIKE p.pattern) AS cameras,
       (SELECT count(*)::int FROM risk_points WHERE grid_code LIKE p.pattern) AS "riskPoints",
       (SELECT count(*)::int FROM cases WHERE closed_at IS NULL AND village_code LIKE p.pattern) AS "openCases"
     FROM (SELECT prefix, prefix || '%' AS pattern FROM unnest($1::text[]) AS prefix) p`,
    [prefixes],
  );
  return new Map(rows.map(({ prefix, ...counts }) => [prefix, counts]));
}
