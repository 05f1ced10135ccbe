/**
 * The headline numbers of one admin unit for a wall screen, in one round trip: today's new and
 * closed cases, open and overdue cases, on-time closure over 30 days, cameras by status and
 * risk points by level. Each part reads through an index of its own (cases_reported_idx,
 * cases_closed_at_idx, cases_open_deadline_idx with the village prefix index), and cameras and
 * risk points come from the per-village counts that migration 004 keeps up to date.
 */
import type { Queryable } from '../database.js';

export interface UnitSummaryRow {
  /** Null when no admin unit has the code. */
  unit_name: string | null;
  new_today: number;
  closed_today: number;
  in_progress: number;
  overdue: number;
  closed_30d: number;
  closed_on_time_30d: number;
  cameras: number;
  cameras_online: number;
  cameras_offline: number;
  cameras_fault: number;
  risk_level_1: number;
  risk_level_2: number;
  risk_level_3: number;
  risk_level_4: number;
}

export const CLOSURE_WINDOW_DAYS = 30;

/**
 * The summary of the unit `unitCode`, counting everything whose code starts with `prefix`
 * (the unit's own prefix, already narrowed to the viewer's jurisdiction).
 */
export async function findUnitSummary(
  db: Queryable,
  unitCode: string,
  prefix: string,
  now: Date,
  /** "Today" is the calendar day of `now` in this zone (TZ_DISPLAY). */
  timeZone: string,
): Promise<UnitSummaryRow> {
  const since = new Date(now.getTime() - CLOSURE_WINDOW_DAYS * 86_400_000);
  const { rows } = await db.query<UnitSummaryRow>(
    `WITH day AS (
       SELECT date_trunc('day', $2::timestamptz AT TIME ZONE $5::text) AT TIME ZONE $5::text AS start_at,
         (date_trunc('day', $2::timestamptz AT TIME ZONE $5::text) + interval '1 day')
           AT TIME ZONE $5::text AS end_at
     )
     SELECT
       coalesce((SELECT name FROM admin_units WHERE code = $1),
         (SELECT name FROM federation_node WHERE role = 'province' AND code = $1)) AS unit_name,
       (SELECT count(*)::int FROM cases, day
         WHERE village_code LIKE $3 AND reported_at >= day.start_at AND reported_at < day.end_at) AS new_today,
       (SELECT count(*)::int FROM cases, day
         WHERE village_code LIKE $3 AND closed_at >= day.start_at AND closed_at < day.end_at) AS closed_today,
       open_cases.*, closed_cases.*, cams.*, risk.*
     FROM
       (SELECT count(*)::int AS in_progress,
          count(*) FILTER (WHERE deadline < $2::timestamptz)::int AS overdue
        FROM cases WHERE closed_at IS NULL AND village_code LIKE $3) open_cases,
       (SELECT count(*)::int AS closed_30d,
          count(*) FILTER (WHERE closed_at <= deadline)::int AS closed_on_time_30d
        FROM cases WHERE closed_at > $4::timestamptz AND closed_at <= $2::timestamptz AND village_code LIKE $3) closed_cases,
       (SELECT coalesce(sum(n), 0)::int AS cameras,
          coalesce(sum(n) FILTER (WHERE status = 'online'), 0)::int AS cameras_online,
          coalesce(sum(n) FILTER (WHERE status = 'offline'), 0)::int AS cameras_offline,
          coalesce(sum(n) FILTER (WHERE status = 'fault'), 0)::int AS cameras_fault
        FROM camera_status_counts WHERE village_code LIKE $3) cams,
       (SELECT coalesce(sum(n) FILTER (WHERE level = 1), 0)::int AS risk_level_1,
          coalesce(sum(n) FILTER (WHERE level = 2), 0)::int AS risk_level_2,
          coalesce(sum(n) FILTER (WHERE level = 3), 0)::int AS risk_level_3,
          coalesce(sum(n) FILTER (WHERE level = 4), 0)::int AS risk_level_4
        FROM risk_point_level_counts WHERE village_code LIKE $3) risk`,
    [unitCode, now, `${prefix}%`, since, timeZone],
  );
  return rows[0]!;
}
