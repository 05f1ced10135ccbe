/**
 * The forecast's work on inputs already read: index the rows, fit, forecast or backtest. No
 * database here — this is what runs in the fit thread (fit-thread.ts), and what the benchmark
 * times alone.
 */
import type { ForecastInputRows } from '../db/queries/forecast-inputs.js';
import { backtest, BACKTEST_ORIGINS, type BacktestReport } from '../domain/forecast/backtest.js';
import { categoryPlan, categoryShares, splitForecast } from '../domain/forecast/categories.js';
import { DailyCounts, startOfShanghaiDay, type CountRow } from '../domain/forecast/counts.js';
import { WINDOW_DAYS } from '../domain/forecast/features.js';
import {
  forecastGrids,
  lookbackDays,
  MAX_HORIZON_DAYS,
  type FittedModel,
  type ForecastError,
  type ForecastInput,
  type GridForecast,
} from '../domain/forecast/model.js';
import { adminLevelOfCode } from '../domain/codes.js';
import { err, ok, type Result } from '../domain/result.js';
import { CASE_CATEGORIES } from '../domain/vocabulary.js';
import { badInput } from '../errors.js';

export interface ForecastRequest {
  /** 12-digit admin unit code. */
  unitCode: string;
  asOf: Date;
  horizonDays: number;
  /** One case category, or null for all cases. */
  category: string | null;
}

export interface UnitForecast {
  /** Start of the first forecast day: data before it only. */
  origin: Date;
  horizonDays: number;
  category: string | null;
  /** 'all': every case; 'own': the category's own model; 'split': all cases split by share. */
  basis: 'all' | 'own' | 'split';
  model: Omit<FittedModel, 'calendar' | 'origin'>;
  grids: (GridForecast & { gridCode: string; areaSquareMeters: number })[];
}

export type ForecastServiceError = ForecastError | { kind: 'no_grids'; unitCode: string };

/** Refuses, by field, a request the model cannot serve as asked (AppError: bad input). */
export function checkRequest(req: { unitCode: string; horizonDays: number; category?: string | null }): void {
  if (adminLevelOfCode(req.unitCode) === null)
    throw badInput('unitCode', `"${req.unitCode}" is not a 12-digit admin unit code`);
  if (!Number.isInteger(req.horizonDays) || req.horizonDays < 1 || req.horizonDays > MAX_HORIZON_DAYS)
    throw badInput('horizonDays', `must be a whole number in 1..${MAX_HORIZON_DAYS}, got ${req.horizonDays}`, {
      min: 1,
      max: MAX_HORIZON_DAYS,
    });
  if (req.category != null && !(CASE_CATEGORIES as readonly string[]).includes(req.category))
    throw badInput('category', `"${req.category}" is not one of ${CASE_CATEGORIES.join(', ')}`, {
      allowed: CASE_CATEGORIES,
    });
}

/** The rows read, indexed for the model: grid indexes in `rows.grids` order. */
export interface PreparedInputs {
  rows: ForecastInputRows;
  origin: number;
  index: Map<string, number>;
  neighbours: number[][];
}

/** Indexes rows read for the day `origin` (the day the read ended before). */
export function indexInputs(rows: ForecastInputRows, origin: number): PreparedInputs {
  const index = new Map(rows.grids.map((g, i) => [g.code, i]));
  const neighbours: number[][] = rows.grids.map(() => []);
  for (const [a, b] of rows.neighbours) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) neighbours[i]!.push(j);
  }
  return { rows, origin, index, neighbours };
}

/**
 * Counts of current grids (cases of grids since closed are left out), optionally of one
 * category, and the history start: the first case day in the read, or where the read began.
 */
function modelInput(p: PreparedInputs, lookbackDays: number, category: string | null): ForecastInput {
  const counts: CountRow[] = [];
  let first = Infinity;
  for (const r of p.rows.counts) {
    first = Math.min(first, r.day);
    const grid = p.index.get(r.gridCode);
    if (grid === undefined || (category !== null && r.category !== category)) continue;
    counts.push({ grid, day: r.day, count: r.count });
  }
  const historyStart = Math.max(p.origin - lookbackDays, Number.isFinite(first) ? first : p.origin);
  return { gridCount: p.rows.grids.length, rows: counts, neighbours: p.neighbours, historyStart };
}

/** forecastUnit's work on inputs already read (over at least lookbackDays(H) days). */
export function forecastFromInputs(
  p: PreparedInputs,
  req: ForecastRequest,
): Result<UnitForecast, ForecastServiceError> {
  checkRequest(req);
  const lookback = lookbackDays(req.horizonDays);
  if (p.rows.grids.length === 0) return err({ kind: 'no_grids', unitCode: req.unitCode });
  const all = modelInput(p, lookback, null);
  let basis: UnitForecast['basis'] = 'all';
  let input = all;
  if (req.category !== null) {
    input = modelInput(p, lookback, req.category);
    const lastYear = DailyCounts.from(input.gridCount, input.rows, p.origin - WINDOW_DAYS.long, p.origin);
    basis = categoryPlan(lastYear.dailyTotals().reduce((s, x) => s + x, 0));
  }
  const result = forecastGrids(basis === 'split' ? all : input, p.origin, req.horizonDays);
  if (!result.ok) return result;
  let grids = result.value.grids;
  if (basis === 'split') {
    const shares = categoryShares(
      DailyCounts.from(all.gridCount, all.rows, all.historyStart, p.origin),
      DailyCounts.from(input.gridCount, input.rows, all.historyStart, p.origin),
      p.origin,
    );
    grids = splitForecast(grids, shares, result.value.model.dispersion);
  }
  const { calendar: _calendar, origin: _origin, ...model } = result.value.model;
  return ok({
    origin: startOfShanghaiDay(p.origin),
    horizonDays: req.horizonDays,
    category: req.category,
    basis,
    model,
    grids: grids.map((g, i) => ({
      ...g,
      gridCode: p.rows.grids[i]!.code,
      areaSquareMeters: p.rows.grids[i]!.areaSquareMeters,
    })),
  });
}

/** A unit's backtest: the report, its as-of moment and how many grids it scored. */
export type UnitBacktest = BacktestReport & { origin: Date; gridCount: number };

/** Days of history the backtest reads before its as-of day. */
export function backtestLookbackDays(horizonDays: number): number {
  return lookbackDays(horizonDays) + horizonDays + 7 * BACKTEST_ORIGINS;
}

/** backtestUnit's work on inputs already read (over at least backtestLookbackDays(H) days). */
export function backtestFromInputs(
  p: PreparedInputs,
  req: { unitCode: string; horizonDays: number },
): Result<UnitBacktest, ForecastServiceError> {
  checkRequest(req);
  const lookback = backtestLookbackDays(req.horizonDays);
  if (p.rows.grids.length === 0) return err({ kind: 'no_grids', unitCode: req.unitCode });
  const input = { ...modelInput(p, lookback, null), areas: p.rows.grids.map((g) => g.areaSquareMeters) };
  const report = backtest(input, p.origin, req.horizonDays);
  return report.ok
    ? ok({ ...report.value, origin: startOfShanghaiDay(p.origin), gridCount: p.rows.grids.length })
    : report;
}
