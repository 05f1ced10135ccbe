import { describe, expect, it } from 'vitest';
import { dataExtent, framedHome, planTour, type UnitPlace } from './tour.js';

const place = (code: string, bbox: [number, number, number, number]): UnitPlace => ({
  code,
  name: code,
  level: 'township',
  parent: null,
  label: [bbox[0], bbox[1]],
  bbox,
});

describe('planTour', () => {
  const places = new Map(
    [place('a', [1, 1, 2, 2]), place('b', [3, 3, 4, 4]), place('c', [5, 5, 6, 6]), place('d', [7, 7, 8, 8])].map(
      (p) => [p.code, p],
    ),
  );
  const home = [0, 0, 10, 10] as const;

  it('visits the three top-ranked units in order, then goes home', () => {
    expect(planTour([{ code: 'c' }, { code: 'a' }, { code: 'd' }, { code: 'b' }], places, home)).toEqual([
      { code: 'c', bbox: [5, 5, 6, 6] },
      { code: 'a', bbox: [1, 1, 2, 2] },
      { code: 'd', bbox: [7, 7, 8, 8] },
      { code: null, bbox: home },
    ]);
  });

  it('skips units it has no place for, and stays home with nothing to visit', () => {
    expect(planTour([{ code: 'x' }, { code: 'b' }], places, home)).toEqual([
      { code: 'b', bbox: [3, 3, 4, 4] },
      { code: null, bbox: home },
    ]);
    expect(planTour([], places, home)).toEqual([]);
  });
});

describe('dataExtent', () => {
  const child = (code: string, parent: string, bbox: [number, number, number, number]) => ({
    ...place(code, bbox),
    parent,
  });

  it('is the union of the top units, whatever their children reach', () => {
    const city = place('city', [115, 34.5, 116.5, 35.9]);
    const county = child('county', 'city', [115.2, 34.6, 115.8, 35.2]);
    // A child's box reaching past its parent's (a simplified outline) does not widen the extent.
    const stray = child('stray', 'county', [114, 34, 115.5, 35]);
    expect(dataExtent([county, city, stray])).toEqual([115, 34.5, 116.5, 35.9]);
  });

  it('covers several top units, and units whose parent is not loaded count as top units', () => {
    expect(dataExtent([place('a', [1, 2, 3, 4]), child('b', 'not-loaded', [0, 3, 2, 6])])).toEqual([0, 2, 3, 6]);
  });

  it('is null without places', () => {
    expect(dataExtent([])).toBeNull();
  });
});

describe('framedHome', () => {
  const at = (code: string, level: string, bbox: [number, number, number, number]): UnitPlace => ({
    code,
    name: code,
    level,
    parent: null,
    label: [bbox[0], bbox[1]],
    bbox,
  });
  const city = at('371700000000', 'city', [0, 0, 100, 100]);
  const townships = [0, 1, 2, 3, 4, 5].map((i) =>
    at(`37170200${i}000`, 'township', [i * 10, i * 10, i * 10 + 5, i * 10 + 5]),
  );
  const places = new Map([city, ...townships].map((p) => [p.code, p]));
  const cases = (...counts: number[]) => counts.map((count, i) => ({ key: townships[i]!.code, count }));

  it('frames a city to the townships that have cases when they are few', () => {
    expect(framedHome(places, city.code, cases(0, 3, 2, 0, 0, 0))).toEqual({
      bbox: [10, 10, 25, 25],
      framedTo: [townships[1]!.code, townships[2]!.code],
    });
  });

  it('keeps the whole city when cases are in half its townships or more, or in none', () => {
    expect(framedHome(places, city.code, cases(1, 1, 1, 0, 0, 0))).toEqual({ bbox: city.bbox, framedTo: null });
    expect(framedHome(places, city.code, cases(0, 0, 0, 0, 0, 0))).toEqual({ bbox: city.bbox, framedTo: null });
    expect(framedHome(places, city.code, [])).toEqual({ bbox: city.bbox, framedTo: null });
  });

  it('keeps a township or village focus as it is, and has no home for a unit without a place', () => {
    expect(framedHome(places, townships[2]!.code, cases(0, 0, 5))).toEqual({
      bbox: townships[2]!.bbox,
      framedTo: null,
    });
    expect(framedHome(places, '371799000000', cases(1))).toBeNull();
    expect(framedHome(places, null, cases(1))).toBeNull();
  });
});
