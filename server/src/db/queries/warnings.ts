/** SQL of early warnings: daily case counts per grid, and stored warnings. */
import type { Queryable } from '../database.js';

/**
 * Case counts per grid and local day (Asia/Shanghai) for days in [fromDay, toDay), as
 * day offsets from fromDay. Grids and days without cases are absent.
 */
export async function countDailyCasesPerGrid(
  db: Queryable,
  fromAt: Date,
  toAt: Date,
): Promise<{ grid_code: string; day: number; count: number }[]> {
  const { rows } = await db.query<{ grid_code: string; day: number; count: number }>(
    `SELECT grid_code,
       floor(extract(epoch FROM reported_at - $1::timestamptz) / 86400)::int AS day,
       count(*)::int AS count
     FROM cases WHERE reported_at >= $1 AND reported_at < $2
     GROUP BY 1, 2`,
    [fromAt, toAt],
  );
  return rows;
}

export interface WarningInsert {
  gridCode: string;
  day: string;
  measure: string;
  observed: number;
  expected: number;
  upperLimit: number;
  pValue: number;
}

export interface WarningRow {
  id: string;
  grid_code: string;
  grid_name: string | null;
  day: string;
  measure: string;
  observed: number;
  expected: number;
  upper_limit: number;
  p_value: number;
  raised_at: Date;
}

const WARNING_COLUMNS = `w.id::text AS id, w.grid_code, g.name AS grid_name, to_char(w.day, 'YYYY-MM-DD') AS day, w.measure,
  w.observed, w.expected, w.upper_limit, w.p_value, w.raised_at`;

/** Whether the check of `day` has run. */
export async function findWarningRun(db: Queryable, day: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM early_warning_runs WHERE day = $1::date', [day]);
  return rows.length > 0;
}

/**
 * Stores the warnings of one day's check and marks the day as checked; a warning already
 * stored is kept as it was. Returns the warnings newly stored.
 */
export async function insertWarnings(
  tx: Queryable,
  day: string,
  warnings: readonly WarningInsert[],
  at: Date,
): Promise<WarningRow[]> {
  const { rows } = await tx.query<WarningRow>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         "gridCode" text, day date, measure text, observed float8, expected float8, "upperLimit" float8, "pValue" float8)
     ), inserted AS (
       INSERT INTO early_warnings (grid_code, day, measure, observed, expected, upper_limit, p_value, raised_at)
       SELECT "gridCode", day, measure, observed, expected, "upperLimit", "pValue", $2 FROM input
       ON CONFLICT (grid_code, day, measure) DO NOTHING
       RETURNING *
     )
     SELECT ${WARNING_COLUMNS} FROM inserted w
     LEFT JOIN grids g ON g.code = w.grid_code AND g.valid_to IS NULL ORDER BY w.grid_code`,
    [JSON.stringify(warnings), at],
  );
  await tx.query(
    `INSERT INTO early_warning_runs (day, warnings, ran_at) VALUES ($1::date, $2, $3) ON CONFLICT (day) DO NOTHING`,
    [day, warnings.length, at],
  );
  return rows;
}

/** Warnings for grids inside the prefix with day in [fromDay, toDay), newest first. */
export async function findWarnings(
  db: Queryable,
  prefix: string,
  fromDay: string,
  toDay: string,
): Promise<WarningRow[]> {
  const { rows } = await db.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM early_warnings w
     LEFT JOIN grids g ON g.code = w.grid_code AND g.valid_to IS NULL
     WHERE w.grid_code LIKE $1 AND w.day >= $2::date AND w.day < $3::date
     ORDER BY w.day DESC, w.p_value, w.grid_code
     LIMIT 5000`,
    [`${prefix}%`, fromDay, toDay],
  );
  return rows;
}
