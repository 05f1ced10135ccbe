import { describe, expect, it } from 'vitest';
import { gamma, poisson, seededRandom } from '../../../test/forecast-simulation.js';
import { unitTotalForecast } from './unit-total.js';

describe('the unit total forecast', () => {
  it('matches mean and variance of the sum', () => {
    // Means 1, 2, 3 at α = 0.5: Σμ = 6, variance Σ(μ + αμ²) = 6 + 0.5 · 14 = 13,
    // so α_total = (13 − 6) / 36 = 0.5 · 14 / 36 = 0.194444.
    const total = unitTotalForecast([{ expected: 1 }, { expected: 2 }, { expected: 3 }], 0.5);
    expect(total.expected).toBe(6);
    expect(total.dispersion).toBeCloseTo(7 / 36, 12);
  });

  it('holds its 80 % interval about as often as that on simulated sums of grids', () => {
    // 200 grids, means 0.5 … 5, NB2 with α = 0.8 each; 2,000 simulated unit totals.
    const random = seededRandom(21);
    const means = Array.from({ length: 200 }, (_, i) => 0.5 + (4.5 * i) / 199);
    const alpha = 0.8;
    const total = unitTotalForecast(
      means.map((expected) => ({ expected })),
      alpha,
    );
    let held = 0;
    const draws = 2000;
    for (let d = 0; d < draws; d++) {
      let sum = 0;
      for (const m of means) sum += poisson(gamma(1 / alpha, random) * alpha * m, random);
      if (sum >= total.lower80 && sum <= total.upper80) held++;
    }
    // The total's mean is 550: discreteness is negligible, so the target is 80 % (sd ≈ 0.009).
    expect(Math.abs(held / draws - 0.8)).toBeLessThan(0.03);
  });
});
