import { describe, expect, it } from 'vitest';
import { apportionLargestRemainder } from './apportion.js';

describe('largest-remainder apportionment', () => {
  it('gives the exact total, rounding by the largest remainders', () => {
    expect(apportionLargestRemainder([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(apportionLargestRemainder([0.5, 0.3, 0.2], 7)).toEqual([4, 2, 1]);
  });

  it('respects floors and ceilings and hands the difference to the others', () => {
    expect(apportionLargestRemainder([100, 1, 1], 10, { min: 1 })).toEqual([8, 1, 1]);
    expect(apportionLargestRemainder([100, 1, 1], 10, { max: [3, 10, 10] })).toEqual([3, 4, 3]);
  });

  it('refuses a total that the bounds cannot hold', () => {
    expect(() => apportionLargestRemainder([1, 1], 1, { min: 1 })).toThrow(/cannot apportion/);
    expect(() => apportionLargestRemainder([1, 1], 5, { max: 2 })).toThrow(/cannot apportion/);
  });

  it('sums to the total for many random weights', () => {
    const weights = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 97) + 0.5);
    const result = apportionLargestRemainder(weights, 12_864, { min: 1, max: 60 });
    expect(result.reduce((s, v) => s + v, 0)).toBe(12_864);
    expect(Math.min(...result)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...result)).toBeLessThanOrEqual(60);
  });
});
