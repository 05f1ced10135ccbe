import { describe, expect, it } from 'vitest';
import { seededRandom, gamma, poisson } from '../../../test/forecast-simulation.js';
import { categoryPlan, categoryShares, splitForecast } from './categories.js';
import { DailyCounts } from './counts.js';
import { gridForecast } from './model.js';
import { nbPmf } from './negative-binomial.js';

describe('category forecasts', () => {
  it('gives a category its own model from 1,000 cases a year', () => {
    expect(categoryPlan(999)).toBe('split');
    expect(categoryPlan(1000)).toBe('own');
  });

  it('shrinks each grid share toward the unit share with ten prior cases', () => {
    // Grid 0: 8 cases, 6 of the category; grid 1: 2 cases, none. Unit share 6/10 = 0.6.
    // Grid 0: (6 + 10·0.6)/(8 + 10) = 12/18; grid 1: (0 + 6)/(2 + 10) = 0.5.
    const all = DailyCounts.from(
      2,
      [
        { grid: 0, day: 100, count: 8 },
        { grid: 1, day: 200, count: 2 },
      ],
      0,
      365,
    );
    const cat = DailyCounts.from(2, [{ grid: 0, day: 100, count: 6 }], 0, 365);
    const shares = categoryShares(all, cat, 365);
    expect(shares[0]).toBeCloseTo(12 / 18, 12);
    expect(shares[1]).toBeCloseTo(0.5, 12);
  });

  it('splits a forecast into NB2 with the thinned mean and the same dispersion', () => {
    const split = splitForecast([gridForecast(6, 0.5)], [0.5], 0.5);
    expect(split).toEqual([gridForecast(3, 0.5)]);
  });

  it('matches thinned Poisson–gamma draws, as the thinning argument says', () => {
    // Draw NB2(μ = 6, α = 0.5) totals, keep each case with p = 0.5: the kept counts should be
    // NB2(3, 0.5). Compare P(0) and P(1) with 20,000 draws (sd of a frequency ≈ 0.003).
    const random = seededRandom(9);
    const kept = [0, 0];
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const total = poisson(gamma(2, random) * 3, random);
      let k = 0;
      for (let j = 0; j < total; j++) if (random() < 0.5) k++;
      if (k < 2) kept[k]!++;
    }
    expect(kept[0]! / draws).toBeCloseTo(nbPmf(0, 3, 0.5), 1);
    expect(Math.abs(kept[0]! / draws - nbPmf(0, 3, 0.5))).toBeLessThan(0.012);
    expect(Math.abs(kept[1]! / draws - nbPmf(1, 3, 0.5))).toBeLessThan(0.012);
  });
});
