import { describe, expect, it } from 'vitest';
import { gamma, poisson, seededRandom } from '../../../test/forecast-simulation.js';
import { fitNegativeBinomial } from './glm.js';

describe('negative binomial regression', () => {
  // 20,000 rows, ln μ = ln 2 + 0.7 x + ln(exposure), x uniform on [−1, 1], exposure 0.5 or 1,
  // y Poisson with a Gamma(shape 2, mean μ) rate, i.e. NB2 with α = 0.5.
  const random = seededRandom(17);
  const n = 20_000;
  const x = Float64Array.from({ length: n }, () => 2 * random() - 1);
  const offset = Float64Array.from({ length: n }, (_, i) => Math.log(i % 2 ? 0.5 : 1));
  const y = Float64Array.from(x, (xi, i) => {
    const mu = Math.exp(Math.log(2) + 0.7 * xi + offset[i]!);
    return poisson((gamma(2, random) / 2) * mu, random);
  });
  const fit = fitNegativeBinomial([new Float64Array(n).fill(1), x], y, offset);

  it('recovers the coefficients of simulated NB2 data', () => {
    // Standard errors here are about 0.01 for both: allow five of them.
    expect(Math.abs(fit.beta[0]! - Math.log(2))).toBeLessThan(0.05);
    expect(Math.abs(fit.beta[1]! - 0.7)).toBeLessThan(0.05);
  });

  it('recovers the dispersion by maximum likelihood', () => {
    expect(Math.abs(fit.alpha - 0.5)).toBeLessThan(0.05);
  });

  it('calls Poisson data Poisson', () => {
    const plain = Float64Array.from(x, (xi) => poisson(Math.exp(0.5 + 0.3 * xi), random));
    const f = fitNegativeBinomial([new Float64Array(n).fill(1), x], plain, new Float64Array(n));
    expect(f.alpha).toBeLessThan(0.02);
    expect(Math.abs(f.beta[1]! - 0.3)).toBeLessThan(0.05);
  });
});
