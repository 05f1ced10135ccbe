/**
 * The daily early-warning check: each grid's case count on a closed day against the Poisson
 * control limit of its previous 28 days. Warnings are stored once per grid and day and pushed
 * to subscribers after the transaction commits.
 */
import type { Database } from '../db/database.js';
import {
  countDailyCasesPerGrid,
  findWarningRun,
  insertWarnings,
  type WarningInsert,
  type WarningRow,
} from '../db/queries/warnings.js';
import { poissonControl } from '../domain/hotspots/control-limits.js';
import type { Period } from '../domain/index/periods.js';
import type { EventBus, LiveEvents } from '../events/bus.js';

export const BASELINE_DAYS = 28;
export const WARNING_ALPHA = 0.001;

export function toWarningEvent(r: WarningRow): LiveEvents['warningRaised'] {
  return {
    id: r.id,
    gridCode: r.grid_code,
    gridName: r.grid_name,
    day: r.day,
    measure: r.measure,
    observed: r.observed,
    expected: r.expected,
    upperLimit: r.upper_limit,
    pValue: r.p_value,
    raisedAt: r.raised_at,
  };
}

/**
 * Checks one closed day (a 'day' period). Returns the warnings newly stored, or null when the
 * day had already been checked (the check is idempotent).
 */
export async function checkDay(
  db: Database,
  day: Period,
  now: Date,
  events: EventBus | null,
): Promise<LiveEvents['warningRaised'][] | null> {
  if (await findWarningRun(db, day.start)) return null;
  const from = new Date(day.startAt.getTime() - BASELINE_DAYS * 86_400_000);
  const series = new Map<string, number[]>();
  for (const r of await countDailyCasesPerGrid(db, from, day.endAt)) {
    let s = series.get(r.grid_code);
    if (!s) series.set(r.grid_code, (s = new Array(BASELINE_DAYS + 1).fill(0)));
    s[r.day] = r.count;
  }
  const alarms: WarningInsert[] = [];
  for (const [gridCode, s] of series) {
    const observed = s[BASELINE_DAYS]!;
    if (observed === 0) continue;
    const check = poissonControl(observed, s.slice(0, BASELINE_DAYS), WARNING_ALPHA);
    if (!check.alarm) continue;
    alarms.push({
      gridCode,
      day: day.start,
      measure: 'daily_cases',
      observed,
      expected: check.expected,
      upperLimit: check.upperLimit,
      pValue: check.pValue,
    });
  }
  const stored = await db.transaction((tx) => insertWarnings(tx, day.start, alarms, now));
  const raised = stored.map(toWarningEvent);
  for (const event of raised) events?.publish('warningRaised', event);
  return raised;
}
