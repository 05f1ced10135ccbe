/**
 * Publishes the index history a freshly loaded data set covers, so the review screen, the
 * ranking and the wall's 12-period trend have something to show from the first start: the last
 * months, weeks and days closed by the publishing horizon (the end of a synthetic data set, or
 * now), oldest first, through the normal publishing service. Periods already published are left
 * alone, so running it twice publishes nothing new.
 */
import type { Database } from '../db/database.js';
import { lastClosedPeriod, previousPeriod, type Period, type PeriodKind } from '../domain/index/periods.js';
import { publishPeriod } from './publish.js';
import { publishingHorizon } from './scheduler.js';

export const SEED_ACCOUNT = 'seed';

export interface HistoryLength {
  month: number;
  week: number;
  day: number;
}

/** Twelve months and twelve weeks (the wall's trend) and thirty days. */
export const DEMO_HISTORY: HistoryLength = { month: 12, week: 12, day: 30 };

/** The last `count` periods of `kind` closed by `horizon`, oldest first. */
export function closedPeriods(kind: PeriodKind, horizon: Date, count: number): Period[] {
  const periods: Period[] = [];
  for (let p = lastClosedPeriod(kind, horizon); periods.length < count; p = previousPeriod(p)) periods.unshift(p);
  return periods;
}

export interface PublishedPeriod {
  kind: PeriodKind;
  start: string;
  revision: number;
}

export async function publishHistory(
  db: Database,
  now: Date,
  length: HistoryLength = DEMO_HISTORY,
  publishedBy = SEED_ACCOUNT,
): Promise<PublishedPeriod[]> {
  const horizon = await publishingHorizon(db, now);
  const published: PublishedPeriod[] = [];
  for (const kind of ['month', 'week', 'day'] as const) {
    for (const period of closedPeriods(kind, horizon, length[kind])) {
      const result = await publishPeriod(db, period, { publishedBy, reason: null, now, onlyIfUnpublished: true });
      if (result.ok) published.push({ kind, start: period.start, revision: result.value.revision });
      else if (result.error.kind !== 'ALREADY_PUBLISHED') throw new Error(result.error.message);
    }
  }
  return published;
}
