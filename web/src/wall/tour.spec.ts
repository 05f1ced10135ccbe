import { describe, expect, it } from 'vitest';
import { homeBbox, planTour, type UnitPlace } from './tour.js';

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

describe('homeBbox', () => {
  it("is the focus unit's box, or nothing while places are unknown", () => {
    const places = new Map([['a', place('a', [1, 1, 2, 2])]]);
    expect(homeBbox(places, 'a')).toEqual([1, 1, 2, 2]);
    expect(homeBbox(places, 'zzz')).toBeNull();
    expect(homeBbox(new Map(), null)).toBeNull();
  });
});
