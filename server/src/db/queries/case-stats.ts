/**
 * Case counts per bucket: by category, status or source, by grid or admin unit, or by
 * calendar day, week (ISO, from Monday) or month in the display time zone.
 */
import { CASE_CATEGORIES, CASE_SOURCES, CASE_STATUSES } from '../../domain/vocabulary.js';
import type { Queryable } from '../database.js';
import { caseConditions, type CaseFilter } from './cases.js';

export const CASE_GROUPINGS = [
  'category',
  'status',
  'source',
  'grid',
  'village',
  'township',
  'county',
  'day',
  'week',
  'month',
] as const;
export type CaseGrouping = (typeof CASE_GROUPINGS)[number];

export interface CaseBucketRow {
  key: string;
  /** The unit's or grid's name for unit groupings, else null. */
  label: string | null;
  count: number;
  open: number;
  overdue: number;
}

/** The bucket of a calendar grouping, in the zone bound at `zone` (a query parameter). */
const period = (unit: 'day' | 'week' | 'month') => (zone: string) =>
  `to_char(date_trunc('${unit}', reported_at AT TIME ZONE ${zone}::text), 'YYYY-MM-DD')`;

const KEY: Record<CaseGrouping, string | ((zone: string) => string)> = {
  category: 'category',
  status: 'status',
  source: 'source',
  grid: 'grid_code',
  village: 'village_code',
  township: `left(village_code, 9) || '000'`,
  county: `left(village_code, 6) || '000000'`,
  day: period('day'),
  week: period('week'),
  month: period('month'),
};

/** Enumerations come in vocabulary order (the lifecycle for status), everything else by key. */
const VOCABULARY: Partial<Record<CaseGrouping, readonly string[]>> = {
  category: CASE_CATEGORIES,
  status: CASE_STATUSES,
  source: CASE_SOURCES,
};

function labelSql(groupBy: CaseGrouping): string {
  if (groupBy === 'grid') {
    // The newest version's name, so a grid redrawn since still has one.
    return '(SELECT g.name FROM grids g WHERE g.code = b.key ORDER BY g.version DESC LIMIT 1)';
  }
  if (groupBy === 'village' || groupBy === 'township' || groupBy === 'county') {
    return '(SELECT u.name FROM admin_units u WHERE u.code = b.key)';
  }
  return 'NULL::text';
}

/** Buckets that hold at least one case matching the filter (`filter.overdue` is ignored). */
export async function countCasesByBucket(
  db: Queryable,
  filter: CaseFilter,
  groupBy: CaseGrouping,
  /** Whose calendar days, weeks and months the buckets are (TZ_DISPLAY). */
  timeZone: string,
): Promise<CaseBucketRow[]> {
  const c = caseConditions({ ...filter, overdue: null });
  const now = c.param(filter.now);
  const vocabulary = VOCABULARY[groupBy];
  const key = KEY[groupBy];
  const keySql = typeof key === 'string' ? key : key(c.param(timeZone));
  const order = vocabulary ? `array_position(${c.param(vocabulary)}::text[], b.key)` : 'b.key';
  const { rows } = await db.query<CaseBucketRow>(
    `SELECT b.key, ${labelSql(groupBy)} AS label, b.count, b.open, b.overdue
     FROM (
       SELECT ${keySql} AS key,
         count(*)::int AS count,
         count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
         count(*) FILTER (WHERE closed_at IS NULL AND deadline < ${now}::timestamptz)::int AS overdue
       FROM cases ${c.where()}
       GROUP BY 1
     ) b
     ORDER BY ${order}`,
    c.params,
  );
  return rows;
}
