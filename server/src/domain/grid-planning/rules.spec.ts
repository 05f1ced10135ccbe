import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGridCodes, apportionByArea, householdsMoved } from './allocation.js';
import { classifyChange, normalisePolygon, parseProposal, ringSignedArea, type Position } from './proposal.js';
import {
  DEFAULT_PLANNING_SETTINGS,
  hasErrors,
  judgePartition,
  parsePlanningSettings,
  polsbyPopper,
  validityProblem,
  type GridMeasure,
} from './rules.js';

const fine: GridMeasure = {
  areaSquareMeters: 100_000,
  perimeterMeters: 1_300,
  outsideSquareMeters: 0,
  outsideLocation: null,
  households: 300,
};
const square: Position[] = [
  [115, 35],
  [115.01, 35],
  [115.01, 35.01],
  [115, 35.01],
  [115, 35],
];

describe('planning rules', () => {
  it('finds nothing wrong with a well-shaped partition inside the range', () => {
    const issues = judgePartition(
      { grids: [fine, fine], overlaps: [], gapSquareMeters: 0.2, gapLocation: null },
      DEFAULT_PLANNING_SETTINGS,
    );
    expect(issues).toEqual([]);
  });

  it('reports a gap above 0.5 m² as an error with its location, and tolerates less', () => {
    const measure = { grids: [fine], overlaps: [], gapSquareMeters: 0.6, gapLocation: [115, 35] as [number, number] };
    const issues = judgePartition(measure, DEFAULT_PLANNING_SETTINGS);
    expect(issues).toMatchObject([{ code: 'GAP', severity: 'error', location: [115, 35] }]);
    expect(judgePartition({ ...measure, gapSquareMeters: 0.5 }, DEFAULT_PLANNING_SETTINGS)).toEqual([]);
  });

  it('puts errors before warnings and names the grids of an overlap', () => {
    const issues = judgePartition(
      {
        grids: [{ ...fine, households: 900 }, fine],
        overlaps: [{ a: 0, b: 1, areaSquareMeters: 12, location: [1, 2] }],
        gapSquareMeters: 0,
        gapLocation: null,
      },
      DEFAULT_PLANNING_SETTINGS,
    );
    expect(issues.map((i) => i.code)).toEqual(['OVERLAP', 'HOUSEHOLDS_OUT_OF_RANGE']);
    expect(issues[0]).toMatchObject({ gridIndex: 0, otherGridIndex: 1 });
    expect(hasErrors(issues)).toBe(true);
    expect(hasErrors(issues.slice(1))).toBe(false);
  });

  it('gives each issue its facts with the grids numbered as people count them', () => {
    const issues = judgePartition(
      {
        grids: [fine, { ...fine, households: 511 }],
        overlaps: [{ a: 0, b: 1, areaSquareMeters: 12.345, location: [1, 2] }],
        gapSquareMeters: 0,
        gapLocation: null,
      },
      DEFAULT_PLANNING_SETTINGS,
    );
    expect(issues.map((i) => [i.code, i.gridIndex, i.params, i.message])).toEqual([
      ['OVERLAP', 0, { grid: 1, otherGrid: 2, squareMeters: 12 }, 'grids 1 and 2 overlap by 12 m²'],
      [
        'HOUSEHOLDS_OUT_OF_RANGE',
        1,
        { grid: 2, households: 511, min: 200, max: 500 },
        'grid 2 has 511 households, outside 200–500',
      ],
    ]);
  });

  it('names the cause of an invalid geometry from what PostGIS says, or invalid when it knows none', () => {
    expect(validityProblem('Self-intersection[115.1 35.2]')).toBe('self_intersection');
    expect(validityProblem('Ring Self-intersection[1 2]')).toBe('self_intersection');
    expect(validityProblem('Too few points in geometry component[1 2]')).toBe('collapsed_ring');
    expect(validityProblem('Hole lies outside shell[1 2]')).toBe('bad_hole');
    expect(validityProblem('something new')).toBe('invalid');
    expect(validityProblem(null)).toBe('invalid');
  });

  it('flags a sliver as too small and not compact', () => {
    const sliver = { ...fine, areaSquareMeters: 500, perimeterMeters: 1_001 };
    const codes = judgePartition(
      { grids: [sliver], overlaps: [], gapSquareMeters: 0, gapLocation: null },
      DEFAULT_PLANNING_SETTINGS,
    ).map((i) => i.code);
    expect(codes).toEqual(['TOO_SMALL', 'LOW_COMPACTNESS']);
  });

  it('computes Polsby–Popper as 1 for a circle and about π/4 for a square', () => {
    expect(polsbyPopper(Math.PI, 2 * Math.PI)).toBeCloseTo(1, 10);
    expect(polsbyPopper(1, 4)).toBeCloseTo(Math.PI / 4, 10);
    expect(polsbyPopper(0, 0)).toBe(0);
  });

  it('reads stored settings over the defaults and ignores nonsense', () => {
    expect(parsePlanningSettings('{"householdsMin":150,"householdsMax":"x"}')).toMatchObject({
      householdsMin: 150,
      householdsMax: 500,
    });
    expect(parsePlanningSettings('{"householdsMin":900}')).toMatchObject({ householdsMin: 200, householdsMax: 500 });
    expect(parsePlanningSettings('not json')).toEqual(DEFAULT_PLANNING_SETTINGS);
  });
});

