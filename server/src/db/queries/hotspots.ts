/**
 * SQL of hotspot analysis: queen-contiguity neighbours of the current grids (kept in
 * grid_neighbours, rebuilt when the grids have changed), and case counts per grid and window.
 * The statistics are in server/src/domain/hotspots.
 */
import type { Database, Queryable } from '../database.js';

/**
 * Rebuilds grid_neighbours if a statement on grids has marked it stale since the last build;
 * returns whether it rebuilt. Grids that share an edge or a corner intersect (queen
 * contiguity); the GiST index finds the candidates.
 */
export async function ensureGridNeighbours(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ built: boolean }>('SELECT EXISTS (SELECT 1 FROM grid_neighbours_built) AS built');
  if (rows[0]?.built) return false;
  // One transaction, so a concurrent reader sees the old pairs or the new ones, never half.
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM grid_neighbours');
    await tx.query(
      `INSERT INTO grid_neighbours (grid_code, neighbour_code)
     SELECT a.code, b.code FROM grids a JOIN grids b
       ON a.valid_to IS NULL AND b.valid_to IS NULL AND a.code <> b.code AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
     ON CONFLICT DO NOTHING`,
    );
    await tx.query('INSERT INTO grid_neighbours_built (singleton) VALUES (true) ON CONFLICT DO NOTHING');
  });
  return true;
}

/** Neighbour pairs with both grids inside the prefix (the study region is the unit). */
export async function findGridNeighbours(db: Queryable, prefix: string): Promise<[string, string][]> {
  const { rows } = await db.query<{ a: string; b: string }>(
    `SELECT grid_code AS a, neighbour_code AS b FROM grid_neighbours
     WHERE grid_code LIKE $1 AND neighbour_code LIKE $1`,
    [`${prefix}%`],
  );
  return rows.map((r) => [r.a, r.b]);
}

/** Every current grid inside the prefix with its case count in [from, to), optionally one category. */
export async function countCasesPerGrid(
  db: Queryable,
  prefix: string,
  from: Date,
  to: Date,
  category: string | null,
): Promise<{ grid_code: string; count: number }[]> {
  const { rows } = await db.query<{ grid_code: string; count: number }>(
    `SELECT g.code AS grid_code, coalesce(c.n, 0)::int AS count
     FROM grids g
     LEFT JOIN (
       SELECT grid_code, count(*) AS n FROM cases
       WHERE village_code LIKE $1 AND reported_at >= $2 AND reported_at < $3 AND ($4::text IS NULL OR category = $4)
       GROUP BY grid_code
     ) c ON c.grid_code = g.code
     WHERE g.valid_to IS NULL AND g.code LIKE $1
     ORDER BY g.code`,
    [`${prefix}%`, from, to, category],
  );
  return rows;
}

/**
 * Case counts per grid and ISO week of `timeZone` in [from, to); `week` is the index of the
 * week counted from the week of `from`. Grids and weeks without cases are absent.
 */
export async function countCasesPerGridWeek(
  db: Queryable,
  prefix: string,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<{ grid_code: string; week: number; count: number }[]> {
  const { rows } = await db.query<{ grid_code: string; week: number; count: number }>(
    `SELECT grid_code,
       ((date_trunc('week', reported_at AT TIME ZONE $4::text)::date
         - date_trunc('week', $2::timestamptz AT TIME ZONE $4::text)::date) / 7)::int AS week,
       count(*)::int AS count
     FROM cases
     WHERE village_code LIKE $1 AND reported_at >= $2 AND reported_at < $3
     GROUP BY 1, 2`,
    [`${prefix}%`, from, to, timeZone],
  );
  return rows;
}
