import { expect, it } from 'vitest';
import { weeklySeries } from './history.js';
import { unitSums } from './use-screen-forecast.js';

it('lays weekly buckets on the last weeks before the origin, oldest first, a week without a case as 0', () => {
  // A Monday origin: the week before it (from 22 June) is the last one.
  const to = new Date('2026-06-29T00:00:00+08:00');
  const buckets = [
    { key: '2026-06-08', count: 2 },
    { key: '2026-06-22', count: 5 },
    { key: '2026-06-29', count: 9 },
  ];
  expect(weeklySeries(buckets, to, 3)).toEqual([2, 0, 5]);
  expect(weeklySeries(buckets, new Date('2026-07-01T00:00:00+08:00'), 2)).toEqual([5, 9]);
});

it('sums grid forecasts by county, township and village for maps of units', () => {
  const g = (gridCode: string, expected: number) => ({
    gridCode,
    expected,
    lower80: 0,
    upper80: 2,
    lower95: 0,
    upper95: 3,
    areaSquareMeters: 1,
  });
  const sums = unitSums([g('371702005001001', 1), g('371702005002001', 0.5), g('371702006001001', 2)]);
  expect(sums.get('371702005000')).toEqual({ expected: 1.5, upper80: 4, upper95: 6 });
  expect(sums.get('371702006000')).toEqual({ expected: 2, upper80: 2, upper95: 3 });
  expect(sums.get('371702000000')).toEqual({ expected: 3.5, upper80: 6, upper95: 9 });
  expect(sums.get('371702005001')).toEqual({ expected: 1, upper80: 2, upper95: 3 });
});
