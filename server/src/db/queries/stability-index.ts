/**
 * SQL of the stability index: the raw counts of every current grid for one period (one
 * set-based query; the index math is in server/src/domain/index), and published snapshots.
 */
import { copyTextField, type Queryable } from '../database.js';

export interface TimeWindow {
  startAt: Date;
  endAt: Date;
}

/** Raw counts of one grid, as the domain's RawCounts plus the grid code. */
export interface GridCountsRow {
  grid_code: string;
  population: number;
  cases: number;
  severity_points: number;
  due: number;
  due_missed: number;
  closed: number;
  closed_on_time: number;
  closed_in_village: number;
  closed_in_township: number;
  repeat_cases: number;
  risk_points: number;
  risk_points_1: number;
  risk_points_2: number;
  risk_points_3: number;
  risk_points_4: number;
  risk_points_watched: number;
  cameras: number;
  cameras_online: number;
  cases_year_before: number;
}

/**
 * Distances are checked in two steps: a box around the point sized in degrees for its latitude
 * (so the GiST index can be used), then the exact distance on the sphere.
 */
const boxAround = (geom: string, meters: number) =>
  `ST_Expand(${geom}, ${meters} / (111320 * cos(radians(ST_Y(${geom})))), ${meters} / 110540.0)`;

/**
 * Counts per current grid for the period [startAt, endAt) and the same window a year before.
 * Cameras and risk points are the register as it stands (it keeps no history). JIT is turned
 * off for the surrounding transaction: compiling this query cost ~0.4 s at city scale and
 * saved nothing (outside a transaction SET LOCAL only warns).
 */
