import { describe, expect, it } from 'vitest';
import { lattice, simulateCity } from '../../../test/forecast-simulation.js';
import { DailyCounts } from './counts.js';
import { forecastGrids, type ForecastInput } from './model.js';
import { nbCdf } from './negative-binomial.js';

const FIRST_DAY = 19_000;

function inputOf(city: ReturnType<typeof simulateCity>): ForecastInput {
  return { gridCount: city.gridCount, rows: city.rows, neighbours: city.neighbours, historyStart: city.firstDay };
}

describe('the grid forecast', () => {
  const city = simulateCity({ rows: 12, cols: 12, dailyMean: 0.3, shape: 2, firstDay: FIRST_DAY, days: 800, seed: 11 });
  const origin = FIRST_DAY + 730;

  it('changes in nothing when cases are added on or after the origin', () => {
    const figures = (rows: ForecastInput['rows']) => {
      const f = forecastGrids({ ...inputOf(city), rows }, origin, 7);
      if (!f.ok) throw new Error('expected a forecast');
      const { coefficients, dispersion, calendar } = f.value.model;
      return {
        grids: f.value.grids,
        coefficients,
        dispersion,
        weekday: calendar.weekday,
        harmonics: calendar.harmonics,
      };
    };
    const before = figures(city.rows);
    const later = [
      ...city.rows,
      { grid: 0, day: origin, count: 50 },
      { grid: 5, day: origin + 3, count: 9 },
      { grid: 7, day: origin + 400, count: 1 },
    ];
    expect(figures(later)).toEqual(before);
    // The same extra cases a day earlier do change it: the comparison above can fail.
    const earlier = [...city.rows, { grid: 0, day: origin - 1, count: 50 }];
    expect(figures(earlier)).not.toEqual(before);
  });

  it('learns that a grid keeps its long-run rate when rates are fixed in time', () => {
    const f = forecastGrids(inputOf(city), origin, 28);
    if (!f.ok) throw new Error('expected a forecast');
    expect(f.value.model.coefficients.longLevel).toBeGreaterThan(0.85);
    expect(f.value.model.coefficients.longLevel).toBeLessThan(1.15);
    // Planted weekdays: Sunday 0.7, Saturday 0.8, other days 1.06 (ratios survive centring).
    const w = f.value.model.calendar.weekday.map(Math.exp);
    expect(w[0]! / w[3]!).toBeCloseTo(0.7 / 1.06, 1);
    expect(w[6]! / w[3]!).toBeCloseTo(0.8 / 1.06, 1);
  });

  it('follows a grid whose cases jump in the last weeks', () => {
    const jump = [...city.rows];
    for (let d = origin - 14; d < origin; d++) jump.push({ grid: 40, day: d, count: 3 });
    const base = forecastGrids(inputOf(city), origin, 7);
    const jumped = forecastGrids({ ...inputOf(city), rows: jump }, origin, 7);
    if (!base.ok || !jumped.ok) throw new Error('expected forecasts');
    expect(jumped.value.grids[40]!.expected).toBeGreaterThan(1.5 * base.value.grids[40]!.expected);
  });

  it('holds its intervals as often as their own probability says, on simulated negative binomial counts', () => {
    // Rates Gamma(shape 2) across 400 grids, Poisson days: each horizon total is NB given the
    // calendar. Counts are whole numbers, so an "80 %" interval holds with probability ≥ 80 %;
    // the fair yardstick is the probability the fitted distribution gives its own interval.
    const sim = simulateCity({ rows: 20, cols: 20, dailyMean: 0.4, shape: 2, firstDay: FIRST_DAY, days: 850, seed: 3 });
    const truth = DailyCounts.from(sim.gridCount, sim.rows, sim.firstDay, sim.endDay);
    let n = 0;
    const held = { 80: 0, 95: 0 };
    const own = { 80: 0, 95: 0 };
    for (let j = 0; j < 4; j++) {
      const o = sim.firstDay + 730 + 28 * j;
      const f = forecastGrids(inputOf(sim), o, 28);
      if (!f.ok) throw new Error('expected a forecast');
      const alpha = f.value.model.dispersion;
      f.value.grids.forEach((g, i) => {
        const y = truth.windowSum(i, o, o + 28);
        n++;
        if (y >= g.lower80 && y <= g.upper80) held[80]++;
        if (y >= g.lower95 && y <= g.upper95) held[95]++;
        own[80] += nbCdf(g.upper80, g.expected, alpha) - nbCdf(g.lower80 - 1, g.expected, alpha);
        own[95] += nbCdf(g.upper95, g.expected, alpha) - nbCdf(g.lower95 - 1, g.expected, alpha);
      });
    }
    expect(own[80] / n).toBeGreaterThanOrEqual(0.8);
    expect(own[95] / n).toBeGreaterThanOrEqual(0.95);
    // 1,600 grid-windows: a binomial proportion near 0.85 has sd ≈ 0.009.
    expect(Math.abs(held[80] / n - own[80] / n)).toBeLessThan(0.035);
    expect(Math.abs(held[95] / n - own[95] / n)).toBeLessThan(0.02);
  });

  it('forecasts nothing for a unit without a case, without failing', () => {
    const f = forecastGrids(
      { gridCount: 4, rows: [], neighbours: lattice(2, 2), historyStart: FIRST_DAY },
      FIRST_DAY + 400,
      7,
    );
    if (!f.ok) throw new Error('expected a forecast');
    expect(f.value.grids.every((g) => g.expected < 1e-6 && g.upper95 === 0)).toBe(true);
  });

  it('refuses a forecast with less history than the horizon and four weeks', () => {
    const f = forecastGrids(inputOf(city), FIRST_DAY + 30, 7);
    expect(f).toEqual({ ok: false, error: { kind: 'too_little_history', historyDays: 30, neededDays: 35 } });
  });

  it('rejects a horizon outside 1..91 days by name', () => {
    expect(() => forecastGrids(inputOf(city), origin, 0)).toThrow(/horizonDays must be a whole number in 1\.\.91/);
  });
});
