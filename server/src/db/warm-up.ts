/**
 * A warm-up of the embedded engine's spatial code, run once at server start. PGlite is PostgreSQL
 * compiled to WebAssembly, and Node compiles WebAssembly functions lazily, on first call: the
 * first statement of a process that loads PostGIS, and each GEOS or geography function used for
 * the first time, pay for that compiling, so a user's first request of each kind (the planner's
 * first judgement, say) would be several times slower than later ones. Calling the same functions
 * once on tiny literal geometries moves that cost to the start. Tests open many databases and skip it.
 */
import type { Database } from './database.js';

export interface WarmUpResult {
  /** False on the server driver: native PostGIS has nothing to compile, so nothing is run. */
  ran: boolean;
  durationMs: number;
  /** Names of the statements that failed (each logged, none stops the start). */
  failed: string[];
}

// Two squares side by side sharing an edge and a third overlapping both, about 1 km wide: valid,
// so no GEOS exception can occur (the embedded PostGIS may hang on one), and with shared edges,
// overlaps and a gap so the overlay code takes the paths real partitions take.
const square = (x: number, y: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});
const SHAPES = JSON.stringify([square(115.5, 35.2, 0.01), square(115.51, 35.2, 0.01), square(115.505, 35.205, 0.01)]);

const PROPOSED = `proposed AS MATERIALIZED (
  SELECT (ord - 1)::int AS i, ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4326) AS geom
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(g, ord)
)`;

/** The functions the planner's judgement, split and merge use (server/src/db/queries/grid-*.ts). */
const STATEMENTS: { name: string; sql: string }[] = [
  {
    name: 'validity',
    sql: `WITH ${PROPOSED}
      SELECT (d).valid, (d).reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
      FROM (SELECT i, ST_IsValidDetail(geom) AS d FROM proposed) s ORDER BY i`,
  },
  {
    name: 'overlay',
    sql: `WITH ${PROPOSED},
      village AS (SELECT ST_Union(geom, 1e-12) AS geom FROM proposed WHERE i < 2),
      pairs AS (
        SELECT ST_Intersection(a.geom, b.geom, 1e-12) AS x, ST_Equals(a.geom, b.geom) AS same
        FROM proposed a JOIN proposed b ON a.i < b.i AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
      ),
      cut AS (
        SELECT CASE WHEN ST_CoveredBy(p.geom, v.geom) THEN NULL ELSE ST_Difference(p.geom, v.geom, 1e-12) END AS outside
        FROM proposed p CROSS JOIN village v
      ),
      rest AS (SELECT ST_Difference(ST_Expand(v.geom, 0.001), v.geom, 1e-12) AS geom FROM village v)
      SELECT
        (SELECT sum(ST_Area(x::geography)) + sum(ST_X(ST_PointOnSurface(x))) FROM pairs) AS overlaps,
        (SELECT sum(COALESCE(ST_Area(outside::geography), 0) + ST_Perimeter(outside::geography)) FROM cut) AS outside,
        (SELECT max(ST_Area(d.geom)) FROM rest r, ST_Dump(r.geom) d) AS gap`,
  },
  {
    name: 'points',
    sql: `WITH ${PROPOSED},
      items AS (SELECT ST_SetSRID(ST_MakePoint(115.5 + n * 0.004, 35.2 + n * 0.003), 4326) AS geom FROM generate_series(0, 5) n)
      SELECT count(*) FILTER (WHERE p.geom && it.geom AND ST_Covers(p.geom, it.geom)) AS covered,
        min(ST_Distance(p.geom, it.geom)) AS nearest,
        min(ST_DistanceSphere(p.geom, it.geom)) AS meters
      FROM proposed p CROSS JOIN items it`,
  },
  {
    // The index before/after's shape (grid-index-impact.ts): the engine's own code for placing
    // items, time ranges and grouping sets is compiled on first use too.
    name: 'placing and grouping',
    sql: `WITH ${PROPOSED},
      items AS MATERIALIZED (
        SELECT CASE WHEN n % 2 = 0 THEN 'case' ELSE 'camera' END AS kind, n::text AS id,
          CASE WHEN n < 3 THEN '0' END AS grid_code, now() - n * interval '1 day' AS at,
          ST_SetSRID(ST_MakePoint(115.49 + n * 0.006, 35.21), 4326) AS geom
        FROM generate_series(0, 5) n
      ),
      covered AS MATERIALIZED (
        SELECT DISTINCT ON (it.kind, it.id) it.kind, it.id, p.i
        FROM proposed p JOIN items it ON p.geom && it.geom AND ST_Covers(p.geom, it.geom)
        ORDER BY it.kind, it.id, p.i
      ),
      uncovered AS MATERIALIZED (
        SELECT it.* FROM items it WHERE NOT EXISTS (SELECT 1 FROM covered c WHERE c.kind = it.kind AND c.id = it.id)
      ),
      placed AS (
        SELECT it.kind, it.grid_code, it.at, c.i FROM items it JOIN covered c ON c.kind = it.kind AND c.id = it.id
        UNION ALL
        SELECT u.kind, u.grid_code, u.at, n.i FROM uncovered u CROSS JOIN LATERAL (
          SELECT p.i FROM proposed p ORDER BY ST_Distance(p.geom, u.geom), p.i LIMIT 1
        ) n
      )
      SELECT CASE WHEN GROUPING(i) = 0 THEN i END AS i, grid_code,
        count(*) FILTER (WHERE kind = 'case' AND at <@ tstzrange(now() - interval '3 days', now()))::int AS recent,
        coalesce(sum(CASE kind WHEN 'case' THEN 1 ELSE 2 END), 0)::int AS points
      FROM placed GROUP BY GROUPING SETS ((i), (grid_code))`,
  },
  {
    name: 'split and merge',
    sql: `WITH ${PROPOSED},
      line AS (SELECT ST_SetSRID(ST_MakeLine(ST_MakePoint(115.505, 35.19), ST_MakePoint(115.505, 35.22)), 4326) AS geom),
      parts AS (
        SELECT d.geom FROM proposed p, line l, ST_Dump(ST_CollectionExtract(ST_Split(p.geom, l.geom), 3)) d
        WHERE p.i = 0 AND ST_Intersects(p.geom, l.geom)
      ),
      merged AS (SELECT ST_UnaryUnion(ST_Collect(geom)) AS geom FROM proposed WHERE i < 2)
      SELECT (SELECT json_agg(ST_AsGeoJSON(geom, 15)) FROM parts) AS pieces,
        (SELECT GeometryType(geom) FROM merged) AS kind`,
  },
];

/**
 * Runs the planner's spatial functions once on tiny literal geometries when `db` is embedded.
 * Never throws: a failed statement is logged and the start goes on (the cost then stays with the
 * first user). Opt-in from the server start only, so the tests that open many databases stay fast.
 */
export async function warmUpSpatial(
  db: Database,
  log: (message: string) => void = (message) => console.warn(message),
): Promise<WarmUpResult> {
  if (db.kind !== 'embedded') return { ran: false, durationMs: 0, failed: [] };
  const start = performance.now();
  const failed: string[] = [];
  for (const { name, sql } of STATEMENTS) {
    try {
      await db.query(sql, [SHAPES]);
    } catch (error) {
      failed.push(name);
      log(
        `spatial warm-up: "${name}" failed and was skipped: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { ran: true, durationMs: performance.now() - start, failed };
}
