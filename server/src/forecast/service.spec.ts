import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_NOW } from '../../test/api.js';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { backtestUnit, forecastUnit, unitTotal } from './service.js';

const TOWNSHIP = '371702005000';

eachDriver('the forecast service', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterAll(() => db.close());

  const request = { unitCode: TOWNSHIP, asOf: TEST_NOW, horizonDays: 7, category: null };

  it('forecasts every current grid of the unit from the start of the as-of day', async () => {
    const f = await forecastUnit(db, request);
    if (!f.ok) throw new Error(`expected a forecast, got ${JSON.stringify(f.error)}`);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE '371702005%'`,
    );
    expect(f.value.grids).toHaveLength(rows[0]!.n);
    expect(f.value.origin.toISOString()).toBe('2026-06-29T16:00:00.000Z');
    for (const g of f.value.grids) {
      expect(g.lower95).toBeLessThanOrEqual(g.lower80);
      expect(g.upper80).toBeLessThanOrEqual(g.upper95);
      expect(g.expected).toBeGreaterThanOrEqual(0);
    }
    expect(f.value.basis).toBe('all');
  });

  it('is unchanged by cases reported from the start of the as-of day on', async () => {
    const before = await forecastUnit(db, request);
    await db.query(
      `INSERT INTO cases (code, category, severity, source, status, reported_at, deadline, closed_at,
         handled_level, grid_code, village_code, geom)
       SELECT left(code, 12) || to_char(t.at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(t.n::text, 4, '0'),
         category, severity, source, 'registered', t.at, t.at + interval '10 days', NULL,
         handled_level, grid_code, village_code, geom
       FROM (SELECT * FROM cases WHERE grid_code LIKE '371702005%' ORDER BY code LIMIT 1) c,
         (VALUES (timestamptz '2026-06-30T00:00:00+08:00', 9001), (timestamptz '2026-07-03T12:00:00+08:00', 9002)) t(at, n)`,
    );
    expect(await forecastUnit(db, request)).toEqual(before);
  });

  it('serves the forecast made before while its inputs are unchanged, and fits again when a past case comes in', async () => {
    const first = await forecastUnit(db, request);
    expect(await forecastUnit(db, request)).toBe(first);
    // A case reported late, dated three days before the origin, in the unit's first grid.
    await db.query(
      `INSERT INTO cases (code, category, severity, source, status, reported_at, deadline, closed_at,
         handled_level, grid_code, village_code, geom)
       SELECT left(code, 12) || '20260627' || '9101', category, severity, source, 'registered',
         timestamptz '2026-06-27T10:00:00+08:00', timestamptz '2026-07-07T10:00:00+08:00', NULL,
         handled_level, grid_code, village_code, geom
       FROM cases WHERE grid_code LIKE '371702005%' ORDER BY code LIMIT 1`,
    );
    const again = await forecastUnit(db, request);
    expect(again).not.toBe(first);
    if (!first.ok || !again.ok) throw new Error('expected forecasts');
    const total = (f: typeof first.value) => f.grids.reduce((s, g) => s + g.expected, 0);
    expect(total(again.value)).toBeGreaterThan(total(first.value));
  });

  it('splits the all-cases forecast for a category too sparse for a model of its own', async () => {
    const all = await forecastUnit(db, request);
    const land = await forecastUnit(db, { ...request, category: 'land' });
    if (!all.ok || !land.ok) throw new Error('expected forecasts');
    expect(land.value.basis).toBe('split');
    land.value.grids.forEach((g, i) => expect(g.expected).toBeLessThan(all.value.grids[i]!.expected));
  });

  it('backtests the unit over twelve weekly origins beside the baselines', async () => {
    const b = await backtestUnit(db, { unitCode: TOWNSHIP, asOf: TEST_NOW, horizonDays: 7 });
    if (!b.ok) throw new Error(`expected a backtest, got ${JSON.stringify(b.error)}`);
    expect(b.value.origins).toHaveLength(12);
    expect(b.value.model.mae).toBeGreaterThan(0);
    expect(b.value.baselines.lastFourWeeks.mae).toBeGreaterThan(0);
    expect(b.value.baselines.giStarHotSpots.pai10).not.toBeNull();
  });

  it('refuses an unknown category, a horizon out of range and a code that is no unit, by field', async () => {
    await expect(forecastUnit(db, { ...request, category: 'noise' })).rejects.toMatchObject({
      kind: 'bad_input',
      field: 'category',
      message: expect.stringMatching(/"noise" is not one of/),
    });
    for (const horizonDays of [0, 92, 7.5])
      await expect(forecastUnit(db, { ...request, horizonDays })).rejects.toMatchObject({ field: 'horizonDays' });
    await expect(forecastUnit(db, { ...request, unitCode: '371702005001001' })).rejects.toMatchObject({
      field: 'unitCode',
    });
  });

  it('sums the grids into the unit total with an interval at least as wide as any grid', async () => {
    const f = await forecastUnit(db, request);
    if (!f.ok) throw new Error('expected a forecast');
    const total = unitTotal(TOWNSHIP, f.value);
    expect(total.expected).toBeCloseTo(
      f.value.grids.reduce((s, g) => s + g.expected, 0),
      9,
    );
    expect(total.lower95).toBeLessThanOrEqual(total.lower80);
    expect(total.lower80).toBeLessThanOrEqual(total.expected);
    expect(total.upper80).toBeGreaterThanOrEqual(total.expected);
    expect(total.upper95).toBeGreaterThanOrEqual(Math.max(...f.value.grids.map((g) => g.upper95)));
  });
});
