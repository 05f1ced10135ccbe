/**
 * The query parameters of the map feeds, checked. Pure; the router turns a failure into a
 * 400 answer that names the parameter.
 *
 * Every feed: `unit` (12-digit admin code), `bbox` (minLon,minLat,maxLon,maxLat), `ids` (1/0).
 * Cases also: `from`, `to` (ISO 8601 with an offset; reported in [from, to)), `status` and
 * `category` (comma-separated values of the vocabulary).
 */
import { parseArea, type AreaFilter, type FieldError } from '../domain/area-filter.js';
import type { Result } from '../domain/result.js';
import { CASE_CATEGORIES, CASE_STATUSES } from '../domain/vocabulary.js';
import type { FeedLayer } from './layers.js';

export interface FeedParams {
  area: AreaFilter;
  ids: boolean;
  from: Date | null;
  to: Date | null;
  statuses: string[] | null;
  categories: string[] | null;
}

const COMMON = ['unit', 'bbox', 'ids'];
const ALLOWED: Record<FeedLayer, string[]> = {
  cameras: COMMON,
  'risk-points': COMMON,
  cases: [...COMMON, 'from', 'to', 'status', 'category'],
};

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Query = Record<string, unknown>;
const fail = (field: string, message: string) => ({ ok: false as const, error: { field, message } });

function instant(query: Query, field: string): Result<Date | null, FieldError> {
  const value = query[field] as string | undefined;
  if (value === undefined) return { ok: true, value: null };
  if (!ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) {
    return fail(field, `must be ISO 8601 with an offset, like 2026-06-30T08:00:00+08:00; got "${value}"`);
  }
  return { ok: true, value: new Date(value) };
}

function oneOf(query: Query, field: string, vocabulary: readonly string[]): Result<string[] | null, FieldError> {
  const value = query[field] as string | undefined;
  if (value === undefined) return { ok: true, value: null };
  const values = value.split(',');
  const unknown = values.filter((v) => !vocabulary.includes(v));
  if (unknown.length > 0) {
    return fail(field, `unknown value(s) ${unknown.map((v) => `"${v}"`).join(', ')}; use ${vocabulary.join(', ')}`);
  }
  return { ok: true, value: values };
}

export function parseFeedParams(layer: FeedLayer, query: Query): Result<FeedParams, FieldError> {
  for (const [key, value] of Object.entries(query)) {
    if (!ALLOWED[layer].includes(key)) return fail(key, `is not a parameter of this feed; use ${ALLOWED[layer]}`);
    if (typeof value !== 'string') return fail(key, 'must be given once');
  }
  const bboxText = query.bbox as string | undefined;
  const bbox = bboxText === undefined ? null : bboxText.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  const area = parseArea({ unitCode: (query.unit as string | undefined) ?? null, bbox }, 'area');
  if (!area.ok) {
    const field = area.error.field === 'area.unitCode' ? 'unit' : 'bbox';
    return fail(field, area.error.message);
  }
  const ids = query.ids as string | undefined;
  if (ids !== undefined && !['0', '1', 'true', 'false'].includes(ids)) return fail('ids', 'must be 1 or 0');
  const from = instant(query, 'from');
  if (!from.ok) return from;
  const to = instant(query, 'to');
  if (!to.ok) return to;
  if (from.value && to.value && from.value >= to.value) return fail('from', 'must be before "to"');
  const statuses = oneOf(query, 'status', CASE_STATUSES);
  if (!statuses.ok) return statuses;
  const categories = oneOf(query, 'category', CASE_CATEGORIES);
  if (!categories.ok) return categories;
  return {
    ok: true,
    value: {
      area: area.value,
      ids: ids === '1' || ids === 'true',
      from: from.value,
      to: to.value,
      statuses: statuses.value,
      categories: categories.value,
    },
  };
}
