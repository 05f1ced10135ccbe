import { describe, expect, it } from 'vitest';
import { averageBeforeLast, fillDays, foldRest, inVocabularyOrder, rankByRate } from './series.js';

describe('fillDays', () => {
  it('fills days without cases with zeros, across a month end', () => {
    const days = fillDays([{ key: '2026-07-01', count: 3, open: 1 }], '2026-06-29', 4);
    expect(days).toEqual([
      { day: '2026-06-29', count: 0, open: 0 },
      { day: '2026-06-30', count: 0, open: 0 },
      { day: '2026-07-01', count: 3, open: 1 },
      { day: '2026-07-02', count: 0, open: 0 },
    ]);
  });
});

describe('rankByRate', () => {
  const units = [
    { code: 'a', name: 'A', population: 10_000 },
    { code: 'b', name: 'B', population: 1_000 },
    { code: 'c', name: 'C', population: 0 },
    { code: 'd', name: 'D', population: 5_000 },
  ];

  it('ranks by cases per 10,000 residents, not by raw counts', () => {
    const ranked = rankByRate(
      [
        { key: 'a', count: 50 },
        { key: 'b', count: 10 },
        { key: 'c', count: 99 },
      ],
      units,
    );
    expect(ranked.map((r) => [r.code, r.rate])).toEqual([
      ['b', 100],
      ['a', 50],
    ]);
  });

  it('keeps only the top N', () => {
    const ranked = rankByRate(
      [
        { key: 'a', count: 1 },
        { key: 'b', count: 1 },
        { key: 'd', count: 1 },
      ],
      units,
      2,
    );
    expect(ranked.map((r) => r.code)).toEqual(['b', 'd']);
  });
});

describe('inVocabularyOrder', () => {
  it('lists every value in order, zeros included', () => {
    expect(inVocabularyOrder([{ key: 'land', count: 2 }], ['family', 'land'])).toEqual([
      { key: 'family', count: 0 },
      { key: 'land', count: 2 },
    ]);
  });
});

describe('averageBeforeLast', () => {
  it('averages the days before today', () => {
    const days = fillDays(
      [
        { key: '2026-06-28', count: 2 },
        { key: '2026-06-29', count: 4 },
        { key: '2026-06-30', count: 40 },
      ],
      '2026-06-28',
      3,
    );
    expect(averageBeforeLast(days)).toBe(3);
    expect(averageBeforeLast([])).toBe(0);
  });
});

describe('foldRest', () => {
  const rows = [5, 4, 3, 2, 1].map((count, i) => ({ key: `k${i}`, count }));

  it('keeps every row that fits', () => {
    expect(foldRest(rows, 5)).toEqual(rows);
    expect(foldRest(rows, 9)).toEqual(rows);
  });

  it('folds the rows that do not fit into a last one that counts them', () => {
    expect(foldRest(rows, 3)).toEqual([rows[0], rows[1], { key: 'rest', count: 6, rest: 3 }]);
  });

  it('cuts without folding when there is room for one row or none', () => {
    expect(foldRest(rows, 1)).toEqual([rows[0]]);
    expect(foldRest(rows, 0)).toEqual([]);
  });
});
