/**
 * From raw counts to a 0–100 score: indicator values, normalisation, weighted aggregation and
 * warning bands. Counts are sums, so a unit's counts are the sums of its grids' counts and its
 * rates are computed from those sums (see rollUp): a county's case rate is its cases over its
 * residents, not the mean of its townships' rates.
 */
import type { BandThresholds, IndicatorKey, IndicatorSpec, WeightsConfig } from './weights.js';

/** What the data gives for one grid or unit in one period. Every field adds up across grids. */
export interface RawCounts {
  population: number;
  cases: number;
  /** Σ severity points: low 1, medium 2, high 4, critical 8. */
  severityPoints: number;
  /** Cases whose deadline fell in the period, and of those not closed by the deadline. */
  due: number;
  dueMissed: number;
  /** Cases closed in the period, of those by their deadline, settled in the village, in the township or below. */
  closed: number;
  closedOnTime: number;
  closedInVillage: number;
  closedInTownship: number;
  /** Cases in the period with another case within 50 m in the period. */
  repeatCases: number;
  riskPoints: number;
  /** Σ level points: red 4, orange 3, yellow 2, blue 1. */
  riskPoints1: number;
  riskPoints2: number;
  riskPoints3: number;
  riskPoints4: number;
  /** Risk points within 100 m of an online camera. */
  riskPointsWatched: number;
  cameras: number;
  camerasOnline: number;
  /** Cases in the same period a year before. */
  casesYearBefore: number;
}

export const RAW_COUNT_FIELDS = [
  'population',
  'cases',
  'severityPoints',
  'due',
  'dueMissed',
  'closed',
  'closedOnTime',
  'closedInVillage',
  'closedInTownship',
  'repeatCases',
  'riskPoints',
  'riskPoints1',
  'riskPoints2',
  'riskPoints3',
  'riskPoints4',
  'riskPointsWatched',
  'cameras',
  'camerasOnline',
  'casesYearBefore',
] as const satisfies readonly (keyof RawCounts)[];

export const emptyCounts = (): RawCounts =>
  Object.fromEntries(RAW_COUNT_FIELDS.map((f) => [f, 0])) as unknown as RawCounts;

export function addCounts(into: RawCounts, more: RawCounts): void {
  for (const f of RAW_COUNT_FIELDS) into[f] += more[f];
}

/**
 * Sums grid counts into every unit above them by code prefix: village (12 digits), township
 * (first 9 + '000'), county (first 6 + zeros), city (first 4 + zeros).
 */
export function rollUp(grids: ReadonlyMap<string, RawCounts>): Map<string, RawCounts> {
  const units = new Map<string, RawCounts>();
  const add = (code: string, counts: RawCounts) => {
    let total = units.get(code);
    if (!total) units.set(code, (total = emptyCounts()));
    addCounts(total, counts);
  };
  for (const [gridCode, counts] of grids) {
    add(gridCode.slice(0, 12), counts);
    add(`${gridCode.slice(0, 9)}000`, counts);
    add(`${gridCode.slice(0, 6)}000000`, counts);
    add(`${gridCode.slice(0, 4)}00000000`, counts);
  }
  return units;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Raw indicator values; null where the denominator is zero (nothing to measure). */
export function indicatorValues(c: RawCounts, periodDays: number): Record<IndicatorKey, number | null> {
  const per10k30d = (n: number) => (c.population > 0 ? (n / c.population) * 10_000 * (30 / periodDays) : null);
  const riskLevelPoints = 4 * c.riskPoints1 + 3 * c.riskPoints2 + 2 * c.riskPoints3 + c.riskPoints4;
  return {
    case_rate: per10k30d(c.cases),
    severity_rate: per10k30d(c.severityPoints),
    overdue_share: share(c.dueMissed, c.due),
    on_time_closure: share(c.closedOnTime, c.closed),
    repeat_location_share: share(c.repeatCases, c.cases),
    village_settled_share: share(c.closedInVillage, c.closed),
    township_settled_share: share(c.closedInTownship, c.closed),
    risk_point_rate: c.population > 0 ? (riskLevelPoints / c.population) * 10_000 : null,
    camera_online_rate: share(c.camerasOnline, c.cameras),
    risk_camera_coverage: share(c.riskPointsWatched, c.riskPoints),
    // No base a year before (no cases then): the change is undefined, not infinite.
    year_on_year_change: c.casesYearBefore > 0 ? (c.cases - c.casesYearBefore) / c.casesYearBefore : null,
  };
}

/**
 * Goalpost normalisation onto 0..1 with 1 the most stable: (x − worst)/(best − worst), clamped.
 * The direction is carried by the goalposts (best below worst for a negative indicator).
 */
export function normaliseGoalposts(value: number, goalposts: { worst: number; best: number }): number {
  const t = (value - goalposts.worst) / (goalposts.best - goalposts.worst);
  return Math.min(1, Math.max(0, t));
}

/** Min–max normalisation over a set of values, 1 the most stable (for sensitivity analysis). */
export function normaliseMinMax(
  values: readonly (number | null)[],
  direction: 'positive' | 'negative',
): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values.map((v) => {
    if (v === null) return null;
    if (max === min) return 1;
    const t = (v - min) / (max - min);
    return direction === 'positive' ? t : 1 - t;
  });
}

