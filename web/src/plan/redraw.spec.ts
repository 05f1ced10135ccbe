import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPartitionPlanar } from '../../../server/src/domain/grid-planning/mirror.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../../server/src/domain/grid-planning/rules.js';
import { changeInput, mirrorGrids, redrawGrid, stateFromBase, type BaseGrid } from './edit-state.js';
import { dropSpikes, redrawPartition, type RedrawOutcome } from './redraw.js';
import type { Position, Ring } from '../geometry/positions.js';

// A village of 0.03° × 0.01° near Heze as three grids in a row: west, middle, east.
const X0 = 115.5;
const Y0 = 35.2;
const box = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [X0 + x0, Y0 + y0],
  [X0 + x1, Y0 + y0],
  [X0 + x1, Y0 + y1],
  [X0 + x0, Y0 + y1],
  [X0 + x0, Y0 + y0],
];
const village = { type: 'Polygon' as const, coordinates: [box(0, 0, 0.03, 0.01)] };
const grids = [[box(0, 0, 0.01, 0.01)], [box(0.01, 0, 0.02, 0.01)], [box(0.02, 0, 0.03, 0.01)]];
const WEST = 0;
const MIDDLE = 1;
const EAST = 2;
const area = (p: Position[][] | null) => (p ? turf.area(turf.polygon(p)) : 0);
const villageArea = turf.area(turf.polygon(village.coordinates));

