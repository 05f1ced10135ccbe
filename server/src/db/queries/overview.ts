/** Whole-map counts and the provenance of the loaded data. */
import type { Queryable } from '../database.js';

export interface LayerCounts {
  adminUnits: number;
  grids: number;
  cameras: number;
  riskPoints: number;
  cases: number;
  caseEvents: number;
}

export async function countLayers(db: Queryable): Promise<LayerCounts> {
  const { rows } = await db.query<LayerCounts>(`SELECT
    (SELECT count(*)::int FROM admin_units) AS "adminUnits",
    (SELECT count(*)::int FROM grids WHERE valid_to IS NULL) AS grids,
    (SELECT count(*)::int FROM cameras) AS cameras,
    (SELECT count(*)::int FROM risk_points) AS "riskPoints",
    (SELECT count(*)::int FROM cases) AS cases,
    (SELECT count(*)::int FROM case_events) AS "caseEvents"`);
  return rows[0]!;
}

export interface DatasetLoadRow {
  source: string;
  synthetic: boolean;
  scale: string | null;
  seed: number | null;
  as_of: string | null;
  loaded_at: Date;
  duration_ms: number;
}

export async function findLatestDatasetLoad(db: Queryable): Promise<DatasetLoadRow | null> {
  const { rows } = await db.query<DatasetLoadRow>(
    `SELECT source, synthetic, scale, seed, to_char(as_of, 'YYYY-MM-DD') AS as_of, loaded_at, duration_ms
     FROM dataset_loads ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}
