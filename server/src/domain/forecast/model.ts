/**
 * The grid forecast (docs/forecasting.md): the expected number of cases of each grid over the
 * `horizonDays` days from the origin, and 80 % / 95 % prediction intervals, from counts
 * strictly before the origin.
 *
 * The horizon total is modelled directly (one model per horizon) as NB2 with
 *
 *   ln μ_g = ln(r̄ · E(origin, origin + H)) + β₀ + Σ βₖ fₖ,g
 *
 * E the calendar exposure of the horizon (weekday and season, calendar.ts), fₖ,g the grid
 * states (features.ts). β and α are shared by all grids and fitted on the horizon totals that
 * followed up to 26 earlier origins a fortnight apart (a year of them), every one with its
 * target window closed before the forecast origin. Because the fitted distribution is that of the horizon total
 * itself, the intervals are its quantiles: no sum of daily distributions is needed.
 */
import { err, ok, type Result } from '../result.js';
import { fitCalendar, type CalendarModel } from './calendar.js';
import { DailyCounts, type CountRow } from './counts.js';
import { FEATURE_NAMES, gridStates, WINDOW_DAYS, type FeatureName } from './features.js';
import { fitNegativeBinomial, linearMeans } from './glm.js';
import { nbQuantile } from './negative-binomial.js';

/** What the model reads: counts per grid and day, and which grids touch. */
export interface ForecastInput {
  gridCount: number;
  /** Counts per grid and day; rows on or after the origin are ignored. */
  rows: readonly CountRow[];
  /** Queen-contiguity neighbours by grid index (as Gi* uses). */
  neighbours: readonly (readonly number[])[];
  /** First day of the history (the unit's first case day, or where the read began). */
  historyStart: number;
}

export interface GridForecast {
  expected: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface FittedModel {
  origin: number;
  horizonDays: number;
  /** β by name, the intercept first. */
  coefficients: Record<'intercept' | FeatureName, number>;
  /** α of NB2 for the horizon total: variance μ + αμ². */
  dispersion: number;
  trainingOrigins: number;
  calendar: CalendarModel;
}

export interface Forecast {
  model: FittedModel;
  /** One per grid, in the order of the input. */
  grids: GridForecast[];
}

export interface ForecastOptions {
  /** Earlier origins to fit on, at most (default and most TRAINING_ORIGINS). */
  trainingOrigins?: number;
}

export type ForecastError = { kind: 'too_little_history'; historyDays: number; neededDays: number };

export const MAX_HORIZON_DAYS = 91;

/** Training origins: this many, this many days apart, before the forecast origin. */
export const TRAINING_ORIGINS = 26;
export const TRAINING_SPACING_DAYS = 14;

/**
 * Days before the origin the model reads: a year before the earliest training origin. Older counts are ignored, so a forecast as of a day is the same whether it is made
 * alone or inside a backtest that read further back.
 */
export function lookbackDays(horizonDays: number): number {
  return WINDOW_DAYS.long + TRAINING_SPACING_DAYS * (TRAINING_ORIGINS - 1) + horizonDays;
}

/** The forecast as of the start of day `origin` (local) for the `horizonDays` days from it. */
export function forecastGrids(
  input: ForecastInput,
  origin: number,
  horizonDays: number,
  options: ForecastOptions = {},
): Result<Forecast, ForecastError> {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS)
    throw new Error(`forecastGrids: horizonDays must be a whole number in 1..${MAX_HORIZON_DAYS}, got ${horizonDays}`);
  if (!Number.isInteger(origin)) throw new Error(`forecastGrids: origin must be a whole day number, got ${origin}`);
  const neededDays = horizonDays + WINDOW_DAYS.recent;
  const historyStart = Math.max(input.historyStart, origin - lookbackDays(horizonDays));
  const historyDays = origin - historyStart;
  if (historyDays < neededDays)
    return err({ kind: 'too_little_history', historyDays: Math.max(0, historyDays), neededDays });
  // Everything below sees only days before the origin.
  const counts = DailyCounts.from(input.gridCount, input.rows, historyStart, origin);
  const calendar = fitCalendar(counts.dailyTotals(), counts.start);

  const maxOrigins = Math.min(options.trainingOrigins ?? TRAINING_ORIGINS, TRAINING_ORIGINS);
  const origins: number[] = [];
  for (let k = 0; k < maxOrigins; k++) {
    const o = origin - horizonDays - TRAINING_SPACING_DAYS * k;
    if (o - counts.start < WINDOW_DAYS.recent) break;
    origins.push(o);
  }
  const n = input.gridCount;
  const rows = n * origins.length;
  const columns = [new Float64Array(rows).fill(1), ...FEATURE_NAMES.map(() => new Float64Array(rows))];
  const y = new Float64Array(rows);
  const offset = new Float64Array(rows);
  origins.forEach((o, k) => {
    const states = gridStates(counts, input.neighbours, calendar, o);
    const logExposure = Math.log(states.baseRate * calendar.exposure(o, o + horizonDays));
    const targets = counts.windowSums(o, o + horizonDays);
    const at = k * n;
    y.set(targets, at);
    offset.fill(logExposure, at, at + n);
    states.columns.forEach((c, j) => columns[j + 1]!.set(c, at));
  });

  let total = 0;
  for (let i = 0; i < rows; i++) total += y[i]!;
  const fit =
    total > 0
      ? fitNegativeBinomial(columns, y, offset)
      : { beta: Float64Array.from(columns, (_, j) => (j === 0 ? -30 : 0)), alpha: 0 };

  const states = gridStates(counts, input.neighbours, calendar, origin);
  const logExposure = Math.log(states.baseRate * calendar.exposure(origin, origin + horizonDays));
  const means = linearMeans(
    [new Float64Array(n).fill(1), ...states.columns],
    new Float64Array(n).fill(logExposure),
    fit.beta,
  );
  const coefficients = { intercept: fit.beta[0]! } as FittedModel['coefficients'];
  FEATURE_NAMES.forEach((name, j) => (coefficients[name] = fit.beta[j + 1]!));
  return ok({
    model: { origin, horizonDays, coefficients, dispersion: fit.alpha, trainingOrigins: origins.length, calendar },
    grids: Array.from(means, (mean) => gridForecast(mean, fit.alpha)),
  });
}

/** Expected value and central 80 % / 95 % intervals of NB2(mean, α). */
export function gridForecast(mean: number, alpha: number): GridForecast {
  return {
    expected: mean,
    lower80: nbQuantile(0.1, mean, alpha),
    upper80: nbQuantile(0.9, mean, alpha),
    lower95: nbQuantile(0.025, mean, alpha),
    upper95: nbQuantile(0.975, mean, alpha),
  };
}
