/**
 * Drill-down through the units a review looks at: city → county → township → village → grid.
 * A unit is its code (12-digit division code or 15-digit grid code); the path back up is read
 * from the code itself, so the breadcrumb needs no lookups. The review's state lives in the URL
 * (unit, period kind, period, comparison), so the browser's back button goes back up too.
 */
import { parentAdminCode, villageCodeOfGrid } from '../../../server/src/domain/codes.js';
import { levelOfCode } from '../units/admin-codes.js';
import { PERIOD_KINDS, type PeriodKind } from './periods.js';

export type ReviewLevel = 'city' | 'county' | 'township' | 'village' | 'grid';

export const isGridCode = (code: string) => /^\d{15}$/.test(code);
export const isUnitCode = (code: string) => /^\d{12}$/.test(code);

export function levelOf(code: string): ReviewLevel {
  return isGridCode(code) ? 'grid' : levelOfCode(code);
}

const CHILD: Record<ReviewLevel, ReviewLevel | null> = {
  city: 'county',
  county: 'township',
  township: 'village',
  village: 'grid',
  grid: null,
};

/** The level one down, or null for a grid (nothing below it). */
export const childLevel = (level: ReviewLevel): ReviewLevel | null => CHILD[level];

/** The unit one level up, or null for the city. */
export const parentOf = (code: string): string | null =>
  isGridCode(code) ? villageCodeOfGrid(code) : parentAdminCode(code);

/** Codes from `root` down to `code`, both included; just [root] when `code` is not inside it. */
export function pathFrom(root: string, code: string): string[] {
  const up: string[] = [];
  for (let c: string | null = code; c !== null; c = parentOf(c)) {
    up.unshift(c);
    if (c === root) return up;
  }
  return [root];
}

/** Whether `child` lies directly below `unit` (a click on the map or the ranking may drill into it). */
export function isChildOf(child: string, unit: string): boolean {
  return parentOf(child) === unit;
}

export interface ReviewState {
  unit: string | null;
  kind: PeriodKind;
  /** First day of period A (YYYY-MM-DD), null: the latest closed period. */
  period: string | null;
  /** First day of period B when comparing, else null. */
  compare: string | null;
}

export function stateFromSearch(search: string): ReviewState {
  const p = new URLSearchParams(search);
  const unit = p.get('unit');
  const kind = p.get('kind') as PeriodKind | null;
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return {
    unit: unit && (isUnitCode(unit) || isGridCode(unit)) ? unit : null,
    kind: kind && PERIOD_KINDS.includes(kind) ? kind : 'month',
    period: day(p.get('period')),
    compare: day(p.get('compare')),
  };
}

/** The search string of a state; other parameters (lang) are kept. */
export function searchOf(state: ReviewState, current = ''): string {
  const p = new URLSearchParams(current);
  for (const key of ['unit', 'kind', 'period', 'compare', 'token'] as const) p.delete(key);
  if (state.unit) p.set('unit', state.unit);
  p.set('kind', state.kind);
  if (state.period) p.set('period', state.period);
  if (state.compare) p.set('compare', state.compare);
  return `?${p.toString()}`;
}
