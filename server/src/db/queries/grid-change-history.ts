/**
 * Writing a committed grid change (new versions, closed versions, reassigned points, the change
 * record) and reading the history of changes back.
 */
import type { Queryable } from '../database.js';
import type { AssignmentMove } from './grid-changes.js';

export interface PlanningGridRow {
  code: string;
  version: number;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
  population: number;
  staff: { head: number; workers: number; volunteers: number };
  valid_from: Date;
  created_by_change: string | null;
}

const COLUMNS = 'code, version, name, kind, households, population, staff, valid_from, created_by_change::text';

/** The village (level village) with its name, or null. `lock` serialises changes of one village. */
export async function findPlanningVillage(
  db: Queryable,
  code: string,
  lock = false,
): Promise<{ code: string; name: string } | null> {
  const { rows } = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM admin_units WHERE code = $1 AND level = 'village'${lock ? ' FOR UPDATE' : ''}`,
    [code],
  );
  return rows[0] ?? null;
}

/** The village boundary as GeoJSON text at full precision (shared edges must match exactly). */
export async function findVillageGeoJSON(db: Queryable, code: string): Promise<string | null> {
  const { rows } = await db.query<{ g: string }>(
    'SELECT ST_AsGeoJSON(geom, 15) AS g FROM admin_units WHERE code = $1',
    [code],
  );
  return rows[0]?.g ?? null;
}

export async function findCurrentVillageGrids(db: Queryable, villageCode: string): Promise<PlanningGridRow[]> {
  const { rows } = await db.query<PlanningGridRow>(
    `SELECT ${COLUMNS} FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
    [villageCode],
  );
  return rows;
}

/** Grid versions by (code, version) with their boundary at full precision. */
export async function findGridVersionsGeoJSON(
  db: Queryable,
  keys: readonly { code: string; version: number }[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ key: string; g: string }>(
    `SELECT code || ':' || version AS key, ST_AsGeoJSON(geom, 15) AS g FROM grids
     WHERE (code, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
    [keys.map((k) => k.code), keys.map((k) => k.version)],
  );
  return new Map(rows.map((r) => [r.key, r.g]));
}

/** Every code the village has ever had, current or retired, with its highest version. */
export async function findEverUsedCodes(db: Queryable, villageCode: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ code: string; version: number }>(
    'SELECT code, max(version)::int AS version FROM grids WHERE village_code = $1 GROUP BY code',
    [villageCode],
  );
  return new Map(rows.map((r) => [r.code, r.version]));
}

/** Who closed or created a grid version: the change, for a CONFLICT message. */
export async function findChangeTouching(
  db: Queryable,
  code: string,
  version: number | null,
): Promise<GridChangeRow | null> {
  const { rows } = await db.query<GridChangeRow>(
    version === null
      ? `SELECT ${CHANGE_COLUMNS} FROM grid_changes c JOIN grids g ON g.created_by_change = c.id
         WHERE g.code = $1 AND g.valid_to IS NULL`
      : `SELECT ${CHANGE_COLUMNS} FROM grid_changes c JOIN grids g ON g.closed_by_change = c.id
         WHERE g.code = $1 AND g.version = $2`,
    version === null ? [code] : [code, version],
  );
  return rows[0] ?? null;
}

export interface NewGridChange {
  villageCode: string;
  author: string;
  at: Date;
  reason: string;
  effectiveFrom: Date;
  kind: string;
  before: unknown;
  after: unknown;
  impact: unknown;
  revertsChangeId: string | null;
}

export async function insertGridChange(db: Queryable, c: NewGridChange): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO grid_changes
       (village_code, author, at, reason, effective_from, kind, before_summary, after_summary, impact, reverts_change_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text`,
    [
      c.villageCode,
      c.author,
      c.at,
      c.reason,
      c.effectiveFrom,
      c.kind,
      JSON.stringify(c.before),
      JSON.stringify(c.after),
      JSON.stringify(c.impact),
      c.revertsChangeId,
    ],
  );
  return rows[0]!.id;
}