export async function findGridCounts(
  db: Queryable,
  period: TimeWindow,
  yearBefore: TimeWindow,
): Promise<GridCountsRow[]> {
  await db.query('SET LOCAL jit = off');
  const { rows } = await db.query<GridCountsRow>(
    `WITH g AS (SELECT code, population FROM grids WHERE valid_to IS NULL),
     -- Repeat locations probe the cases GiST index (a CTE scan would compare every pair). The
     -- time test is written as a range so the planner cannot AND the time index into every probe
     -- (that read the whole period's index entries 2,700 times a month: 1.3 s against 0.2 s).
     reported AS (
       SELECT code, grid_code, geom, severity FROM cases WHERE reported_at >= $1 AND reported_at < $2
     ),
     c AS (
       SELECT grid_code, count(*)::int AS cases,
         sum(CASE severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 4 ELSE 8 END)::int AS severity_points,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM cases b
           WHERE b.reported_at <@ tstzrange($1, $2) AND b.code <> a.code AND b.geom && ${boxAround('a.geom', 50)} AND ST_DistanceSphere(a.geom, b.geom) <= 50
         ))::int AS repeat_cases
       FROM reported a GROUP BY grid_code
     ),
     d AS (
       SELECT grid_code, count(*)::int AS due,
         count(*) FILTER (WHERE closed_at IS NULL OR closed_at > deadline)::int AS due_missed
       FROM cases WHERE deadline >= $1 AND deadline < $2 GROUP BY grid_code
     ),
     cl AS (
       SELECT grid_code, count(*)::int AS closed,
         count(*) FILTER (WHERE closed_at <= deadline)::int AS closed_on_time,
         count(*) FILTER (WHERE handled_level = 'village')::int AS closed_in_village,
         count(*) FILTER (WHERE handled_level IN ('village', 'township'))::int AS closed_in_township
       FROM cases WHERE closed_at >= $1 AND closed_at < $2 GROUP BY grid_code
     ),
     ly AS (
       SELECT grid_code, count(*)::int AS cases_year_before
       FROM cases WHERE reported_at >= $3 AND reported_at < $4 GROUP BY grid_code
     ),
     -- Cover and camera counts are kept by triggers (migration 008), so nothing here is spatial.
     rp AS (
       SELECT r.grid_code, count(*)::int AS risk_points,
         count(*) FILTER (WHERE r.level = 1)::int AS risk_points_1,
         count(*) FILTER (WHERE r.level = 2)::int AS risk_points_2,
         count(*) FILTER (WHERE r.level = 3)::int AS risk_points_3,
         count(*) FILTER (WHERE r.level = 4)::int AS risk_points_4,
         count(w.risk_point_id)::int AS risk_points_watched
       FROM risk_points r LEFT JOIN risk_point_camera_cover w ON w.risk_point_id = r.id
       GROUP BY r.grid_code
     ),
     cam AS (
       SELECT grid_code, sum(n)::int AS cameras, coalesce(sum(n) FILTER (WHERE status = 'online'), 0)::int AS cameras_online
       FROM camera_grid_status_counts GROUP BY grid_code
     )
     SELECT g.code AS grid_code, g.population,
       coalesce(c.cases, 0) AS cases, coalesce(c.severity_points, 0) AS severity_points,
       coalesce(d.due, 0) AS due, coalesce(d.due_missed, 0) AS due_missed,
       coalesce(cl.closed, 0) AS closed, coalesce(cl.closed_on_time, 0) AS closed_on_time,
       coalesce(cl.closed_in_village, 0) AS closed_in_village, coalesce(cl.closed_in_township, 0) AS closed_in_township,
       coalesce(c.repeat_cases, 0) AS repeat_cases,
       coalesce(rp.risk_points, 0) AS risk_points, coalesce(rp.risk_points_1, 0) AS risk_points_1,
       coalesce(rp.risk_points_2, 0) AS risk_points_2, coalesce(rp.risk_points_3, 0) AS risk_points_3,
       coalesce(rp.risk_points_4, 0) AS risk_points_4, coalesce(rp.risk_points_watched, 0) AS risk_points_watched,
       coalesce(cam.cameras, 0) AS cameras, coalesce(cam.cameras_online, 0) AS cameras_online,
       coalesce(ly.cases_year_before, 0) AS cases_year_before
     FROM g
     LEFT JOIN c ON c.grid_code = g.code
     LEFT JOIN d ON d.grid_code = g.code
     LEFT JOIN cl ON cl.grid_code = g.code
     LEFT JOIN ly ON ly.grid_code = g.code
     LEFT JOIN rp ON rp.grid_code = g.code
     LEFT JOIN cam ON cam.grid_code = g.code
     ORDER BY g.code`,
    [period.startAt, period.endAt, yearBefore.startAt, yearBefore.endAt],
  );
  return rows;
}

export interface PublicationRow {
  period_kind: string;
  period_start: string;
  revision: number;
  weights_version: string;
  reason: string | null;
  published_by: string;
  published_at: Date;
  unit_count: number;
}

export interface SnapshotIndicator {
  key: string;
  raw: number | null;
  normalised: number | null;
  weight: number;
  contribution: number | null;
}

export interface SnapshotInsert {
  unitCode: string;
  level: string;
  parentCode: string | null;
  score: number;
  band: string;
  population: number;
  rank: number | null;
  rankOf: number | null;
  /** In the same order (the weights version's) in every snapshot of a publication. */
  indicators: readonly SnapshotIndicator[];
  counts: Readonly<Record<string, number>>;
}

const PUBLICATION_COLUMNS = `period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, revision, weights_version,
  reason, published_by, published_at, unit_count`;

/** The highest revision of a period, 0 when it was never published. */
export async function findLatestRevision(db: Queryable, kind: string, start: string): Promise<number> {
  const { rows } = await db.query<{ revision: number | null }>(
    'SELECT max(revision) AS revision FROM index_publications WHERE period_kind = $1 AND period_start = $2::date',
    [kind, start],
  );
  return rows[0]?.revision ?? 0;
}

