import { describe, expect, it } from 'vitest';
import { levelAndParent, scorePeriod } from './period-scores.js';
import { emptyCounts, type RawCounts } from './score.js';
import { CURRENT_WEIGHTS } from './weights.js';

const counts = (over: Partial<RawCounts>): RawCounts => ({ ...emptyCounts(), ...over });

describe('scores of a period for every level', () => {
  it('names the level and parent of grid and unit codes', () => {
    expect(levelAndParent('371702005001002')).toEqual({ level: 'grid', parentCode: '371702005001' });
    expect(levelAndParent('371702005001')).toEqual({ level: 'village', parentCode: '371702005000' });
    expect(levelAndParent('371702005000')).toEqual({ level: 'township', parentCode: '371702000000' });
    expect(levelAndParent('371702000000')).toEqual({ level: 'county', parentCode: '371700000000' });
    expect(levelAndParent('371700000000')).toEqual({ level: 'city', parentCode: null });
  });

  const grids = new Map([
    ['371702005001001', counts({ population: 2000, cases: 1 })],
    ['371702005001002', counts({ population: 2000, cases: 8 })],
    ['371702005002001', counts({ population: 4000, cases: 2 })],
    ['371702005002002', counts({ population: 0 })],
  ]);
  const scores = scorePeriod(grids, 30, CURRENT_WEIGHTS);
  const byCode = new Map(scores.map((s) => [s.unitCode, s]));

  it('scores every grid with something to score and every unit above', () => {
    expect(scores.map((s) => s.unitCode)).toEqual([
      '371700000000',
      '371702000000',
      '371702005000',
      '371702005001',
      '371702005001001',
      '371702005001002',
      '371702005002',
      '371702005002001',
    ]);
  });

  it('ranks siblings by score, most stable first', () => {
    expect(byCode.get('371702005001001')).toMatchObject({ rank: 1, rankOf: 2 });
    expect(byCode.get('371702005001002')).toMatchObject({ rank: 2, rankOf: 2 });
    expect(byCode.get('371702005002')).toMatchObject({ rank: 1, rankOf: 2 });
    expect(byCode.get('371700000000')).toMatchObject({ rank: 1, rankOf: 1, level: 'city' });
  });

  it('computes a unit from its summed counts, not the mean of its grids', () => {
    const village = byCode.get('371702005001')!;
    // 9 cases over 4,000 residents in 30 days = 22.5 per 10,000.
    expect(village.indicators.find((i) => i.key === 'case_rate')!.rawValue).toBeCloseTo(22.5, 10);
    expect(village.population).toBe(4000);
  });
});
