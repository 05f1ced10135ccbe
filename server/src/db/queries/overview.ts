/** Layer counts inside a jurisdiction, and the provenance and presence of the loaded data. */
import type { Queryable } from '../database.js';

export interface LayerCounts {
  adminUnits: number;
  grids: number;
  cameras: number;
  riskPoints: number;
  cases: number;
  caseEvents: number;
}

/** The prefix every code starts with: counts of the whole map (start-up, loader tests). */
export const WHOLE_MAP = '';

/**
 * What each layer holds inside the code prefix (a jurisdiction's, or {@link WHOLE_MAP}). Cheap at city scale: admin units, grids and
 * cases are counted on their prefix indexes (migration 003), cameras, risk points and case
 * events summed from the per-village counts their triggers keep (migrations 004 and 017).
 */
export async function countLayers(db: Queryable, prefix: string): Promise<LayerCounts> {
  const { rows } = await db.query<LayerCounts>(
    `SELECT
       (SELECT count(*)::int FROM admin_units WHERE code LIKE $1) AS "adminUnits",
       (SELECT count(*)::int FROM grids WHERE valid_to IS NULL AND code LIKE $1) AS grids,
       (SELECT coalesce(sum(n), 0)::int FROM camera_status_counts WHERE village_code LIKE $1) AS cameras,
       (SELECT coalesce(sum(n), 0)::int FROM risk_point_level_counts WHERE village_code LIKE $1) AS "riskPoints",
       (SELECT count(*)::int FROM cases WHERE village_code LIKE $1) AS cases,
       (SELECT coalesce(sum(n), 0)::int FROM case_event_counts WHERE village_code LIKE $1) AS "caseEvents"`,
    [`${prefix}%`],
  );
  return rows[0]!;
}

/** Whether any grid is current: a loaded map has grids, an emptied one none. */
export async function hasCurrentGrids(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM grids WHERE valid_to IS NULL) AS found',
  );
  return rows[0]!.found;
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
