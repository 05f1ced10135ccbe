/**
 * Forecasts of one case category. A category with enough cases in the unit gets a model of
 * its own (the same model, fitted on its counts); a sparser one is the all-cases forecast
 * split by each grid's share of that category. If each case of a grid is of the category
 * with probability p independently, the category's count of an NB2(μ, α) total is exactly
 * NB2(pμ, α) — binomial thinning of a Poisson–gamma mixture thins the Poisson and keeps the
 * gamma's shape — so the split keeps honest intervals.
 */
import type { DailyCounts } from './counts.js';
import { WINDOW_DAYS } from './features.js';
import { gridForecast, type GridForecast } from './model.js';

/** Cases of the category in the unit over the last year that earn it a model of its own. */
export const OWN_MODEL_MIN_CASES = 1000;

/** Prior cases with which a grid's share is pulled toward the unit's share. */
const SHARE_PRIOR_CASES = 10;

/** Whether the category gets its own model or the split of the all-cases forecast. */
export function categoryPlan(categoryCasesLastYear: number): 'own' | 'split' {
  return categoryCasesLastYear >= OWN_MODEL_MIN_CASES ? 'own' : 'split';
}

/**
 * Each grid's share of the category over the last year before `origin`, shrunk toward the
 * unit's share p̄ with m = 10 prior cases: (y_c + m p̄) / (y + m).
 */
export function categoryShares(all: DailyCounts, category: DailyCounts, origin: number): Float64Array {
  const from = Math.max(all.start, origin - WINDOW_DAYS.long);
  const totals = all.windowSums(from, origin);
  const ofCategory = category.windowSums(from, origin);
  const sumAll = totals.reduce((s, x) => s + x, 0);
  const unitShare = sumAll > 0 ? ofCategory.reduce((s, x) => s + x, 0) / sumAll : 0;
  return totals.map((y, g) => (ofCategory[g]! + SHARE_PRIOR_CASES * unitShare) / (y + SHARE_PRIOR_CASES));
}

/** The all-cases forecast thinned by `shares`: NB2(p μ, α) per grid. */
export function splitForecast(
  forecasts: readonly GridForecast[],
  shares: ArrayLike<number>,
  alpha: number,
): GridForecast[] {
  if (shares.length !== forecasts.length)
    throw new Error(`splitForecast: ${forecasts.length} forecasts but ${shares.length} shares`);
  return forecasts.map((f, g) => gridForecast(f.expected * shares[g]!, alpha));
}
