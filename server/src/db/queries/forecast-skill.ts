/**
 * SQL of the forecast's published track record (migration 021): one publication per unit,
 * horizon and as-of day, with the figures of the model and each baseline. Both tables are
 * append-only by trigger; nothing here updates or deletes.
 */
import type { Queryable } from '../database.js';

/** The four forecasters a backtest scores, as stored. */
export const FORECASTERS = ['model', 'same_weeks_last_year', 'last_four_weeks', 'gi_star_hot_spots'] as const;
export type Forecaster = (typeof FORECASTERS)[number];

/** The figures of one forecaster; null where they do not apply or could not be had. */
export interface SkillFiguresRow {
  mae: number | null;
  rmse: number | null;
  coverage_80: number | null;
  coverage_95: number | null;
  pai_5: number | null;
  pei_5: number | null;
  pai_10: number | null;
  pei_10: number | null;
}

export interface SkillPublicationRow {
  unit_code: string;
  horizon_days: number;
  /** YYYY-MM-DD, local. */
  as_of: string;
  origin_count: number;
  grid_count: number;
  interval_probability_80: number;
  interval_probability_95: number;
  per_origin: { origin: string; actualTotal: number; expectedTotal: number }[];
  published_by: string;
  published_at: Date;
}

export interface SkillSnapshot extends SkillPublicationRow {
  /** By forecaster; a baseline whose figures could not be had is absent. */
  figures: Partial<Record<Forecaster, SkillFiguresRow>>;
}

const FIGURE_COLUMNS = ['mae', 'rmse', 'coverage_80', 'coverage_95', 'pai_5', 'pei_5', 'pai_10', 'pei_10'] as const;

/** Whether the unit's backtest for this horizon and as-of day is published. */
export async function skillPublished(q: Queryable, unitCode: string, horizonDays: number, asOf: string) {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM forecast_skill_publications
     WHERE unit_code = $1 AND horizon_days = $2 AND as_of = $3::date`,
    [unitCode, horizonDays, asOf],
  );
  return rows[0]!.n > 0;
}

/** Writes one publication and its forecasters' figures (the caller holds the transaction). */
export async function insertSkillSnapshot(q: Queryable, s: SkillSnapshot): Promise<void> {
  await q.query(
    `INSERT INTO forecast_skill_publications (unit_code, horizon_days, as_of, origin_count, grid_count,
       interval_probability_80, interval_probability_95, per_origin, published_by, published_at)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [
      s.unit_code,
      s.horizon_days,
      s.as_of,
      s.origin_count,
      s.grid_count,
      s.interval_probability_80,
      s.interval_probability_95,
      JSON.stringify(s.per_origin),
      s.published_by,
      s.published_at,
    ],
  );
  for (const forecaster of FORECASTERS) {
    const f = s.figures[forecaster];
    if (!f) continue;
    await q.query(
      `INSERT INTO forecast_skill_snapshots (unit_code, horizon_days, as_of, forecaster, ${FIGURE_COLUMNS.join(', ')})
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [s.unit_code, s.horizon_days, s.as_of, forecaster, ...FIGURE_COLUMNS.map((c) => f[c])],
    );
  }
}

/** The unit's latest published backtest for the horizon (latest as-of day), or null. */
export async function findLatestSkill(q: Queryable, unitCode: string, horizonDays: number) {
  const { rows } = await q.query<SkillPublicationRow>(
    `SELECT unit_code, horizon_days, to_char(as_of, 'YYYY-MM-DD') AS as_of, origin_count, grid_count,
       interval_probability_80, interval_probability_95, per_origin, published_by, published_at
     FROM forecast_skill_publications WHERE unit_code = $1 AND horizon_days = $2
     ORDER BY as_of DESC LIMIT 1`,
    [unitCode, horizonDays],
  );
  const publication = rows[0];
  if (!publication) return null;
  const figures = await q.query<SkillFiguresRow & { forecaster: Forecaster }>(
    `SELECT forecaster, ${FIGURE_COLUMNS.join(', ')} FROM forecast_skill_snapshots
     WHERE unit_code = $1 AND horizon_days = $2 AND as_of = $3::date`,
    [unitCode, horizonDays, publication.as_of],
  );
  return {
    ...publication,
    figures: Object.fromEntries(figures.rows.map(({ forecaster, ...f }) => [forecaster, f])),
  } as SkillSnapshot;
}

/** Admin units of the given levels that have at least one current grid, by code. */
export async function findUnitsWithGrids(q: Queryable, levels: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ code: string }>(
    `SELECT u.code FROM admin_units u
     WHERE u.level = ANY($1::text[])
       AND EXISTS (SELECT 1 FROM grids g WHERE g.valid_to IS NULL
         AND g.code LIKE left(u.code, CASE u.level WHEN 'city' THEN 4 WHEN 'county' THEN 6
           WHEN 'township' THEN 9 ELSE 12 END) || '%')
     ORDER BY u.code`,
    [levels],
  );
  return rows.map((r) => r.code);
}