export type Band = 'red' | 'orange' | 'yellow' | 'blue';

export function bandOf(score: number, bands: BandThresholds): Band {
  if (score < bands.red) return 'red';
  if (score < bands.orange) return 'orange';
  if (score < bands.yellow) return 'yellow';
  return 'blue';
}

export interface IndicatorResult {
  key: IndicatorKey;
  rawValue: number | null;
  normalised: number | null;
  weight: number;
  contribution: number;
}

export interface ScoreResult {
  score: number;
  band: Band;
  indicators: IndicatorResult[];
}

/**
 * The weighted arithmetic mean of the normalised indicators, on 0..100. Missing indicators
 * (null) are left out and the other weights rescaled to sum to 1 (available-case imputation),
 * so a grid with no closed cases is scored on what it has. Null when nothing at all is
 * available (no residents and no cameras or risk points).
 */
export function aggregate(
  normalised: ReadonlyMap<IndicatorKey, number | null>,
  specs: readonly IndicatorSpec[],
  bands: BandThresholds,
): (Omit<ScoreResult, 'indicators'> & { contributions: Map<IndicatorKey, number> }) | null {
  let weightPresent = 0;
  for (const spec of specs) if (normalised.get(spec.key) != null) weightPresent += spec.weight;
  if (weightPresent === 0) return null;
  const contributions = new Map<IndicatorKey, number>();
  let score = 0;
  for (const spec of specs) {
    const n = normalised.get(spec.key);
    const points = n == null ? 0 : (100 * spec.weight * n) / weightPresent;
    contributions.set(spec.key, points);
    score += points;
  }
  return { score, band: bandOf(score, bands), contributions };
}

/** Scores one unit's counts with a weights configuration. */
export function scoreCounts(counts: RawCounts, periodDays: number, config: WeightsConfig): ScoreResult | null {
  const raw = indicatorValues(counts, periodDays);
  const normalised = new Map<IndicatorKey, number | null>();
  for (const spec of config.indicators) {
    const value = raw[spec.key];
    normalised.set(spec.key, value === null ? null : normaliseGoalposts(value, spec.goalposts));
  }
  const total = aggregate(normalised, config.indicators, config.bands);
  if (!total) return null;
  return {
    score: total.score,
    band: total.band,
    indicators: config.indicators.map((spec) => ({
      key: spec.key,
      rawValue: raw[spec.key],
      normalised: normalised.get(spec.key) ?? null,
      weight: spec.weight,
      contribution: total.contributions.get(spec.key)!,
    })),
  };
}
