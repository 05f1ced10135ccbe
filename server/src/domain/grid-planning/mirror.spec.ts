import * as turf from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedOverlayCount, checkPartitionPlanar, type MirrorGrid } from './mirror.js';
import { normalisePolygon, type Position } from './proposal.js';
import { DEFAULT_PLANNING_SETTINGS } from './rules.js';

const box = (x0: number, y0: number, x1: number, y1: number): Position[][] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const village = { type: 'Polygon' as const, coordinates: box(115, 35, 115.02, 35.02) };
const grid = (coordinates: Position[][]): MirrorGrid => ({ coordinates, households: 300 });
const quarters = [
  grid(box(115, 35, 115.01, 35.01)),
  grid(box(115.01, 35, 115.02, 35.01)),
  grid(box(115, 35.01, 115.01, 35.02)),
  grid(box(115.01, 35.01, 115.02, 35.02)),
];

describe('the turf mirror of the planning rules', () => {
  it('accepts four quarters that tile the village', () => {
    const result = checkPartitionPlanar(village, quarters, DEFAULT_PLANNING_SETTINGS);
    expect(result.issues).toEqual([]);
    // At 35°N a 0.01° box is 0.82 times as wide as tall, a little less compact than a square.
    expect(result.grids[0]!.compactness).toBeGreaterThan(0.75);
  });

  it('reports the gap left by a missing quarter, with a point inside it', () => {
    const { issues } = checkPartitionPlanar(village, quarters.slice(0, 3), DEFAULT_PLANNING_SETTINGS);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'GAP', severity: 'error' });
    const [x, y] = issues[0]!.location!;
    expect(x).toBeGreaterThan(115.01);
    expect(y).toBeGreaterThan(35.01);
  });

  it('reports an overlap naming both grids, and a grid reaching outside the village', () => {
    const moved = [
      grid(box(115, 35, 115.011, 35.01)),
      ...quarters.slice(1, 3),
      grid(box(115.01, 35.01, 115.021, 35.02)),
    ];
    const codes = checkPartitionPlanar(village, moved, DEFAULT_PLANNING_SETTINGS).issues.map((i) => [
      i.code,
      i.gridIndex,
    ]);
    expect(codes).toEqual([
      ['OVERLAP', 0],
      ['OUTSIDE_VILLAGE', 3],
    ]);
  });

  it('reports a self-crossing boundary before measuring anything', () => {
    const bowTie = grid([
      [
        [115, 35],
        [115.01, 35.01],
        [115.01, 35],
        [115, 35.01],
        [115, 35],
      ],
    ]);
    const { issues, grids } = checkPartitionPlanar(village, [bowTie, ...quarters.slice(1)], DEFAULT_PLANNING_SETTINGS);
    expect(issues[0]).toMatchObject({ code: 'INVALID_GEOMETRY', gridIndex: 0 });
    expect(issues[0]!.location![0]).toBeCloseTo(115.005, 6);
    expect(grids.every((g) => g === null)).toBe(true);
  });
});

/** The mirror before its fast paths and caches: every overlay done by turf, every time. */
function referenceCodes(villageGeometry: typeof village, gs: readonly MirrorGrid[]) {
  const v = turf.feature(villageGeometry);
  const ps = gs.map((g) => turf.polygon(normalisePolygon(g.coordinates).coordinates));
  const out: [string, number | null][] = [];
  ps.forEach((p, i) => {
    const o = turf.difference(turf.featureCollection([p, v]));
    if (o && turf.area(o) > 0.5) out.push(['OUTSIDE_VILLAGE', i]);
  });
  for (let a = 0; a < ps.length; a++)
    for (let b = a + 1; b < ps.length; b++) {
      const x = turf.intersect(turf.featureCollection([ps[a]!, ps[b]!]));
      if (x && turf.area(x) > 0.5) out.push(['OVERLAP', a]);
    }
  const gap = turf.difference(turf.featureCollection([v, ...ps]));
  if (gap && turf.area(gap) > 0.5) out.push(['GAP', null]);
  return out.sort();
}