/** Closes current versions of the codes; returns how many were closed. */
export async function closeGridVersions(
  db: Queryable,
  codes: readonly string[],
  validTo: Date,
  changeId: string,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE grids SET valid_to = $2, closed_by_change = $3 WHERE code = ANY($1::text[]) AND valid_to IS NULL`,
    [codes, validTo, changeId],
  );
  return rowCount;
}

export interface NewGridVersion {
  code: string;
  version: number;
  villageCode: string;
  name: string;
  kind: string;
  households: number;
  population: number;
  staff: { head: number; workers: number; volunteers: number };
  geometry: unknown;
}

export async function insertGridVersions(
  db: Queryable,
  grids: readonly NewGridVersion[],
  validFrom: Date,
  changeId: string,
): Promise<void> {
  if (grids.length === 0) return;
  await db.query(
    `INSERT INTO grids (code, version, village_code, name, kind, households, population, staff, geom, valid_from,
       created_by_change)
     SELECT g->>'code', (g->>'version')::int, g->>'villageCode', g->>'name', g->>'kind', (g->>'households')::int,
       (g->>'population')::int, g->'staff', ST_SetSRID(ST_GeomFromGeoJSON(g->>'geometry'), 4326), $2, $3
     FROM jsonb_array_elements($1::jsonb) g`,
    [JSON.stringify(grids.map((g) => ({ ...g, geometry: JSON.stringify(g.geometry) }))), validFrom, changeId],
  );
}

/** Moves open cases, cameras and risk points to their new grids (a case's version is bumped). */
export async function applyAssignmentMoves(db: Queryable, moves: readonly AssignmentMove[]): Promise<void> {
  const of = (kind: AssignmentMove['kind']) => {
    const list = moves.filter((m) => m.kind === kind);
    return [list.map((m) => m.id), list.map((m) => m.toGridCode)];
  };
  const [caseIds, caseTo] = of('case');
  if (caseIds!.length > 0) {
    await db.query(
      `UPDATE cases c SET grid_code = m.to_code, version = c.version + 1
       FROM unnest($1::text[], $2::text[]) AS m(id, to_code) WHERE c.code = m.id AND c.closed_at IS NULL`,
      [caseIds, caseTo],
    );
  }
  for (const [table, kind] of [
    ['cameras', 'camera'],
    ['risk_points', 'riskPoint'],
  ] as const) {
    const [ids, to] = of(kind);
    if (ids!.length === 0) continue;
    await db.query(
      `UPDATE ${table} t SET grid_code = m.to_code FROM unnest($1::text[], $2::text[]) AS m(id, to_code) WHERE t.id = m.id`,
      [ids, to],
    );
  }
}

export interface GridChangeRow {
  id: string;
  village_code: string;
  author: string;
  at: Date;
  reason: string;
  effective_from: Date;
  kind: string;
  impact: { casesMoved: number; camerasMoved: number; riskPointsMoved: number; householdsMoved: number };
  reverts_change_id: string | null;
  reverted_by_change_id: string | null;
}

const CHANGE_COLUMNS = `c.id::text, c.village_code, c.author, c.at, c.reason, c.effective_from, c.kind, c.impact,
  c.reverts_change_id::text,
  (SELECT r.id::text FROM grid_changes r WHERE r.reverts_change_id = c.id) AS reverted_by_change_id`;

/** Changes of a village, newest first. */
export async function findGridChanges(db: Queryable, villageCode: string, limit: number): Promise<GridChangeRow[]> {
  const { rows } = await db.query<GridChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM grid_changes c WHERE c.village_code = $1 ORDER BY c.id DESC LIMIT $2`,
    [villageCode, limit],
  );
  return rows;
}

/** One change inside the prefix; `lock` for a revert. */
export async function findGridChange(db: Queryable, id: string, prefix: string): Promise<GridChangeRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<GridChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM grid_changes c WHERE c.id = $1::bigint AND c.village_code LIKE $2`,
    [id, `${prefix}%`],
  );
  return rows[0] ?? null;
}

export interface ChangeGridRow extends PlanningGridRow {
  area: number;
  valid_to: Date | null;
}

/** The versions a change created ('after') or closed ('before'). */
export async function findChangeGrids(
  db: Queryable,
  changeId: string,
  side: 'before' | 'after',
): Promise<ChangeGridRow[]> {
  const column = side === 'after' ? 'created_by_change' : 'closed_by_change';
  const { rows } = await db.query<ChangeGridRow>(
    `SELECT ${COLUMNS}, valid_to, ST_Area(geom::geography) AS area FROM grids WHERE ${column} = $1::bigint ORDER BY code`,
    [changeId],
  );
  return rows;
}

/** The current grids of a village with boundary (full precision), area and perimeter. */
export async function findCurrentGridShapes(
  db: Queryable,
  villageCode: string,
): Promise<{ code: string; geojson: string; area: number; perimeter: number }[]> {
  const { rows } = await db.query<{ code: string; geojson: string; area: number; perimeter: number }>(
    `SELECT code, ST_AsGeoJSON(geom, 15) AS geojson, ST_Area(geom::geography) AS area,
       ST_Perimeter(geom::geography) AS perimeter
     FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
    [villageCode],
  );
  return rows;
}

/** The stored planning thresholds (settings key grid_planning, JSON), or null for the defaults. */
export async function findPlanningSettingsJson(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'grid_planning'");
  return rows[0]?.value ?? null;
}
