/**
 * Risk points (风险点位): lookups, filtered pages and the register's writes. Jurisdiction is
 * matched on the grid code, not the id: a point moved to another village keeps its id.
 */
import type { AreaFilter } from '../../domain/area-filter.js';
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export interface RiskPointRow {
  id: string;
  name: string;
  category: string;
  level: number;
  responsible_unit: string;
  last_inspected_at: Date | null;
  grid_code: string;
  lon: number;
  lat: number;
}

/** What an operator sets on a risk point; the grid comes from the location. */
export interface RiskPointFields {
  name: string;
  category: string;
  level: number;
  responsibleUnit: string;
  gridCode: string;
  lon: number;
  lat: number;
}

const RISK_POINT_COLUMNS = `id, name, category, level, responsible_unit, last_inspected_at, grid_code,
  ST_X(geom) AS lon, ST_Y(geom) AS lat`;

export async function findRiskPoint(
  db: Queryable,
  id: string,
  prefix: string,
  forUpdate = false,
): Promise<RiskPointRow | null> {
  const { rows } = await db.query<RiskPointRow>(
    `SELECT ${RISK_POINT_COLUMNS} FROM risk_points WHERE id = $1 AND grid_code LIKE $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, `${prefix}%`],
  );
  return rows[0] ?? null;
}

export async function riskPointExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM risk_points WHERE id = $1', [id])).rows.length > 0;
}

export interface RiskPointFilter {
  prefix: string;
  area: AreaFilter;
  unitPrefix: (code: string) => string;
  levels: number[] | null;
  categories: string[] | null;
}

function riskPointConditions(filter: RiskPointFilter): Conditions {
  const c = new Conditions();
  c.prefix('grid_code', filter.prefix);
  c.area(filter.area, 'geom', 'grid_code', filter.unitPrefix);
  if (filter.levels?.length) c.add(`level = ANY(${c.param(filter.levels)}::int[])`);
  if (filter.categories?.length) c.add(`category = ANY(${c.param(filter.categories)}::text[])`);
  return c;
}

/** Risk points by id; `after` is the id of the last row of the previous page. */
export async function findRiskPointsPage(
  db: Queryable,
  filter: RiskPointFilter,
  after: string | null,
  limit: number,
): Promise<{ rows: RiskPointRow[]; total: number }> {
  const count = riskPointConditions(filter);
  const total = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM risk_points ${count.where()}`, count.params)
  ).rows[0]!.n;
  const c = riskPointConditions(filter);
  if (after !== null) c.add(`id > ${c.param(after)}`);
  const { rows } = await db.query<RiskPointRow>(
    `SELECT ${RISK_POINT_COLUMNS} FROM risk_points ${c.where()} ORDER BY id LIMIT ${limit + 1}`,
    c.params,
  );
  return { rows, total };
}

/**
 * The next free serial of a village's risk point ids (serialised per village on a server).
 * Ids of points since moved elsewhere still count, so an id is never handed out twice.
 */
export async function nextRiskPointSerial(db: Queryable, villageCode: string): Promise<number> {
  const prefix = `${villageCode}R`;
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [prefix]);
  const { rows } = await db.query<{ n: number | null }>(
    'SELECT max(right(id, 4)::int) AS n FROM risk_points WHERE id LIKE $1',
    [`${prefix}%`],
  );
  return (rows[0]?.n ?? 0) + 1;
}

export async function insertRiskPoint(db: Queryable, id: string, p: RiskPointFields): Promise<void> {
  await db.query(
    `INSERT INTO risk_points (id, name, category, level, responsible_unit, last_inspected_at, grid_code, geom)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))`,
    [id, p.name, p.category, p.level, p.responsibleUnit, p.gridCode, p.lon, p.lat],
  );
}

export async function updateRiskPoint(db: Queryable, id: string, p: RiskPointFields): Promise<void> {
  await db.query(
    `UPDATE risk_points SET name = $2, category = $3, level = $4, responsible_unit = $5, grid_code = $6,
       geom = ST_SetSRID(ST_MakePoint($7, $8), 4326)
     WHERE id = $1`,
    [id, p.name, p.category, p.level, p.responsibleUnit, p.gridCode, p.lon, p.lat],
  );
}

export async function deleteRiskPoint(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM risk_points WHERE id = $1', [id]);
}

export async function markRiskPointInspected(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE risk_points SET last_inspected_at = $2 WHERE id = $1', [id, at]);
}
