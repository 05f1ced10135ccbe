import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedPValue } from './normal.js';

// Reference values from standard normal tables (e.g. Abramowitz & Stegun, table 26.1).
describe('the standard normal distribution', () => {
  it('gives one half at zero and is symmetric', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.3) + normalCdf(1.3)).toBeCloseTo(1, 7);
  });

  it('matches the tabulated cumulative probabilities', () => {
    expect(normalCdf(1)).toBeCloseTo(0.841344746, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
  });

  it('gives the two-sided p-values behind the 90, 95 and 99 % bins', () => {
    expect(twoSidedPValue(1.644854)).toBeCloseTo(0.1, 6);
    expect(twoSidedPValue(-1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedPValue(2.575829)).toBeCloseTo(0.01, 6);
  });

  it('keeps its relative accuracy far in the tail', () => {
    // 2 × (1 − Φ(5)) = 5.7330e-7
    expect(twoSidedPValue(5) / 5.733031e-7).toBeCloseTo(1, 5);
  });
});
