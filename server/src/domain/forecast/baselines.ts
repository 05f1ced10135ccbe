/**
 * The forecasts the model must beat (docs/forecasting.md): the same weeks a year before
 * (seasonal naive, 52 weeks back so that weekdays line up), the mean of the last four weeks,
 * and, for hot spots only, the last four weeks' Gi* hot spots. The count baselines get Poisson
 * intervals around their value, the usual naive statement of uncertainty.
 */
import { giStar } from '../hotspots/getis-ord.js';
import type { DailyCounts } from './counts.js';
import { WINDOW_DAYS } from './features.js';
import { gridForecast, type GridForecast } from './model.js';

/** The cases of the H days that began 364 days before the origin; null without a year of history. */
export function sameWeeksLastYear(counts: DailyCounts, origin: number, horizonDays: number): GridForecast[] | null {
  const from = origin - WINDOW_DAYS.long;
  if (from < counts.start || origin > counts.end) return null;
  return Array.from(counts.windowSums(from, from + horizonDays), (v) => gridForecast(v, 0));
}

/** The last four weeks' cases scaled to the horizon. */
export function lastFourWeeks(counts: DailyCounts, origin: number, horizonDays: number): GridForecast[] {
  const from = Math.max(counts.start, origin - WINDOW_DAYS.recent);
  const days = origin - from;
  return Array.from(counts.windowSums(from, origin), (v) => gridForecast(days > 0 ? (v * horizonDays) / days : 0, 0));
}

/** Gi* z-scores of the last four weeks' cases, the undefined ones last: a hot-spot ranking. */
export function lastPeriodGiStar(
  counts: DailyCounts,
  neighbours: readonly (readonly number[])[],
  origin: number,
): Float64Array {
  const values = counts.windowSums(Math.max(counts.start, origin - WINDOW_DAYS.recent), origin);
  return Float64Array.from(giStar(values, neighbours), (r) => r.z ?? -Infinity);
}
