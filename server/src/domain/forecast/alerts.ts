/**
 * What the forecast screens flag (docs/forecasting.md#alerts): the grids whose 95 % upper bound
 * for the next week reaches the alert threshold, and the predicted hot spots — the grids with
 * the most expected cases per km², the same ranking the published PAI scores. Pure; the web
 * imports it.
 */

/**
 * A grid is flagged when, over the next 7 days, its 95 % upper bound reaches this many cases:
 * three disputes in one grid in one week is more than a grid worker handles in passing, and the
 * upper bound (not the expected count) is what "could happen" means to the one who patrols.
 */
export const FORECAST_ALERT_UPPER95 = 3;
/** The horizon the alert and the map layer speak of. */
export const FORECAST_SCREEN_HORIZON_DAYS = 7;
/** How many predicted hot spots the map outlines. */
export const PREDICTED_HOT_SPOTS = 10;

export interface ScreenGridForecast {
  gridCode: string;
  expected: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  areaSquareMeters: number;
}

/** Grids whose 95 % upper bound reaches `threshold`, highest bound first (then most expected). */
export function forecastAlerts<T extends ScreenGridForecast>(
  grids: readonly T[],
  threshold = FORECAST_ALERT_UPPER95,
): T[] {
  return grids
    .filter((g) => g.upper95 >= threshold)
    .sort((a, b) => b.upper95 - a.upper95 || b.expected - a.expected || a.gridCode.localeCompare(b.gridCode));
}

/** The `n` grids with the most expected cases per km², as PAI ranks them; grids expecting none are never flagged. */
export function predictedHotSpots<T extends ScreenGridForecast>(grids: readonly T[], n = PREDICTED_HOT_SPOTS): T[] {
  const density = (g: T) => (g.areaSquareMeters > 0 ? g.expected / g.areaSquareMeters : 0);
  return grids
    .filter((g) => g.expected > 0 && g.areaSquareMeters > 0)
    .sort((a, b) => density(b) - density(a) || a.gridCode.localeCompare(b.gridCode))
    .slice(0, n);
}

/**
 * How sure the forecast is, 0..1: the expected count over the 80 % upper bound. Near 1 the
 * interval is tight around the expectation; near 0 it is wide relative to it (a sparse grid,
 * whose upper bound is a case or two above an expectation of a fraction of one).
 */
export function forecastCertainty(f: { expected: number; upper80: number }): number {
  if (f.upper80 <= 0) return 0;
  return Math.max(0, Math.min(1, f.expected / f.upper80));
}
