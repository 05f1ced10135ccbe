import { describe, expect, it } from 'vitest';
import { ewmaChart, poissonCdf, poissonControl, poissonQuantile, poissonUpperTail } from './control-limits.js';

describe('Poisson control limits', () => {
  // Poisson(2) by hand: e⁻² = 0.135335; CDF(5) = 0.983436, CDF(6) = 0.995466,
  // CDF(7) = 0.998903, CDF(8) = 0.999763.
  it('reproduces the hand-computed Poisson(2) distribution', () => {
    expect(poissonCdf(0, 2)).toBeCloseTo(0.135335, 6);
    expect(poissonCdf(5, 2)).toBeCloseTo(0.983436, 6);
    expect(poissonCdf(7, 2)).toBeCloseTo(0.998903, 6);
  });

  it('finds the Poisson(2) quantiles 6 at 99 % and 8 at 99.9 %', () => {
    expect(poissonQuantile(0.99, 2)).toBe(6);
    expect(poissonQuantile(0.999, 2)).toBe(8);
    expect(poissonQuantile(0.5, 0)).toBe(0);
  });

  it('gives the upper tail P(X ≥ k)', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(8, 2)).toBeCloseTo(1 - 0.998903, 6);
  });

  it('stays finite for large means', () => {
    const q = poissonQuantile(0.999, 1000);
    // Normal approximation: 1000 + 3.09·√1000 ≈ 1098
    expect(q).toBeGreaterThan(1090);
    expect(q).toBeLessThan(1105);
  });

  it('alarms on a count above the limit of its baseline, not on one within it', () => {
    const baseline = new Array(28).fill(2);
    // Mean (56 + 0.5)/28 = 2.018; the 99.9 % limit is 8.
    expect(poissonControl(9, baseline)).toMatchObject({ upperLimit: 8, alarm: true });
    expect(poissonControl(8, baseline).alarm).toBe(false);
  });

  it('does not alarm on a single case in a quiet grid', () => {
    expect(poissonControl(1, new Array(28).fill(0)).alarm).toBe(false);
    expect(poissonControl(3, new Array(28).fill(0)).alarm).toBe(true);
  });
});

describe('the EWMA chart', () => {
  it('follows the recursion and its widening limit', () => {
    const points = ewmaChart([10, 10], 10, 1, 0.2, 3);
    expect(points[0]!.statistic).toBe(10);
    // t = 1: 3 · √(0.2/1.8 · (1 − 0.64)) = 3 · 0.2 = 0.6
    expect(points[0]!.upperLimit).toBeCloseTo(10.6, 10);
    expect(points[1]!.upperLimit).toBeGreaterThan(points[0]!.upperLimit);
  });

  it('alarms after a sustained shift', () => {
    const points = ewmaChart([10, 10, 13, 13, 13, 13], 10, 1);
    expect(points.slice(0, 2).some((p) => p.alarm)).toBe(false);
    expect(points.at(-1)!.alarm).toBe(true);
  });
});
