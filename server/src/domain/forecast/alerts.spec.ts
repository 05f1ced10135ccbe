import { expect, it } from 'vitest';
import { forecastAlerts, forecastCertainty, predictedHotSpots, type ScreenGridForecast } from './alerts.js';

const grid = (over: Partial<ScreenGridForecast>): ScreenGridForecast => ({
  gridCode: '371702005001001',
  expected: 1,
  lower80: 0,
  upper80: 2,
  lower95: 0,
  upper95: 3,
  areaSquareMeters: 1e6,
  ...over,
});

it('flags the grids whose 95 % upper bound reaches the threshold, highest first', () => {
  const grids = [
    grid({ gridCode: 'a', upper95: 2 }),
    grid({ gridCode: 'b', upper95: 3 }),
    grid({ gridCode: 'c', upper95: 7 }),
  ];
  expect(forecastAlerts(grids).map((g) => g.gridCode)).toEqual(['c', 'b']);
  expect(forecastAlerts(grids, 8)).toEqual([]);
});

it('ranks predicted hot spots by expected cases per km², leaving out grids that expect none', () => {
  const grids = [
    grid({ gridCode: 'big', expected: 4, areaSquareMeters: 4e6 }),
    grid({ gridCode: 'small', expected: 2, areaSquareMeters: 0.5e6 }),
    grid({ gridCode: 'none', expected: 0, areaSquareMeters: 1e3 }),
  ];
  expect(predictedHotSpots(grids, 5).map((g) => g.gridCode)).toEqual(['small', 'big']);
  expect(predictedHotSpots(grids, 1).map((g) => g.gridCode)).toEqual(['small']);
});

it('calls an interval tight when the expectation is near its 80 % upper bound, and none at all sure of an empty one', () => {
  expect(forecastCertainty({ expected: 18, upper80: 20 })).toBeCloseTo(0.9);
  expect(forecastCertainty({ expected: 0.2, upper80: 1 })).toBeCloseTo(0.2);
  expect(forecastCertainty({ expected: 0, upper80: 0 })).toBe(0);
});