/** A PostgreSQL array literal of numbers (COPY text needs no further escaping for it). */
const numberArray = (values: readonly (number | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;

/**
 * The names every snapshot of a publication shares (migration 009 stores them once, on the
 * publication); a snapshot that lists them in another order would be stored wrongly, so it is refused.
 */
function sharedKeys(snapshots: readonly SnapshotInsert[]) {
  const first = snapshots[0];
  const indicatorKeys = first ? first.indicators.map((i) => i.key) : [];
  const indicatorWeights = first ? first.indicators.map((i) => i.weight) : [];
  const countKeys = first ? Object.keys(first.counts) : [];
  for (const s of snapshots) {
    const same =
      s.indicators.length === indicatorKeys.length &&
      s.indicators.every((i, n) => i.key === indicatorKeys[n] && i.weight === indicatorWeights[n]) &&
      Object.keys(s.counts).join() === countKeys.join();
    if (!same) throw new Error(`snapshot ${s.unitCode} lists other indicators or counts than ${first!.unitCode}`);
  }
  return { indicatorKeys, indicatorWeights, countKeys };
}

/** Writes a publication and its snapshots (COPY of number arrays); run inside the publishing transaction. */
export async function insertPublication(
  tx: Queryable,
  header: Omit<PublicationRow, 'published_at' | 'unit_count'> & { published_at: Date },
  snapshots: readonly SnapshotInsert[],
): Promise<PublicationRow> {
  const keys = sharedKeys(snapshots);
  const { rows } = await tx.query<PublicationRow>(
    `INSERT INTO index_publications (period_kind, period_start, revision, weights_version, reason, published_by,
       published_at, unit_count, indicator_keys, indicator_weights, count_keys)
     VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9::text[], $10::float8[], $11::text[]) RETURNING ${PUBLICATION_COLUMNS}`,
    [
      header.period_kind,
      header.period_start,
      header.revision,
      header.weights_version,
      header.reason,
      header.published_by,
      header.published_at,
      snapshots.length,
      keys.indicatorKeys,
      keys.indicatorWeights,
      keys.countKeys,
    ],
  );
  const lines = snapshots.map((s) =>
    [
      header.period_kind,
      header.period_start,
      header.revision,
      s.unitCode,
      s.level,
      s.parentCode,
      s.score,
      s.band,
      s.population,
      s.rank,
      s.rankOf,
      numberArray(s.indicators.flatMap((i) => [i.raw, i.normalised, i.contribution])),
      numberArray(keys.countKeys.map((k) => s.counts[k]!)),
    ]
      .map(copyTextField)
      .join('\t'),
  );
  if (lines.length > 0) {
    await tx.copyIn(
      'index_snapshots',
      [
        'period_kind',
        'period_start',
        'revision',
        'unit_code',
        'level',
        'parent_code',
        'score',
        'band',
        'population',
        'rank',
        'rank_of',
        'indicator_values',
        'count_values',
      ],
      `${lines.join('\n')}\n`,
    );
  }
  return rows[0]!;
}

export interface SnapshotRow {
  unit_code: string;
  unit_name: string | null;
  level: string;
  parent_code: string | null;
  period_kind: string;
  period_start: string;
  revision: number;
  score: number;
  band: string;
  population: number;
  rank: number | null;
  rank_of: number | null;
  indicators: { key: string; raw: number | null; normalised: number | null; weight: number; contribution: number }[];
  weights_version: string;
  reason: string | null;
  published_by: string;
  published_at: Date;
}

/** Snapshots written as arrays (migration 009) read back in the JSON shape of the older ones. */
const SNAPSHOT_INDICATORS = `coalesce(s.indicators, (
    SELECT jsonb_agg(jsonb_build_object('key', k.key, 'raw', s.indicator_values[3 * k.i - 2],
      'normalised', s.indicator_values[3 * k.i - 1], 'weight', p.indicator_weights[k.i],
      'contribution', s.indicator_values[3 * k.i]) ORDER BY k.i)
    FROM unnest(p.indicator_keys) WITH ORDINALITY AS k(key, i)), '[]'::jsonb)`;

const SNAPSHOT_SELECT = `SELECT s.unit_code, coalesce(u.name, g.name) AS unit_name, s.level, s.parent_code, s.period_kind,
    to_char(s.period_start, 'YYYY-MM-DD') AS period_start, s.revision, s.score, s.band, s.population, s.rank, s.rank_of,
    ${SNAPSHOT_INDICATORS} AS indicators, p.weights_version, p.reason, p.published_by, p.published_at
  FROM index_snapshots s
  JOIN index_publications p USING (period_kind, period_start, revision)
  LEFT JOIN admin_units u ON u.code = s.unit_code
  LEFT JOIN grids g ON g.code = s.unit_code AND g.valid_to IS NULL`;

/** The start of the latest published period of `kind` starting on or before `onOrBefore` (any when null). */
export async function findLatestPublishedStart(
  db: Queryable,
  kind: string,
  onOrBefore: string | null,
): Promise<string | null> {
  const { rows } = await db.query<{ start: string | null }>(
    `SELECT to_char(max(period_start), 'YYYY-MM-DD') AS start FROM index_publications
     WHERE period_kind = $1 AND ($2::date IS NULL OR period_start <= $2::date)`,
    [kind, onOrBefore],
  );
  return rows[0]?.start ?? null;
}

/** Every revision of one unit's snapshot for one period, oldest first. */
export async function findSnapshotRevisions(
  db: Queryable,
  unitCode: string,
  kind: string,
  start: string,
): Promise<SnapshotRow[]> {
  const { rows } = await db.query<SnapshotRow>(
    `${SNAPSHOT_SELECT} WHERE s.unit_code = $1 AND s.period_kind = $2 AND s.period_start = $3::date ORDER BY s.revision`,
    [unitCode, kind, start],
  );
  return rows;
}

/** The latest revision of a unit's snapshot for each period starting in [from, to), oldest first. */
export async function findSnapshotHistory(
  db: Queryable,
  unitCode: string,
  kind: string,
  from: string,
  to: string,
): Promise<SnapshotRow[]> {
  const { rows } = await db.query<SnapshotRow>(
    `${SNAPSHOT_SELECT}
     WHERE s.unit_code = $1 AND s.period_kind = $2 AND s.period_start >= $3::date AND s.period_start < $4::date
       AND s.revision = (SELECT max(revision) FROM index_publications q
                         WHERE q.period_kind = s.period_kind AND q.period_start = s.period_start)
     ORDER BY s.period_start`,
    [unitCode, kind, from, to],
  );
  return rows;
}

/** The latest-revision snapshots of the children of `parentCode` for one period, best first. */
export async function findChildSnapshots(
  db: Queryable,
  parentCode: string,
  kind: string,
  start: string,
): Promise<SnapshotRow[]> {
  const { rows } = await db.query<SnapshotRow>(
    `${SNAPSHOT_SELECT}
     WHERE s.parent_code = $1 AND s.period_kind = $2 AND s.period_start = $3::date
       AND s.revision = (SELECT max(revision) FROM index_publications q WHERE q.period_kind = $2 AND q.period_start = $3::date)
     ORDER BY s.score DESC, s.unit_code`,
    [parentCode, kind, start],
  );
  return rows;
}

/** Latest-revision scores of the given units for one period (for "previous period" columns). */
export async function findScores(
  db: Queryable,
  unitCodes: readonly string[],
  kind: string,
  start: string,
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ unit_code: string; score: number }>(
    `SELECT unit_code, score FROM index_snapshots s
     WHERE unit_code = ANY($1::text[]) AND period_kind = $2 AND period_start = $3::date
       AND revision = (SELECT max(revision) FROM index_publications q WHERE q.period_kind = $2 AND q.period_start = $3::date)`,
    [unitCodes, kind, start],
  );
  return new Map(rows.map((r) => [r.unit_code, r.score]));
}
