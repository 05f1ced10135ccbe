import { describe, expect, it } from 'vitest';
import { mannKendall } from './mann-kendall.js';

describe('the Mann–Kendall trend test', () => {
  it('scores a strictly rising series of five: S = 10, Var = 5·4·15/18', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expect(r.variance).toBeCloseTo(16.6667, 4);
    // Z = (10 − 1)/√16.667 = 2.204541, p = 0.027486
    expect(r.z).toBeCloseTo(2.204541, 5);
    expect(r.p).toBeCloseTo(0.027486, 4);
  });

  it('reduces the variance for ties', () => {
    // [1, 1, 2, 3]: S = 5; Var = (4·3·13 − 2·1·9)/18 = 138/18; Z = 4/√7.6667 = 1.444630
    const r = mannKendall([1, 1, 2, 3]);
    expect(r.s).toBe(5);
    expect(r.variance).toBeCloseTo(138 / 18, 10);
    expect(r.z).toBeCloseTo(1.44463, 5);
  });

  it('scores one reversal among four rising values: S = 4', () => {
    // Pairs: +1 +1 +1 −1 +1 +1 → S = 4; Var = 4·3·13/18 = 8.667; Z = 3/2.944 = 1.019
    const r = mannKendall([10, 15, 14, 20]);
    expect(r.s).toBe(4);
    expect(r.variance).toBeCloseTo(8.6667, 4);
    expect(r.z).toBeCloseTo(1.019049, 5);
  });

  it('finds no trend in a constant or a symmetric series', () => {
    expect(mannKendall([2, 2, 2, 2]).z).toBe(0);
    expect(mannKendall([1, 3, 3, 1]).z).toBe(0);
  });

  it('is negative for a falling series', () => {
    expect(mannKendall([9, 7, 6, 3, 2, 1]).z).toBeLessThan(-2.5);
  });
});