describe('the fast paths and caches of the mirror', () => {
  const errorCodes = (gs: MirrorGrid[]) =>
    checkPartitionPlanar(village, gs, DEFAULT_PLANNING_SETTINGS)
      .issues.filter((i) => i.severity === 'error')
      .map((i): [string, number | null] => [i.code, i.gridIndex])
      .sort();

  it('say what turf alone says for random moves of the middle vertex, in one grid or in all four', () => {
    // The four quarters meet at (115.01, 35.01); each ring gets that corner as an explicit vertex.
    const withCentre = (dx: number, dy: number, only: number | null): MirrorGrid[] => {
      const c: Position = [115.01 + dx, 35.01 + dy];
      const centre = (i: number) => (only === null || only === i ? c : ([115.01, 35.01] as Position));
      return [
        grid([[[115, 35], [115.01, 35], centre(0), [115, 35.01], [115, 35]]]),
        grid([[[115.01, 35], [115.02, 35], [115.02, 35.01], centre(1), [115.01, 35]]]),
        grid([[[115, 35.01], centre(2), [115.01, 35.02], [115, 35.02], [115, 35.01]]]),
        grid([[centre(3), [115.02, 35.01], [115.02, 35.02], [115.01, 35.02], centre(3)]]),
      ];
    };
    fc.assert(
      fc.property(
        fc.double({ min: -2e-5, max: 2e-5, noNaN: true }),
        fc.double({ min: -2e-5, max: 2e-5, noNaN: true }),
        fc.constantFrom(null, 0, 1, 2, 3),
        (dx, dy, only) => {
          const gs = withCentre(dx, dy, only);
          expect(errorCodes(gs)).toEqual(referenceCodes(village, gs));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('measures a gap again when a grid changes back and forth (no stale cache)', () => {
    expect(errorCodes(quarters)).toEqual([]);
    const shrunk = [grid(box(115, 35, 115.0099, 35.01)), ...quarters.slice(1)];
    expect(errorCodes(shrunk)).toEqual([['GAP', null]]);
    expect(errorCodes(quarters)).toEqual([]);
    expect(cachedOverlayCount()).toBeGreaterThan(0);
  });

  it('accepts a neighbour whose edge has an extra vertex where another grid meets it (a T-junction)', () => {
    const west = grid([
      [
        [115, 35],
        [115.01, 35],
        [115.01, 35.01],
        [115.01, 35.02],
        [115, 35.02],
        [115, 35],
      ],
    ]);
    const east = [grid(box(115.01, 35, 115.02, 35.01)), grid(box(115.01, 35.01, 115.02, 35.02))];
    expect(errorCodes([west, ...east])).toEqual([]);
    const westPlain = grid(box(115, 35, 115.01, 35.02));
    expect(errorCodes([westPlain, ...east])).toEqual([]);
  });

  it('measures the gaps cut out at open seams as the whole village cut by turf does, pointing into the largest', () => {
    // Two corners pulled in, far apart: two gaps in two boxes of open seams.
    const pulled = [
      grid([
        [
          [115, 35],
          [115.01, 35],
          [115.01, 35.01],
          [115.0003, 35.01],
          [115, 35],
        ],
      ]),
      quarters[1]!,
      quarters[2]!,
      grid([
        [
          [115.01, 35.01],
          [115.02, 35.01],
          [115.02, 35.02],
          [115.0101, 35.0195],
          [115.01, 35.01],
        ],
      ]),
    ];
    const gap = checkPartitionPlanar(village, pulled, DEFAULT_PLANNING_SETTINGS).issues.find((i) => i.code === 'GAP')!;
    const whole = turf.difference(
      turf.featureCollection([
        turf.feature(village),
        ...pulled.map((g) => turf.polygon(normalisePolygon(g.coordinates).coordinates)),
      ]),
    )!;
    expect(gap.value).toBeCloseTo(turf.area(whole), 3);
    // The larger gap is the sliver along the north-east quarter's north-west side.
    const [x, y] = gap.location!;
    expect(x).toBeGreaterThan(115.01);
    expect(y).toBeGreaterThan(35.01);
  });

  it('measures the same gap as the whole village cut for random moves of a lone vertex', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5e-4, max: 5e-4, noNaN: true }),
        fc.double({ min: -5e-4, max: 5e-4, noNaN: true }),
        fc.constantFrom(0, 1, 2, 3),
        (dx, dy, which) => {
          // The middle of one quarter's inner side, as an extra vertex moved alone.
          const moved = quarters.map((q, i) => {
            if (i !== which) return q;
            const ring = q.coordinates[0]!;
            const k = ring.findIndex((p) => p[0] === 115.01 && p[1] === 35.01);
            const next = ring[k + 1] ?? ring[1]!;
            const middle: Position = [(115.01 + next[0]) / 2 + dx, (35.01 + next[1]) / 2 + dy];
            return grid([[...ring.slice(0, k + 1), middle, ...ring.slice(k + 1)]]);
          });
          const gap = checkPartitionPlanar(village, moved, DEFAULT_PLANNING_SETTINGS).issues.find(
            (i) => i.code === 'GAP',
          );
          const whole = turf.difference(
            turf.featureCollection([
              turf.feature(village),
              ...moved.map((g) => turf.polygon(normalisePolygon(g.coordinates).coordinates)),
            ]),
          );
          const expected = whole ? turf.area(whole) : 0;
          if (expected > 0.6) expect(gap?.value).toBeCloseTo(expected, 2);
          if (expected < 0.4) expect(gap).toBeUndefined();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds a grid drawn twice although neither boundary runs inside the other', () => {
    expect(errorCodes([...quarters, quarters[0]!])).toEqual([['OVERLAP', 0]]);
  });
});
