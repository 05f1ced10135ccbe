/**
 * The state of each grid at a forecast origin: what its own and its neighbours' history says
 * about its rate, as smoothed log relative rates. For a window W before the origin,
 *
 *   R(W) = (Y(W) + κ) / (r̄ · E(W) + κ),
 *
 * Y the cases in W, E(W) the calendar exposure of W, r̄ the unit's mean rate per grid and unit
 * of exposure over the last year, κ = 1 prior case: the posterior mean of a relative risk with
 * a Gamma(κ, κ) prior (Clayton & Kaldor 1987), finite for the many grids with no case at all.
 * Neighbours (queen contiguity, as for Gi*) are pooled: their summed cases over their summed
 * expected cases. The short windows are the repeat (own last week) and near-repeat
 * (neighbours' last week) excitation: a discrete-time, log-linear stand-in for the decaying
 * triggering kernel of a self-exciting process (Mohler et al., JASA 2015).
 */
import type { CalendarModel } from './calendar.js';
import type { DailyCounts } from './counts.js';

/** The regressors after the intercept, in the order of the fitted coefficients. */
export const FEATURE_NAMES = [
  'longLevel',
  'recentLevel',
  'repeat',
  'neighboursLong',
  'neighboursRecent',
  'nearRepeat',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Window lengths in days: a year (52 whole weeks), four weeks, one week. */
export const WINDOW_DAYS = { long: 364, recent: 28, repeat: 7 } as const;

const PRIOR_CASES = 1;

export interface GridStates {
  /** r̄: the unit's cases per grid per unit of calendar exposure over the last year. */
  baseRate: number;
  /** One column per FEATURE_NAMES entry, one value per grid. */
  columns: Float64Array[];
}

/** The grid states at `origin` from the counts strictly before it. */
export function gridStates(
  counts: DailyCounts,
  neighbours: readonly (readonly number[])[],
  calendar: CalendarModel,
  origin: number,
): GridStates {
  const n = counts.gridCount;
  if (neighbours.length !== n) throw new Error(`gridStates: ${n} grids but ${neighbours.length} neighbour lists`);
  if (origin > counts.end) throw new Error(`gridStates: origin day ${origin} is after the counts end (${counts.end})`);
  const window = (days: number) => {
    const from = Math.max(counts.start, origin - days);
    return { sums: counts.windowSums(from, origin), exposure: from < origin ? calendar.exposure(from, origin) : 0 };
  };
  const long = window(WINDOW_DAYS.long);
  const recent = window(WINDOW_DAYS.recent);
  const repeat = window(WINDOW_DAYS.repeat);
  let total = 0;
  for (let g = 0; g < n; g++) total += long.sums[g]!;
  const baseRate = Math.max(long.exposure > 0 ? total / (n * long.exposure) : 0, 1e-9);

  const own = (w: { sums: Float64Array; exposure: number }) => {
    const out = new Float64Array(n);
    const expected = baseRate * w.exposure;
    for (let g = 0; g < n; g++) out[g] = Math.log((w.sums[g]! + PRIOR_CASES) / (expected + PRIOR_CASES));
    return out;
  };
  const pooled = (w: { sums: Float64Array; exposure: number }) => {
    const out = new Float64Array(n);
    const expected = baseRate * w.exposure;
    for (let g = 0; g < n; g++) {
      let sum = 0;
      let count = 0;
      for (const j of neighbours[g]!) {
        if (j === g) continue;
        sum += w.sums[j]!;
        count++;
      }
      out[g] = Math.log((sum + PRIOR_CASES) / (count * expected + PRIOR_CASES));
    }
    return out;
  };
  return {
    baseRate,
    columns: [own(long), own(recent), own(repeat), pooled(long), pooled(recent), pooled(repeat)],
  };
}