describe('proposal shape', () => {
  it('drops repeated vertices and rewinds a clockwise outer ring', () => {
    const clockwise = [...square].reverse();
    const withRepeat: Position[] = [clockwise[0]!, clockwise[1]!, clockwise[1]!, ...clockwise.slice(2)];
    const polygon = normalisePolygon([withRepeat]);
    expect(polygon.coordinates[0]).toHaveLength(5);
    expect(ringSignedArea(polygon.coordinates[0]!)).toBeGreaterThan(0);
  });

  it('refuses a multipolygon of two parts, a malformed ring and a duplicated code, naming each grid', () => {
    const { planned, issues } = parseProposal([
      { code: '371702005001001', geometry: { type: 'MultiPolygon', coordinates: [[square], [square]] } },
      { code: null, geometry: { type: 'Polygon', coordinates: [[[115, 35]]] } },
      { code: '371702005001002', geometry: { type: 'Polygon', coordinates: [square] } },
      { code: '371702005001002', geometry: { type: 'Polygon', coordinates: [square] } },
    ]);
    expect(issues.map((i) => [i.code, i.gridIndex])).toEqual([
      ['MULTIPART', 0],
      ['MALFORMED_GEOMETRY', 1],
      ['DUPLICATE_CODE', 3],
    ]);
    expect(planned.map((p) => p.index)).toEqual([2, 3]);
  });

  it('refuses a name holding a bidirectional override or a control character, naming the grid', () => {
    const { issues } = parseProposal([
      { name: '东安\u202E一网格', geometry: { type: 'Polygon', coordinates: [square] } },
      { name: '东安二网格', geometry: { type: 'Polygon', coordinates: [square] } },
      { name: '东安\u0007三网格', geometry: { type: 'Polygon', coordinates: [square] } },
    ]);
    expect(issues.map((i) => [i.code, i.gridIndex, i.message])).toEqual([
      [
        'BAD_ATTRIBUTE',
        0,
        'grid 1: the name contains the bidirectional override U+202E (RIGHT-TO-LEFT OVERRIDE) at position 3; remove it',
      ],
      ['BAD_ATTRIBUTE', 2, 'grid 3: the name contains the control character U+0007 at position 3'],
    ]);
  });

  it('refuses a ring that collapses once repeated vertices are dropped', () => {
    const { issues } = parseProposal([
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [115, 35],
              [115, 35],
              [115.1, 35],
              [115, 35],
            ],
          ],
        },
      },
    ]);
    expect(issues[0]).toMatchObject({ code: 'INVALID_GEOMETRY', gridIndex: 0 });
  });

  it('classifies a change by the codes it adds and retires', () => {
    expect(classifyChange(0, 0)).toBe('reshape');
    expect(classifyChange(1, 0)).toBe('split');
    expect(classifyChange(0, 2)).toBe('merge');
    expect(classifyChange(1, 1)).toBe('mixed');
  });
});

describe('allocation', () => {
  it('gives new grids the serials after the highest ever used, never a retired one', () => {
    const used = ['371702005001001', '371702005001002', '371702005001007'];
    expect(allocateGridCodes('371702005001', used, 2)).toEqual({
      ok: true,
      value: ['371702005001008', '371702005001009'],
    });
  });

  it('falls back to never-used low serials after 999 and fails when none are left', () => {
    const used = ['371702005001999', '371702005001001'];
    expect(allocateGridCodes('371702005001', used, 1)).toEqual({ ok: true, value: ['371702005001002'] });
    const all = Array.from({ length: 999 }, (_, i) => `371702005001${String(i + 1).padStart(3, '0')}`);
    expect(allocateGridCodes('371702005001', all, 1).ok).toBe(false);
  });

  it('keeps every old grid total exactly when apportioning by area', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 4 }),
            fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
        (pairs, totals) => {
          const oldCounts = new Map(totals.map((n, i) => [`g${i}`, n]));
          const overlaps = pairs.map(([o, n, a]) => ({ oldCode: `g${o}`, newIndex: n, areaSquareMeters: a }));
          const shares = apportionByArea(oldCounts, overlaps, 5);
          const covered = new Set(overlaps.map((o) => o.oldCode));
          const expected = [...oldCounts].filter(([c]) => covered.has(c)).reduce((s, [, n]) => s + n, 0);
          expect(shares.reduce((s, n) => s + n, 0)).toBe(expected);
          expect(shares.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        },
      ),
    );
  });

  it('counts households moved as those landing under another code', () => {
    const oldCounts = new Map([
      ['A', 300],
      ['B', 200],
    ]);
    const overlaps = [
      { oldCode: 'A', newIndex: 0, areaSquareMeters: 2 },
      { oldCode: 'A', newIndex: 1, areaSquareMeters: 1 },
      { oldCode: 'B', newIndex: 1, areaSquareMeters: 5 },
    ];
    expect(householdsMoved(oldCounts, overlaps, ['A', 'B'])).toBe(100);
    expect(apportionByArea(oldCounts, overlaps, 2)).toEqual([200, 300]);
  });
});
