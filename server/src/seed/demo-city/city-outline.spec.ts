import { describe, expect, it } from 'vitest';
import { buildCityOutline, starPolygonArea } from './city-outline.js';
import { createRng } from './prng.js';

const seats = [
  { x: 0, y: 0 },
  { x: 50_000, y: -40_000 },
  { x: -40_000, y: 10_000 },
  { x: 30_000, y: 45_000 },
];

describe('city outline', () => {
  it('hits the target area and keeps every seat at least the margin inside', () => {
    const outline = buildCityOutline({
      seats,
      targetAreaSquareMeters: 12_200e6,
      seatMarginMeters: 8000,
      rng: createRng(7),
    });
    expect(outline.areaSquareMeters / 12_200e6).toBeCloseTo(1, 6);
    for (const seat of seats) expect(outline.radialExcessMeters(seat.x, seat.y)).toBeLessThan(-7000);
    expect(outline.contains(outline.cx, outline.cy)).toBe(true);
    expect(outline.contains(300_000, 0)).toBe(false);
  });

  it('is the same for the same seed and differs for another', () => {
    const make = (seed: number) =>
      buildCityOutline({ seats, targetAreaSquareMeters: 12_200e6, seatMarginMeters: 8000, rng: createRng(seed) });
    expect(Array.from(make(1).radii)).toEqual(Array.from(make(1).radii));
    expect(Array.from(make(1).radii)).not.toEqual(Array.from(make(2).radii));
  });

  it('computes the area of a star polygon', () => {
    const circle = new Float64Array(3600).fill(1000);
    expect(starPolygonArea(circle)).toBeCloseTo(Math.PI * 1e6, -2);
  });
});