function ok(outcome: RedrawOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} at ${outcome.gridIndex}`);
  return outcome;
}

/** The geometry errors the mirror finds (gaps, overlaps, outside, invalid, not one polygon). */
function coverageErrors(result: (Position[][] | null)[]) {
  const kept = result.filter((g): g is Position[][] => g !== null);
  const { issues } = checkPartitionPlanar(
    village,
    kept.map((coordinates) => ({ coordinates, households: 300 })),
    DEFAULT_PLANNING_SETTINGS,
  );
  return issues.filter((i) => i.severity === 'error' && i.code !== 'TOO_SMALL').map((i) => i.code);
}

function expectExactCover(result: (Position[][] | null)[]) {
  expect(coverageErrors(result)).toEqual([]);
  const sum = result.reduce((s, g) => s + area(g), 0);
  expect(Math.abs(sum - villageArea)).toBeLessThan(0.5);
  for (const g of result) if (g) expect(g).toHaveLength(1);
}

describe('redrawing a grid with its neighbours giving or taking the area', () => {
  it('takes the area the new outline covers from the neighbour, and the village stays covered exactly', () => {
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.008, 0, 0.02, 0.01)));
    expectExactCover(r.grids);
    const strip = area([box(0.008, 0, 0.01, 0.01)]);
    expect(area(r.grids[WEST]!)).toBeCloseTo(area(grids[WEST]!) - strip, 0);
    expect(area(r.grids[MIDDLE]!)).toBeCloseTo(area(grids[MIDDLE]!) + strip, 0);
    expect(r.grids[EAST]).toEqual(grids[EAST]);
    expect(r.retired).toEqual([]);
    expect(r.keptPieces).toBe(0);
  });

  it('hands the area the grid gave up to the neighbour that borders it', () => {
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.013, 0, 0.02, 0.01)));
    expectExactCover(r.grids);
    const strip = area([box(0.01, 0, 0.013, 0.01)]);
    expect(area(r.grids[WEST]!)).toBeCloseTo(area(grids[WEST]!) + strip, 0);
    expect(area(r.grids[MIDDLE]!)).toBeCloseTo(area(grids[MIDDLE]!) - strip, 0);
    expect(area(r.grids[EAST]!)).toBeCloseTo(area(grids[EAST]!), 3);
  });

  it('splits what it gave up between neighbours, each piece to the one it borders longest', () => {
    // The middle grid shrinks to its north-east corner: the west strip borders the west grid along
    // 0.01°, the south strip borders the east grid only along 0.004°, the west grid along 0.002°.
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.012, 0.004, 0.02, 0.01)));
    expectExactCover(r.grids);
    // The L-shaped leftover is one piece; it borders the west grid (0.01°) longer than the east (0.004°).
    expect(area(r.grids[WEST]!)).toBeCloseTo(
      area(grids[WEST]!) + area(grids[MIDDLE]!) - area([box(0.012, 0.004, 0.02, 0.01)]),
      0,
    );
    expect(area(r.grids[EAST]!)).toBeCloseTo(area(grids[EAST]!), 3);
  });

  it('gives two separate leftover pieces to the two neighbours beside them', () => {
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.012, 0, 0.017, 0.01)));
    expectExactCover(r.grids);
    expect(area(r.grids[WEST]!)).toBeCloseTo(area([box(0, 0, 0.012, 0.01)]), 0);
    expect(area(r.grids[EAST]!)).toBeCloseTo(area([box(0.017, 0, 0.03, 0.01)]), 0);
  });

  it('clips a drawn outline that reaches outside the village', () => {
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.01, -0.005, 0.02, 0.015)));
    expectExactCover(r.grids);
    expect(area(r.grids[MIDDLE]!)).toBeCloseTo(area(grids[MIDDLE]!), 0);
    const [minX, minY, maxX, maxY] = turf.bbox(turf.polygon(r.grids[MIDDLE]!));
    expect([minX, maxX]).toEqual([X0 + 0.01, X0 + 0.02].map((v) => expect.closeTo(v, 9)));
    expect([minY, maxY]).toEqual([Y0, Y0 + 0.01].map((v) => expect.closeTo(v, 9)));
  });

  it('retires a neighbour the new outline covers entirely, its area merged into the redrawn grid', () => {
    const r = ok(redrawPartition(village, grids, MIDDLE, box(0.005, 0, 0.03, 0.01)));
    expectExactCover(r.grids);
    expect(r.retired).toEqual([EAST]);
    expect(r.grids[EAST]).toBeNull();
    expect(area(r.grids[MIDDLE]!)).toBeCloseTo(area([box(0.005, 0, 0.03, 0.01)]), 0);
  });

  it('keeps a given-up piece that no neighbour borders with the redrawn grid, and says so', () => {
    // A notch on the village edge, bordered only by the new outline and the village boundary.
    const notched: Ring = [
      [X0 + 0.01, Y0],
      [X0 + 0.014, Y0],
      [X0 + 0.014, Y0 + 0.002],
      [X0 + 0.016, Y0 + 0.002],
      [X0 + 0.016, Y0],
      [X0 + 0.02, Y0],
      [X0 + 0.02, Y0 + 0.01],
      [X0 + 0.01, Y0 + 0.01],
      [X0 + 0.01, Y0],
    ];
    const r = ok(redrawPartition(village, grids, MIDDLE, notched));
    expectExactCover(r.grids);
    expect(r.keptPieces).toBe(1);
    expect(area(r.grids[MIDDLE]!)).toBeCloseTo(area(grids[MIDDLE]!), 0);
  });

  it('refuses an outline that cuts a neighbour in two, naming the neighbour', () => {
    // The middle grid plus a band right across the west grid.
    const band: Ring = [
      [X0, Y0 + 0.004],
      [X0 + 0.01, Y0 + 0.004],
      [X0 + 0.01, Y0],
      [X0 + 0.02, Y0],
      [X0 + 0.02, Y0 + 0.01],
      [X0 + 0.01, Y0 + 0.01],
      [X0 + 0.01, Y0 + 0.006],
      [X0, Y0 + 0.006],
      [X0, Y0 + 0.004],
    ];
    expect(redrawPartition(village, grids, MIDDLE, band)).toEqual({
      ok: false,
      code: 'REDRAW_NEIGHBOUR_CUT',
      gridIndex: WEST,
    });
  });

  it('refuses an outline inside a neighbour, which would leave the neighbour a hole', () => {
    expect(redrawPartition(village, grids, MIDDLE, box(0.022, 0.002, 0.025, 0.005))).toEqual({
      ok: false,
      code: 'REDRAW_ENCLAVE',
      gridIndex: EAST,
    });
  });

  it('refuses an outline inside the old grid that a neighbour would then surround', () => {
    expect(redrawPartition(village, grids, MIDDLE, box(0.012, 0.002, 0.015, 0.005))).toMatchObject({
      ok: false,
      code: 'REDRAW_ENCLAVE',
    });
  });

  it('refuses an outline whose part inside the village falls apart in two', () => {
    // Two legs inside the village joined by a bridge outside it, south of the village.
    const legs: Ring = [
      [X0 + 0.011, Y0 + 0.003],
      [X0 + 0.011, Y0 - 0.005],
      [X0 + 0.019, Y0 - 0.005],
      [X0 + 0.019, Y0 + 0.003],
      [X0 + 0.017, Y0 + 0.003],
      [X0 + 0.017, Y0 - 0.002],
      [X0 + 0.013, Y0 - 0.002],
      [X0 + 0.013, Y0 + 0.003],
      [X0 + 0.011, Y0 + 0.003],
    ];
    expect(redrawPartition(village, grids, MIDDLE, legs)).toMatchObject({ ok: false, code: 'REDRAW_TARGET_SPLIT' });
  });

  it('refuses an outline outside the village, and one that crosses itself', () => {
    expect(redrawPartition(village, grids, MIDDLE, box(0.04, 0, 0.05, 0.01))).toMatchObject({
      ok: false,
      code: 'REDRAW_EMPTY',
    });
    const bowTie: Position[] = [
      [X0 + 0.01, Y0],
      [X0 + 0.02, Y0 + 0.01],
      [X0 + 0.02, Y0],
      [X0 + 0.01, Y0 + 0.01],
    ];
    expect(redrawPartition(village, grids, MIDDLE, bowTie)).toMatchObject({ ok: false, code: 'REDRAW_INVALID' });
    expect(redrawPartition(village, grids, MIDDLE, bowTie.slice(0, 2))).toMatchObject({
      ok: false,
      code: 'REDRAW_INVALID',
    });
  });

  it('accepts an open ring as terra-draw might report it', () => {
    const open = box(0.008, 0, 0.02, 0.01).slice(0, -1);
    expectExactCover(ok(redrawPartition(village, grids, MIDDLE, open)).grids);
  });

  it('keeps the village covered exactly for any rectangle drawn over the middle grid', () => {
    const coord = fc.integer({ min: -20, max: 320 }).map((v) => v / 10_000);
    fc.assert(
      fc.property(coord, coord, fc.integer({ min: -20, max: 100 }), fc.integer({ min: 5, max: 120 }), (a, b, y, h) => {
        const [x0, x1] = a < b ? [a, b] : [b, a];
        fc.pre(x1 - x0 >= 0.0005);
        const y0 = y / 10_000;
        const r = redrawPartition(village, grids, MIDDLE, box(x0, y0, x1, y0 + h / 10_000));
        if (!r.ok) {
          // Only a rectangle that cuts a neighbour (or misses the village) is refused.
          expect(['REDRAW_NEIGHBOUR_CUT', 'REDRAW_ENCLAVE', 'REDRAW_EMPTY']).toContain(r.code);
          return;
        }
        expectExactCover(r.grids);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the redraw in the planner edit state', () => {
  const base: BaseGrid[] = grids.map((g, i) => ({
    grid: { code: `37170200500100${i + 1}`, name: `grid ${i + 1}`, households: 300 + 100 * i },
    geometry: { type: 'Polygon', coordinates: g },
  }));
  const errors = (s: ReturnType<typeof stateFromBase>) =>
    checkPartitionPlanar(village, mirrorGrids(s), DEFAULT_PLANNING_SETTINGS).issues.filter(
      (i) => i.severity === 'error',
    );

  it('keeps every code, moves households with the area, and leaves the mirror clean', () => {
    const s = stateFromBase(base);
    const next = redrawGrid(s, s.grids[MIDDLE]!.key, box(0.008, 0, 0.02, 0.01), village);
    expect(next.grids.map((g) => g.code)).toEqual(base.map((b) => b.grid.code));
    // A fifth of the west grid (300 households) moved into the middle grid.
    expect(next.grids.map((g) => g.households)).toEqual([240, 460, 500]);
    expect(errors(next)).toEqual([]);
    // The untouched east grid goes to the server as it was read; the two others as redrawn.
    const sent = changeInput('371702005001', next).grids;
    expect(sent[EAST]!.geometry.coordinates).toEqual(base[EAST]!.geometry.coordinates);
    expect(turf.area(turf.polygon(sent[WEST]!.geometry.coordinates))).toBeCloseTo(area([box(0, 0, 0.008, 0.01)]), 0);
  });

  it('retires a grid the new outline covers, its households joining the redrawn grid', () => {
    const s = stateFromBase(base);
    const next = redrawGrid(s, s.grids[MIDDLE]!.key, box(0.005, 0, 0.03, 0.01), village);
    expect(next.grids.map((g) => g.code)).toEqual([base[WEST]!.grid.code, base[MIDDLE]!.grid.code]);
    expect(next.grids.map((g) => g.households)).toEqual([150, 1050]);
    expect(errors(next)).toEqual([]);
  });

  it('throws the reason when the outline is refused, leaving the state as it was', () => {
    const s = stateFromBase(base);
    expect(() => redrawGrid(s, s.grids[MIDDLE]!.key, box(0.04, 0, 0.05, 0.01), village)).toThrow('REDRAW_EMPTY');
    expect(s.grids[MIDDLE]!.ring).toEqual(grids[MIDDLE]![0]);
  });
});

describe('redrawing across a real boundary', () => {
  // Grids 4 and 5 of 赵楼社区 in the test data; a box over the south grid's south part.
  const north: Ring = [
    [115.4285222, 35.2486729],
    [115.4290626, 35.248682],
    [115.4298612, 35.2490303],
    [115.4306149, 35.2488232],
    [115.4307859, 35.2495137],
    [115.4307359, 35.2501559],
    [115.4296239, 35.2505046],
    [115.4294752, 35.250647],
    [115.4292415, 35.2506001],
    [115.4275982, 35.2511513],
    [115.4272905, 35.2509564],
    [115.426562, 35.2508501],
    [115.4264009, 35.2508728],
    [115.4260382, 35.2506142],
    [115.4256858, 35.2498525],
    [115.4259053, 35.2495407],
    [115.4250691, 35.2487144],
    [115.4245612, 35.2486561],
    [115.4245112, 35.2473384],
    [115.4247263, 35.2472255],
    [115.4257071, 35.2471895],
    [115.4264512, 35.248424],
    [115.4266044, 35.248492],
    [115.4266723, 35.2485486],
    [115.4280827, 35.2481695],
    [115.4285222, 35.2486729],
  ];
  const south: Ring = [
    [115.4263341, 35.2467931],
    [115.4261564, 35.2463898],
    [115.4266094, 35.2453636],
    [115.426865, 35.2454302],
    [115.4277749, 35.2457654],
    [115.4279157, 35.2456125],
    [115.4290968, 35.2454189],
    [115.4292507, 35.2453737],
    [115.4294126, 35.2452995],
    [115.4303145, 35.2453318],
    [115.4304009, 35.2454351],
    [115.4304404, 35.2456717],
    [115.430585, 35.2460317],
    [115.4305922, 35.2462854],
    [115.4306776, 35.2464708],
    [115.4299201, 35.2473523],
    [115.429914, 35.247615],
    [115.4308598, 35.2481692],
    [115.4306913, 35.2487544],
    [115.4306149, 35.2488232],
    [115.4298612, 35.2490303],
    [115.4290626, 35.248682],
    [115.4285222, 35.2486729],
    [115.4280827, 35.2481695],
    [115.4266723, 35.2485486],
    [115.4266044, 35.248492],
    [115.4264512, 35.248424],
    [115.4257071, 35.2471895],
    [115.4263341, 35.2467931],
  ];

  it('leaves no spike where the drawn edge crosses a boundary, so the mirror finds nothing', () => {
    const pair = turf.union(turf.featureCollection([turf.polygon([north]), turf.polygon([south])]))!
      .geometry as Polygon;
    const base: BaseGrid[] = [north, south].map((ring, i) => ({
      grid: { code: `c${i}`, name: `grid ${i}`, households: 300 },
      geometry: { type: 'Polygon', coordinates: [ring] },
    }));
    const s = stateFromBase(base);
    const drawn: Position[] = [
      [115.4244, 35.248],
      [115.4318, 35.248],
      [115.4318, 35.245],
      [115.4244, 35.245],
    ];
    const next = redrawGrid(s, s.grids[1]!.key, drawn, pair);
    expect(checkPartitionPlanar(pair, mirrorGrids(next), DEFAULT_PLANNING_SETTINGS).issues).toEqual([]);
    expect(next.grids[1]!.ring.every((p) => p[1] <= 35.248 + 1e-9)).toBe(true);
  });

  it('drops a vertex where the boundary runs out and straight back, and keeps collinear nodes', () => {
    const spiky: Ring = [
      [0, 0],
      [2, 0],
      [1, 0.5],
      [0.5, 0.25],
      [1, 0.5],
      [2, 1],
      [0, 1],
      [0, 0],
    ];
    expect(dropSpikes(spiky)).toEqual([
      [0, 0],
      [2, 0],
      [1, 0.5],
      [2, 1],
      [0, 1],
      [0, 0],
    ]);
    const straight = box(0, 0, 0.01, 0.01);
    expect(dropSpikes([straight[0]!, [X0 + 0.005, Y0], ...straight.slice(1)])).toHaveLength(6);
  });
});
