import { describe, expect, it } from 'vitest';
import { simulateCity } from '../../../test/forecast-simulation.js';
import { backtest, type BacktestInput } from './backtest.js';
import { forecastGrids } from './model.js';

const FIRST_DAY = 19_000;
const city = simulateCity({ rows: 10, cols: 10, dailyMean: 0.2, shape: 1.5, firstDay: FIRST_DAY, days: 760, seed: 5 });
const input: BacktestInput = {
  gridCount: city.gridCount,
  rows: city.rows,
  neighbours: city.neighbours,
  historyStart: city.firstDay,
  areas: Array.from({ length: city.gridCount }, (_, i) => 1e6 * (1 + (i % 3))),
};
const asOf = FIRST_DAY + 750;

/** Cases of grid g in [from, to), straight from the raw rows. */
function rawSum(g: number, from: number, to: number): number {
  let s = 0;
  for (const r of city.rows) if (r.grid === g && r.day >= from && r.day < to) s += r.count;
  return s;
}

describe('the rolling-origin backtest', () => {
  const report = backtest(input, asOf, 7);
  if (!report.ok) throw new Error('expected a report');
  const r = report.value;

  it('scores the twelve weekly origins whose outcome windows closed before the as-of day', () => {
    expect(r.origins).toEqual(Array.from({ length: 12 }, (_, j) => asOf - 7 - 7 * (11 - j)));
  });

  it('reproduces its MAE, RMSE and coverage from the raw counts', () => {
    let abs = 0;
    let sq = 0;
    let held80 = 0;
    let n = 0;
    let naiveAbs = 0;
    for (const origin of r.origins) {
      const f = forecastGrids(input, origin, 7);
      if (!f.ok) throw new Error('expected a forecast');
      f.value.grids.forEach((g, i) => {
        const y = rawSum(i, origin, origin + 7);
        abs += Math.abs(g.expected - y);
        sq += (g.expected - y) ** 2;
        if (y >= g.lower80 && y <= g.upper80) held80++;
        naiveAbs += Math.abs(rawSum(i, origin - 364, origin - 357) - y);
        n++;
      });
    }
    expect(r.model.mae).toBeCloseTo(abs / n, 12);
    expect(r.model.rmse).toBeCloseTo(Math.sqrt(sq / n), 12);
    expect(r.model.coverage80).toBeCloseTo(held80 / n, 12);
    expect(r.baselines.sameWeeksLastYear!.mae).toBeCloseTo(naiveAbs / n, 12);
    expect(r.perOrigin[0]!.actualTotal).toBe(
      Array.from({ length: city.gridCount }, (_, g) => rawSum(g, r.origins[0]!, r.origins[0]! + 7)).reduce(
        (a, b) => a + b,
      ),
    );
  });

  it('gives every figure beside the baselines, Gi* for hot spots only', () => {
    for (const key of ['pai5', 'pei5', 'pai10', 'pei10'] as const) {
      expect(r.model[key]).toBeGreaterThan(0);
      expect(r.baselines.giStarHotSpots[key]).not.toBeNull();
    }
    expect(r.model.pei10!).toBeLessThanOrEqual(1);
    expect(r.baselines.giStarHotSpots.mae).toBeNull();
    expect(r.model.intervalProbability80).toBeGreaterThanOrEqual(0.8);
  });

  it('beats both count baselines on simulated grids whose rates are fixed', () => {
    // Fixed rates: the long-run level is the best guess, one week or four are noisy.
    expect(r.model.mae!).toBeLessThan(r.baselines.lastFourWeeks.mae!);
    expect(r.model.rmse!).toBeLessThan(r.baselines.sameWeeksLastYear!.rmse!);
  });

  it('changes in nothing when cases are added on or after the as-of day', () => {
    const later = backtest({ ...input, rows: [...city.rows, { grid: 3, day: asOf, count: 40 }] }, asOf, 7);
    expect(later).toEqual(report);
  });
});
