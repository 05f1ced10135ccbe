/**
 * The forecasts the wall screens will ask for, made at server start: each kiosk unit's forecast
 * over the screens' horizon, so that a wall opened after a restart finds it made (memo.ts) rather
 * than waiting for a city-scale fit.
 */
import type { Database } from '../db/database.js';
import { FORECAST_SCREEN_HORIZON_DAYS } from '../domain/forecast/alerts.js';
import { publishingHorizon } from '../stability/scheduler.js';
import { forecastUnit } from './service.js';

/** Makes the screens' forecast of each unit, one after another; returns how many were made. */
export async function warmScreenForecasts(db: Database, unitCodes: readonly string[], now: Date): Promise<number> {
  const asOf = await publishingHorizon(db, now);
  let made = 0;
  for (const unitCode of unitCodes) {
    const result = await forecastUnit(db, {
      unitCode,
      asOf,
      horizonDays: FORECAST_SCREEN_HORIZON_DAYS,
      category: null,
    });
    if (result.ok) made += 1;
  }
  return made;
}
