/**
 * What the stability index of a village's grids would be with a proposed partition: the raw
 * counts of one period for each proposed polygon (placed by geometry) and for each current grid
 * (by its assigned grid code, as publishing counts them), in one village-scoped statement, and the
 * published grid scores of that period. The scoring itself is the domain's (server/src/domain/index).
 */
import type { Queryable } from '../database.js';
import type { RawCounts } from '../../domain/index/score.js';

/** RawCounts without population: the planner's estimate (proposed) or the grid's (current) is added by the caller. */
export type PlacedCounts = Omit<RawCounts, 'population'>;

export interface ProposalIndexCounts {
  /** Counts inside each proposed polygon, in input order. */
  proposed: PlacedCounts[];
  /** Counts of each current grid of the village, by grid code. */
  current: Map<string, PlacedCounts>;
}

export interface Window {
  startAt: Date;
  endAt: Date;
}

interface CountsRow extends PlacedCounts {
  i: number | null;
  grid_code: string | null;
}

const sphereBox = (geom: string, meters: number) =>
  `ST_Expand(${geom}, ${meters} / (111320 * cos(radians(ST_Y(${geom})))), ${meters} / 110540.0)`;

/**
 * One statement: the village's cases that matter for the period (reported, due or closed in it,
 * or reported in the same window a year before), its cameras and risk points, each placed in
 * exactly one proposed polygon the way measureProposal places them (a point on a shared edge
 * stays with its current code when it can; a point outside every polygon goes to the nearest),
 * then summed twice with GROUPING SETS: per proposed polygon and per current grid code. The
 * indicator definitions are those of publishing (findGridCounts): repeats are other cases of the
 * period within 50 m anywhere in the city, a risk point is watched when an online camera is within
 * 100 m. Geometries must be valid.
 */
export async function findProposalIndexCounts(
  db: Queryable,
  villageCode: string,
  geometries: readonly unknown[],
  codes: readonly (string | null)[],
  period: Window,
  yearBefore: Window,
): Promise<ProposalIndexCounts> {
  const { rows } = await db.query<CountsRow>(
    `WITH proposed AS MATERIALIZED (
       SELECT (ord - 1)::int AS i, ($3::text[])[ord] AS code, ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4326) AS geom
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(g, ord)
     ),
     vc AS MATERIALIZED (
       SELECT code, grid_code, geom, severity, reported_at, deadline, closed_at, handled_level,
         reported_at >= $4 AND reported_at < $5 AS in_period
       FROM cases
       WHERE village_code = $2
         AND ((reported_at >= $4 AND reported_at < $5) OR (reported_at >= $6 AND reported_at < $7)
           OR (deadline >= $4 AND deadline < $5) OR (closed_at >= $4 AND closed_at < $5))
     ),
     cam AS MATERIALIZED (
       SELECT id, grid_code, geom, status FROM cameras WHERE grid_code BETWEEN $2 || '000' AND $2 || '999'
     ),
     rp AS MATERIALIZED (
       SELECT r.id, r.grid_code, r.geom, r.level,
         EXISTS (SELECT 1 FROM cameras k WHERE k.status = 'online' AND k.geom && ${sphereBox('r.geom', 100)}
                 AND ST_DistanceSphere(k.geom, r.geom) <= 100) AS watched
       FROM risk_points r WHERE r.grid_code BETWEEN $2 || '000' AND $2 || '999'
     ),
     items AS MATERIALIZED (
       SELECT 'case' AS kind, code AS id, grid_code, geom FROM vc
       UNION ALL SELECT 'camera', id, grid_code, geom FROM cam
       UNION ALL SELECT 'riskPoint', id, grid_code, geom FROM rp
     ),
     covered AS MATERIALIZED (
       SELECT DISTINCT ON (it.kind, it.id) it.kind, it.id, p.i
       FROM proposed p JOIN items it ON p.geom && it.geom AND ST_Covers(p.geom, it.geom)
       ORDER BY it.kind, it.id, (p.code IS NOT DISTINCT FROM it.grid_code) DESC, p.code NULLS LAST, p.i
     ),
     -- Materialized so that the nearest polygon is looked up for these few items only: with the
     -- filter after the LATERAL, the planner measured every item's distances first.
     uncovered AS MATERIALIZED (
       SELECT it.kind, it.id, it.grid_code, it.geom FROM items it
       WHERE NOT EXISTS (SELECT 1 FROM covered c WHERE c.kind = it.kind AND c.id = it.id)
     ),
     placed AS (
       SELECT kind, id, i FROM covered
       UNION ALL
       SELECT it.kind, it.id, n.i FROM uncovered it CROSS JOIN LATERAL (
         SELECT p.i FROM proposed p
         ORDER BY (p.code IS NOT DISTINCT FROM it.grid_code) DESC, ST_Distance(p.geom, it.geom), p.code NULLS LAST, p.i
         LIMIT 1
       ) n
     ),
     facts AS (
       SELECT 'case' AS kind, c.grid_code, c.in_period, c.severity, c.reported_at, c.deadline, c.closed_at,
         c.handled_level, c.in_period AND EXISTS (
           SELECT 1 FROM cases b
           WHERE b.reported_at <@ tstzrange($4, $5) AND b.code <> c.code AND b.geom && ${sphereBox('c.geom', 50)}
             AND ST_DistanceSphere(c.geom, b.geom) <= 50
         ) AS repeat, NULL::int AS level, NULL::boolean AS watched, NULL::text AS status, pl.i
       FROM vc c JOIN placed pl ON pl.kind = 'case' AND pl.id = c.code
       UNION ALL
       SELECT 'camera', k.grid_code, false, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, k.status, pl.i
       FROM cam k JOIN placed pl ON pl.kind = 'camera' AND pl.id = k.id
       UNION ALL
       SELECT 'riskPoint', r.grid_code, false, NULL, NULL, NULL, NULL, NULL, false, r.level, r.watched, NULL, pl.i
       FROM rp r JOIN placed pl ON pl.kind = 'riskPoint' AND pl.id = r.id
     )
     SELECT CASE WHEN GROUPING(i) = 0 THEN i END AS i, CASE WHEN GROUPING(grid_code) = 0 THEN grid_code END AS grid_code,
       count(*) FILTER (WHERE kind = 'case' AND in_period)::int AS cases,
       coalesce(sum(CASE severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 4 ELSE 8 END)
         FILTER (WHERE kind = 'case' AND in_period), 0)::int AS "severityPoints",
       count(*) FILTER (WHERE kind = 'case' AND deadline >= $4 AND deadline < $5)::int AS due,
       count(*) FILTER (WHERE kind = 'case' AND deadline >= $4 AND deadline < $5
         AND (closed_at IS NULL OR closed_at > deadline))::int AS "dueMissed",
       count(*) FILTER (WHERE kind = 'case' AND closed_at >= $4 AND closed_at < $5)::int AS closed,
       count(*) FILTER (WHERE kind = 'case' AND closed_at >= $4 AND closed_at < $5 AND closed_at <= deadline)::int
         AS "closedOnTime",
       count(*) FILTER (WHERE kind = 'case' AND closed_at >= $4 AND closed_at < $5 AND handled_level = 'village')::int
         AS "closedInVillage",
       count(*) FILTER (WHERE kind = 'case' AND closed_at >= $4 AND closed_at < $5
         AND handled_level IN ('village', 'township'))::int AS "closedInTownship",
       count(*) FILTER (WHERE repeat)::int AS "repeatCases",
       count(*) FILTER (WHERE kind = 'riskPoint')::int AS "riskPoints",
       count(*) FILTER (WHERE level = 1)::int AS "riskPoints1",
       count(*) FILTER (WHERE level = 2)::int AS "riskPoints2",
       count(*) FILTER (WHERE level = 3)::int AS "riskPoints3",
       count(*) FILTER (WHERE level = 4)::int AS "riskPoints4",
       count(*) FILTER (WHERE watched)::int AS "riskPointsWatched",
       count(*) FILTER (WHERE kind = 'camera')::int AS cameras,
       count(*) FILTER (WHERE status = 'online')::int AS "camerasOnline",
       count(*) FILTER (WHERE kind = 'case' AND reported_at >= $6 AND reported_at < $7)::int AS "casesYearBefore"
     FROM facts GROUP BY GROUPING SETS ((i), (grid_code))`,
    [
      JSON.stringify(geometries),
      villageCode,
      codes,
      period.startAt,
      period.endAt,
      yearBefore.startAt,
      yearBefore.endAt,
    ],
  );
  const proposed = geometries.map(() => emptyPlaced());
  const current = new Map<string, PlacedCounts>();
  for (const { i, grid_code, ...counts } of rows) {
    if (i !== null) proposed[i] = counts;
    else if (grid_code !== null) current.set(grid_code, counts);
  }
  return { proposed, current };
}

