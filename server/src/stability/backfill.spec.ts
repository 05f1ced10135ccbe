import { afterEach, beforeEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase, type Driver } from '../../test/databases.js';
import { TEST_NOW } from '../../test/api.js';
import { TEST_AS_OF } from '../../test/fixtures.js';
import type { Database } from '../db/database.js';
import { findLatestPublishedStart } from '../db/queries/stability-index.js';
import { closedPeriods, publishHistory } from './backfill.js';
import { publishingHorizon, runDue } from './scheduler.js';

// The demo is started months after its data set ends (as-of 2026-06-30).
const LATER = new Date('2026-11-22T09:30:00+08:00');

it('lists the closed periods before a horizon, oldest first', () => {
  const horizon = new Date('2026-07-01T00:00:00+08:00');
  expect(closedPeriods('month', horizon, 3).map((p) => p.start)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
  expect(closedPeriods('week', horizon, 2).map((p) => p.start)).toEqual(['2026-06-15', '2026-06-22']);
  expect(closedPeriods('day', horizon, 2).map((p) => p.start)).toEqual(['2026-06-29', '2026-06-30']);
});

eachDriver('the index history of a freshly loaded demo', (driver: Driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterEach(() => db.close());

  it('ends the publishing horizon of a synthetic data set with its as-of day', async () => {
    expect(TEST_AS_OF).toBe('2026-06-30');
    expect(await publishingHorizon(db, LATER)).toEqual(new Date('2026-07-01T00:00:00+08:00'));
    // Before the data ends, the clock decides.
    expect(await publishingHorizon(db, TEST_NOW)).toEqual(TEST_NOW);
  });

  it('lets the clock alone decide for real data', async () => {
    await db.query(
      `INSERT INTO dataset_loads (source, synthetic, as_of, counts, duration_ms) VALUES ('import', false, '2026-06-30', '{}', 0)`,
    );
    expect(await publishingHorizon(db, LATER)).toEqual(LATER);
  });

  it('publishes twelve months, twelve weeks and thirty days up to the data, once, as the seed', async () => {
    const published = await publishHistory(db, LATER);
    const starts = (kind: string) => published.filter((p) => p.kind === kind).map((p) => p.start);
    expect(starts('month')).toHaveLength(12);
    expect(starts('month').at(0)).toBe('2025-07-01');
    expect(starts('month').at(-1)).toBe('2026-06-01');
    expect(starts('week')).toHaveLength(12);
    expect(starts('week').at(-1)).toBe('2026-06-22');
    expect(starts('day')).toHaveLength(30);
    expect(starts('day').at(-1)).toBe('2026-06-30');
    expect(published.every((p) => p.revision === 1)).toBe(true);
    const { rows } = await db.query<{ published_by: string; n: number }>(
      'SELECT published_by, count(*)::int AS n FROM index_publications GROUP BY published_by',
    );
    expect(rows).toEqual([{ published_by: 'seed', n: 54 }]);
    // The latest month holds real scores, not a city of empty (perfect) ones.
    const latest = await db.query<{ cases: number }>(
      `SELECT s.count_values[array_position(p.count_keys, 'cases')]::int AS cases
       FROM index_snapshots s JOIN index_publications p USING (period_kind, period_start, revision)
       WHERE s.period_kind = 'month' AND s.period_start = '2026-06-01' AND s.level = 'township'`,
    );
    expect(latest.rows.length).toBeGreaterThan(0);
    expect(latest.rows.some((r) => r.cases > 0)).toBe(true);

    expect(await publishHistory(db, LATER)).toEqual([]);
  });

  it('keeps the scheduler from publishing empty periods after the data ends', async () => {
    await publishHistory(db, LATER);
    const run = await runDue({ db, events: null, now: () => LATER });
    expect(run.published).toEqual([]);
    for (const kind of ['day', 'week', 'month']) {
      const start = await findLatestPublishedStart(db, kind, null);
      expect(start! <= TEST_AS_OF).toBe(true);
    }
  });
});
