import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, WeightedSampler } from './prng.js';

const draw = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
  });

  it('gives different sequences for different seeds and stream labels', () => {
    expect(draw(42, 10)).not.toEqual(draw(43, 10));
    expect(deriveSeed(42, 'atoms')).not.toBe(deriveSeed(42, 'cases'));
    expect(deriveSeed(42, 'atoms')).toBe(deriveSeed(42, 'atoms'));
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const values = draw(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('draws normals with mean 0 and standard deviation 1', () => {
    const rng = createRng(3);
    const values = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });

  it('draws weighted indices in proportion and never a zero weight', () => {
    const rng = createRng(5);
    const sampler = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.draw(rng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
    const small = [0, 0, 0];
    for (let i = 0; i < 4000; i++) small[rng.weightedIndex([0, 2, 2])]!++;
    expect(small[0]).toBe(0);
  });
});
