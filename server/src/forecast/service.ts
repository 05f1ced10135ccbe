/**
 * Forecast and backtest of one unit as of a moment: reads the inputs on one snapshot
 * (db/queries/forecast-inputs.ts) and runs the pure model (domain/forecast) in the fit thread
 * (fit-thread.ts), so that a city-scale fit does not hold up the server's other requests. The
 * GraphQL fields call these after their access checks; the as-of moment counts from the start
 * of its local day, so that a forecast "as of" any moment of a day is that day's forecast.
 */
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import type { Database } from '../db/database.js';
import { ensureGridNeighbours } from '../db/queries/hotspots.js';
import { readForecastFingerprint, readForecastInputs, type ForecastInputRows } from '../db/queries/forecast-inputs.js';
import { shanghaiDayOf, startOfShanghaiDay } from '../domain/forecast/counts.js';
import { lookbackDays } from '../domain/forecast/model.js';
import { unitTotalForecast } from '../domain/forecast/unit-total.js';
import type { Result } from '../domain/result.js';
import {
  backtestLookbackDays,
  checkRequest,
  type ForecastRequest,
  type ForecastServiceError,
  type UnitBacktest,
  type UnitForecast,
} from './compute.js';
import { inFitThread } from './fit-thread.js';
import { memoised } from './memo.js';

export {
  backtestFromInputs,
  backtestLookbackDays,
  forecastFromInputs,
  indexInputs,
  type ForecastRequest,
  type ForecastServiceError,
  type PreparedInputs,
  type UnitBacktest,
  type UnitForecast,
} from './compute.js';

/** The unit's prefix and the days [from, before) its inputs span: `lookbackDays` before `asOf`'s day. */
interface InputWindow {
  prefix: string;
  from: Date;
  before: Date;
}

/**
 * The window of the unit's inputs, once the neighbour table they read is built (built once,
 * read after: hotspots.ts).
 */
async function inputWindow(db: Database, unitCode: string, origin: number, lookbackDays: number): Promise<InputWindow> {
  await ensureGridNeighbours(db);
  return {
    prefix: jurisdictionPrefix(unitCode),
    from: startOfShanghaiDay(origin - lookbackDays),
    before: startOfShanghaiDay(origin),
  };
}

/** Reads the inputs in the window, on one snapshot. */
const read = (db: Database, w: InputWindow): Promise<ForecastInputRows> =>
  readForecastInputs(db, w.prefix, w.from, w.before);

/**
 * The forecast of every current grid of the unit over the horizon from `asOf`'s day, served
 * again while the inputs' fingerprint is unchanged (memo.ts).
 */
export async function forecastUnit(
  db: Database,
  req: ForecastRequest,
): Promise<Result<UnitForecast, ForecastServiceError>> {
  checkRequest(req);
  const origin = shanghaiDayOf(req.asOf);
  const w = await inputWindow(db, req.unitCode, origin, lookbackDays(req.horizonDays));
  const fingerprint = await readForecastFingerprint(db, w.prefix, w.from, w.before);
  const key = JSON.stringify(['forecast', req.unitCode, origin, req.horizonDays, req.category]);
  return memoised(db, key, fingerprint, async () =>
    inFitThread({ task: 'forecast', rows: await read(db, w), origin, request: { ...req, asOf: w.before } }),
  );
}

/** The rolling-origin backtest of all cases of the unit, as of `asOf`'s day. */
export async function backtestUnit(
  db: Database,
  req: { unitCode: string; asOf: Date; horizonDays: number },
): Promise<Result<UnitBacktest, ForecastServiceError>> {
  checkRequest(req);
  const origin = shanghaiDayOf(req.asOf);
  const w = await inputWindow(db, req.unitCode, origin, backtestLookbackDays(req.horizonDays));
  return inFitThread({ task: 'backtest', rows: await read(db, w), origin, request: req });
}

/** A unit's forecast total: the grids' sum (the NB2 of the same mean and variance, unit-total.ts). */
export interface UnitTotal {
  unitCode: string;
  origin: Date;
  horizonDays: number;
  category: string | null;
  basis: UnitForecast['basis'];
  gridCount: number;
  expected: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  /** α of the total's NB2: α Σμ² / (Σμ)². */
  dispersion: number;
}

/** The unit's forecast summed over its grids. */
export function unitTotal(unitCode: string, f: UnitForecast): UnitTotal {
  return {
    unitCode,
    origin: f.origin,
    horizonDays: f.horizonDays,
    category: f.category,
    basis: f.basis,
    gridCount: f.grids.length,
    ...unitTotalForecast(f.grids, f.model.dispersion),
  };
}
