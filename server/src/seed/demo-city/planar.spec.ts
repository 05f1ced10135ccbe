import { describe, expect, it } from 'vitest';
import { lonLatToXY, round7, xyToPosition } from './planar.js';

describe('local planar frame', () => {
  it('puts the origin at 115.5°E 35.2°N and round-trips lon/lat to 7 decimals', () => {
    expect(lonLatToXY(115.5, 35.2)).toEqual({ x: 0, y: 0 });
    const { x, y } = lonLatToXY(116.09, 34.8);
    expect(xyToPosition(x, y)).toEqual([116.09, 34.8]);
  });

  it('measures about 111 km per degree of latitude and 91 km per degree of longitude here', () => {
    expect(lonLatToXY(115.5, 36.2).y).toBeCloseTo(110540, 0);
    expect(lonLatToXY(116.5, 35.2).x / 1000).toBeCloseTo(91.0, 0);
  });

  it('rounds to 7 decimals without negative zero', () => {
    expect(round7(1.23456789)).toBe(1.2345679);
    expect(Object.is(round7(-1e-9), 0)).toBe(true);
  });
});
