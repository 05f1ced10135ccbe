import { describe, expect, it } from 'vitest';
import { childLevel, isChildOf, levelOf, parentOf, pathFrom, searchOf, stateFromSearch } from './drill.js';

const CITY = '371700000000';
const COUNTY = '371702000000';
const TOWNSHIP = '371702005000';
const VILLAGE = '371702005001';
const GRID = '371702005001002';

describe('drilling down and back up', () => {
  it('reads the level and the parent from the code', () => {
    expect([CITY, COUNTY, TOWNSHIP, VILLAGE, GRID].map(levelOf)).toEqual([
      'city',
      'county',
      'township',
      'village',
      'grid',
    ]);
    expect([GRID, VILLAGE, TOWNSHIP, COUNTY, CITY].map(parentOf)).toEqual([VILLAGE, TOWNSHIP, COUNTY, CITY, null]);
    expect(childLevel('village')).toBe('grid');
    expect(childLevel('grid')).toBeNull();
  });

  it('builds the breadcrumb from the jurisdiction down to the unit', () => {
    expect(pathFrom(CITY, GRID)).toEqual([CITY, COUNTY, TOWNSHIP, VILLAGE, GRID]);
    expect(pathFrom(TOWNSHIP, VILLAGE)).toEqual([TOWNSHIP, VILLAGE]);
    expect(pathFrom(CITY, CITY)).toEqual([CITY]);
  });

  it('never leads above the jurisdiction', () => {
    expect(pathFrom(TOWNSHIP, '371703001001')).toEqual([TOWNSHIP]);
    expect(pathFrom(VILLAGE, COUNTY)).toEqual([VILLAGE]);
  });

  it('drills only into direct children', () => {
    expect(isChildOf(VILLAGE, TOWNSHIP)).toBe(true);
    expect(isChildOf(GRID, TOWNSHIP)).toBe(false);
    expect(isChildOf(COUNTY, CITY)).toBe(true);
  });
});

describe('the review state in the URL', () => {
  it('round-trips unit, period kind, period and comparison', () => {
    const state = { unit: VILLAGE, kind: 'week' as const, period: '2026-05-11', compare: '2026-05-04' };
    expect(stateFromSearch(searchOf(state))).toEqual(state);
  });

  it('keeps the language, drops a token and ignores what it cannot read', () => {
    expect(searchOf({ unit: null, kind: 'month', period: null, compare: null }, '?lang=en&token=x')).toBe(
      '?lang=en&kind=month',
    );
    expect(stateFromSearch('?unit=12ab&kind=year&period=May&compare=2026-5-1')).toEqual({
      unit: null,
      kind: 'month',
      period: null,
      compare: null,
    });
  });
});
