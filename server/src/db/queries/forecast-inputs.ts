/**
 * What the grid forecast reads (server/src/domain/forecast): the current grids of a unit with
 * their areas, their queen-contiguity neighbours, and case counts per grid, local day and
 * category before a moment — all on one snapshot, so that counts, grids and neighbours agree.
 */
import type { Database, Queryable } from '../database.js';

export interface ForecastGridRow {
  code: string;
  areaSquareMeters: number;
}

export interface ForecastCountRow {
  gridCode: string;
  /** Local (Asia/Shanghai) day, numbered from 1970-01-01. */
  day: number;
  category: string;
  count: number;
}

export interface ForecastInputRows {
  /** Current grids inside the prefix, by code. */
  grids: ForecastGridRow[];
  /** Neighbour pairs (both directions) with both grids inside the prefix. */
  neighbours: [string, string][];
  /** Cases reported in [from, before) inside the prefix, by grid, day and category. */
  counts: ForecastCountRow[];
}

/**
 * Reads the forecast's inputs for the unit `prefix` from cases reported in [from, before).
 * Neighbours come from grid_neighbours when it is built (ensureGridNeighbours); when it is
 * not, they are found with the same spatial test, read-only, which is slower.
 */
export async function readForecastInputs(
  db: Database,
  prefix: string,
  from: Date,
  before: Date,
): Promise<ForecastInputRows> {
  if (!/^\d{1,15}$/.test(prefix)) throw new Error(`readForecastInputs: prefix must be 1–15 digits, got "${prefix}"`);
  if (!(from < before)) throw new Error(`readForecastInputs: "from" (${from.toISOString()}) must be before "before"`);
  return db.readSnapshot(1, async ([tx]) => ({
    grids: await findGrids(tx!, prefix),
    neighbours: await findNeighbours(tx!, prefix),
    counts: await countCases(tx!, prefix, from, before),
  }));
}

/**
 * What the forecast's inputs for `prefix` over [from, before) depend on, in one short row: the
 * number of those cases and the sum of their versions (a case added, removed, or moved to another
 * grid or category changes it), the last grid change (grids, their areas and neighbours) and
 * whether the neighbour table is built. Equal fingerprints, equal inputs: a forecast made from
 * them may be served again.
 */
export async function readForecastFingerprint(
  db: Queryable,
  prefix: string,
  from: Date,
  before: Date,
): Promise<string> {
  const { rows } = await db.query<{ cases: number; versions: string; change: string; built: boolean }>(
    `SELECT count(*)::int AS cases, coalesce(sum(version), 0)::text AS versions,
       (SELECT coalesce(max(id), 0) FROM grid_changes)::text AS change,
       EXISTS (SELECT 1 FROM grid_neighbours_built) AS built
     FROM cases
     WHERE village_code LIKE $4 AND grid_code LIKE $1 AND reported_at >= $2 AND reported_at < $3`,
    [`${prefix}%`, from, before, `${prefix.slice(0, 12)}%`],
  );
  const row = rows[0]!;
  return `${row.cases}:${row.versions}:${row.change}:${row.built}`;
}

async function findGrids(db: Queryable, prefix: string): Promise<ForecastGridRow[]> {
  const { rows } = await db.query<{ code: string; area: number }>(
    `SELECT code, ST_Area(geom::geography)::float8 AS area FROM grids
     WHERE valid_to IS NULL AND code LIKE $1 ORDER BY code`,
    [`${prefix}%`],
  );
  return rows.map((r) => ({ code: r.code, areaSquareMeters: Number(r.area) }));
}

async function findNeighbours(db: Queryable, prefix: string): Promise<[string, string][]> {
  const { rows: built } = await db.query<{ built: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM grid_neighbours_built) AS built',
  );
  const { rows } = await db.query<{ a: string; b: string }>(
    built[0]?.built
      ? `SELECT grid_code AS a, neighbour_code AS b FROM grid_neighbours
         WHERE grid_code LIKE $1 AND neighbour_code LIKE $1`
      : `SELECT a.code AS a, b.code AS b FROM grids a JOIN grids b
           ON a.valid_to IS NULL AND b.valid_to IS NULL AND a.code <> b.code
          AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
         WHERE a.code LIKE $1 AND b.code LIKE $1`,
    [`${prefix}%`],
  );
  return rows.map((r) => [r.a, r.b]);
}

async function countCases(db: Queryable, prefix: string, from: Date, before: Date): Promise<ForecastCountRow[]> {
  const { rows } = await db.query<{ grid_code: string; day: number; category: string; n: number }>(
    `SELECT grid_code, ((reported_at AT TIME ZONE 'Asia/Shanghai')::date - DATE '1970-01-01')::int AS day,
       category, count(*)::int AS n
     FROM cases
     WHERE village_code LIKE $4 AND grid_code LIKE $1 AND reported_at >= $2 AND reported_at < $3
     GROUP BY 1, 2, 3`,
    // A case's village is its grid's first 12 digits: the village index narrows the scan.
    [`${prefix}%`, from, before, `${prefix.slice(0, 12)}%`],
  );
  return rows.map((r) => ({ gridCode: r.grid_code, day: r.day, category: r.category, count: r.n }));
}
