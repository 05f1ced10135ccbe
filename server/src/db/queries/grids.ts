/** Grids: the current grid by code or by point, filtered pages, boundaries, and what lies inside a grid. */
import type { AreaFilter } from '../../domain/area-filter.js';
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export interface GridRow {
  code: string;
  version: number;
  village_code: string;
  name: string;
  kind: string;
  households: number;
  population: number;
  staff: { head: number; workers: number; volunteers: number };
  valid_from: Date;
  valid_to: Date | null;
}

export interface GridContents {
  cameras: number;
  riskPoints: number;
  openCases: number;
}

const GRID_COLUMNS = 'code, version, village_code, name, kind, households, population, staff, valid_from, valid_to';

/** The current version of a grid inside the prefix. */
export async function findCurrentGrid(db: Queryable, code: string, prefix: string): Promise<GridRow | null> {
  const { rows } = await db.query<GridRow>(
    `SELECT ${GRID_COLUMNS} FROM grids WHERE code = $1 AND valid_to IS NULL AND code LIKE $2`,
    [code, `${prefix}%`],
  );
  return rows[0] ?? null;
}

export interface GridFilter {
  prefix: string;
  area: AreaFilter;
  unitPrefix: (code: string) => string;
}

function gridConditions(filter: GridFilter): Conditions {
  const c = new Conditions();
  c.add('valid_to IS NULL');
  c.prefix('code', filter.prefix);
  c.area(filter.area, 'geom', 'code', filter.unitPrefix);
  return c;
}

/** Current grids by code; `after` is the code of the last row of the previous page. */
export async function findCurrentGridsPage(
  db: Queryable,
  filter: GridFilter,
  after: string | null,
  limit: number,
): Promise<{ rows: GridRow[]; total: number }> {
  const count = gridConditions(filter);
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grids ${count.where()}`, count.params))
    .rows[0]!.n;
  const c = gridConditions(filter);
  if (after !== null) c.add(`code > ${c.param(after)}`);
  const { rows } = await db.query<GridRow>(
    `SELECT ${GRID_COLUMNS} FROM grids ${c.where()} ORDER BY code LIMIT ${limit + 1}`,
    c.params,
  );
  return { rows, total };
}

/** The boundary of one grid version as GeoJSON text, simplified with a tolerance in degrees (0: as stored). */
export async function findGridGeoJSON(
  db: Queryable,
  code: string,
  version: number,
  toleranceDegrees: number,
): Promise<string | null> {
  const { rows } = await db.query<{ geojson: string }>(
    `SELECT ST_AsGeoJSON(CASE WHEN $3::float8 > 0 THEN ST_SimplifyPreserveTopology(geom, $3::float8) ELSE geom END)
       AS geojson
     FROM grids WHERE code = $1 AND version = $2`,
    [code, version, toleranceDegrees],
  );
  return rows[0]?.geojson ?? null;
}

/** Cameras, risk points and open cases assigned to the grid. */
export async function countInsideGrid(db: Queryable, code: string): Promise<GridContents> {
  const { rows } = await db.query<GridContents>(
    `SELECT
       (SELECT count(*)::int FROM cameras WHERE grid_code = $1) AS cameras,
       (SELECT count(*)::int FROM risk_points WHERE grid_code = $1) AS "riskPoints",
       (SELECT count(*)::int FROM cases WHERE closed_at IS NULL AND grid_code = $1) AS "openCases"`,
    [code],
  );
  return rows[0]!;
}

/** The current grid covering the point, with its village. */
export async function findGridAt(
  db: Queryable,
  lon: number,
  lat: number,
): Promise<{ code: string; village_code: string } | null> {
  const { rows } = await db.query<{ code: string; village_code: string }>(
    `SELECT code, village_code FROM grids
     WHERE valid_to IS NULL AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
     ORDER BY code LIMIT 1`,
    [lon, lat],
  );
  return rows[0] ?? null;
}
