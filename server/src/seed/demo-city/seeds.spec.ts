import { describe, expect, it } from 'vitest';
import { farthestPointSeeds, nearestAtoms } from './seeds.js';

// Ten atoms on a line at x = 0..9.
const at = { x: Array.from({ length: 10 }, (_, i) => i), y: new Array<number>(10).fill(0) };
const all = Array.from({ length: 10 }, (_, i) => i);

describe('seed placement', () => {
  it('spreads seeds out from the first one', () => {
    expect(farthestPointSeeds(all, 3, at, [], 0)).toEqual([0, 9, 4]);
  });

  it('keeps away from fixed seeds and never repeats one', () => {
    const seeds = farthestPointSeeds(all, 9, at, [9]);
    expect(seeds[0]).toBe(0);
    expect(new Set([...seeds, 9]).size).toBe(10);
    expect(() => farthestPointSeeds(all, 10, at, [9])).toThrow(/fit/);
  });

  it('finds the atoms nearest a point', () => {
    expect(nearestAtoms(all, 6.2, 0, 3, at)).toEqual([6, 7, 5]);
  });
});