export const emptyPlaced = (): PlacedCounts => ({
  cases: 0,
  severityPoints: 0,
  due: 0,
  dueMissed: 0,
  closed: 0,
  closedOnTime: 0,
  closedInVillage: 0,
  closedInTownship: 0,
  repeatCases: 0,
  riskPoints: 0,
  riskPoints1: 0,
  riskPoints2: 0,
  riskPoints3: 0,
  riskPoints4: 0,
  riskPointsWatched: 0,
  cameras: 0,
  camerasOnline: 0,
  casesYearBefore: 0,
});

export interface PublishedGridScores {
  revision: number;
  weightsVersion: string;
  /** Latest-revision scores of the asked grids that have a snapshot (a grid with nothing to score has none). */
  scores: Map<string, number>;
}

/** The latest publication of a period and its scores for the given grid codes; null when never published. */
export async function findPublishedGridScores(
  db: Queryable,
  kind: string,
  start: string,
  gridCodes: readonly string[],
): Promise<PublishedGridScores | null> {
  const { rows } = await db.query<{
    revision: number;
    weights_version: string;
    scores: Record<string, number> | null;
  }>(
    `SELECT p.revision, p.weights_version,
       (SELECT json_object_agg(s.unit_code, s.score) FROM index_snapshots s
        WHERE s.period_kind = p.period_kind AND s.period_start = p.period_start AND s.revision = p.revision
          AND s.unit_code = ANY($3::text[])) AS scores
     FROM index_publications p WHERE p.period_kind = $1 AND p.period_start = $2::date
     ORDER BY p.revision DESC LIMIT 1`,
    [kind, start, gridCodes],
  );
  const r = rows[0];
  if (!r) return null;
  return { revision: r.revision, weightsVersion: r.weights_version, scores: new Map(Object.entries(r.scores ?? {})) };
}
