import { describe, expect, it } from 'vitest';
import { hexRadiusMeters, labelVisible } from './zoom.js';

describe('zoom rules', () => {
  it('shrinks hexagons as the map zooms in', () => {
    const radii = [8, 10, 12, 14].map(hexRadiusMeters);
    expect(radii).toEqual([...radii].sort((a, b) => b - a));
    expect(new Set(radii).size).toBe(4);
  });

  it('overlaps label levels a little so names never all vanish', () => {
    for (let zoom = 6; zoom <= 18; zoom += 0.25) {
      expect(
        ['county', 'township', 'village'].some((l) => labelVisible(l as 'county', zoom)),
        `zoom ${zoom}`,
      ).toBe(true);
    }
  });
});
