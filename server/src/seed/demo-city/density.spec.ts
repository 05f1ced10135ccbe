import { describe, expect, it } from 'vitest';
import { buildCityOutline } from './city-outline.js';
import { buildDensityModel, resamplePolyline, sampleSites } from './density.js';
import { createRng } from './prng.js';

describe('density model', () => {
  const outline = buildCityOutline({
    seats: [{ x: 0, y: 0 }],
    targetAreaSquareMeters: 400e6,
    seatMarginMeters: 2000,
    rng: createRng(1),
  });
  const road = [
    { x: -8000, y: 0 },
    { x: 8000, y: 0 },
  ];
  const model = buildDensityModel([{ x: 0, y: 5000, peakPerKm2: 6000, sigmaMeters: 1000 }], [road], {
    basePerKm2: 500,
    roadBoostPerKm2: 200,
    roadSigmaMeters: 500,
  });

  it('adds bumps and the road boost to the baseline', () => {
    expect(model.densityPerKm2(0, 5000)).toBeCloseTo(6500, -1);
    // The road term lives on a 400 m raster: within a few % of the boost on the road.
    expect(Math.abs(model.densityPerKm2(3000, 0) - 700)).toBeLessThan(20);
    expect(model.densityPerKm2(3000, -7000)).toBeCloseTo(500, 0);
  });

  it('samples the requested atoms inside the outline, denser under the bump', () => {
    const { sites, keptCount } = sampleSites(model, outline, 4000, 1000, createRng(2));
    expect(keptCount).toBe(4000);
    let nearBump = 0;
    let farField = 0;
    for (let i = 0; i < keptCount; i++) {
      const x = sites[2 * i]!;
      const y = sites[2 * i + 1]!;
      expect(outline.contains(x, y)).toBe(true);
      if (Math.hypot(x, y - 5000) < 1000) nearBump++;
      if (Math.hypot(x - 3000, y + 7000) < 1000) farField++;
    }
    expect(nearBump).toBeGreaterThan(4 * farField);
    for (let i = keptCount; i < sites.length / 2; i++)
      expect(outline.contains(sites[2 * i]!, sites[2 * i + 1]!)).toBe(false);
  });

  it('resamples a polyline at the given step, keeping both ends', () => {
    const points = resamplePolyline(road, 1000);
    expect(points).toHaveLength(17);
    expect(points[0]).toEqual(road[0]);
    expect(points[16]).toEqual(road[1]);
  });
});
