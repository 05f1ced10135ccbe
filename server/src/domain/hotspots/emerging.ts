/**
 * Emerging hot spot categories, simplified from the published definitions (ArcGIS Pro,
 * "How Emerging Hot Spot Analysis works"). Each location has a series of Gi* results, one per
 * time step (week), oldest first; a step is hot when z > 0 with p ≤ 0.10 and cold when z < 0
 * with p ≤ 0.10. The trend is the Mann–Kendall test of the Gi* z-scores (undefined steps
 * counted as 0), significant at p ≤ 0.10.
 *
 * - new: the last step is hot, no earlier step was;
 * - intensifying: hot in at least 90 % of the steps including the last, z rising significantly;
 * - diminishing: the same, z falling significantly;
 * - persistent: hot in at least 90 % of the steps, no significant trend;
 * - sporadic: the last step is hot, fewer than 90 % of steps were, some earlier step was too, and
 *   no step was cold.
 *
 * Left out: consecutive (folded into sporadic, or new for a single step), oscillating (it
 * needs cold steps, rare for case counts) and historical (not hot now, so nothing to act on).
 */
import type { GiStar } from './getis-ord.js';
import { mannKendall } from './mann-kendall.js';

export const EMERGING_CATEGORIES = ['new', 'intensifying', 'persistent', 'diminishing', 'sporadic'] as const;
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number];

const ALPHA = 0.1;
const MOSTLY = 0.9;

export interface EmergingResult {
  category: EmergingCategory | null;
  trendZ: number;
  trendP: number;
  hotSteps: number;
}

const isHot = (r: GiStar) => r.z !== null && r.p !== null && r.z > 0 && r.p <= ALPHA;
const isCold = (r: GiStar) => r.z !== null && r.p !== null && r.z < 0 && r.p <= ALPHA;

export function classifyEmerging(steps: readonly GiStar[]): EmergingResult {
  const trend = mannKendall(steps.map((r) => r.z ?? 0));
  const hot = steps.map(isHot);
  const hotSteps = hot.filter(Boolean).length;
  const base = { trendZ: trend.z, trendP: trend.p, hotSteps };
  const n = steps.length;
  if (n === 0) return { ...base, category: null };
  const lastHot = hot[n - 1]!;
  if (lastHot && hotSteps === 1) return { ...base, category: 'new' };
  if (hotSteps >= MOSTLY * n) {
    if (lastHot && trend.p <= ALPHA) return { ...base, category: trend.z > 0 ? 'intensifying' : 'diminishing' };
    return { ...base, category: 'persistent' };
  }
  if (lastHot && !steps.some(isCold)) return { ...base, category: 'sporadic' };
  return { ...base, category: null };
}
