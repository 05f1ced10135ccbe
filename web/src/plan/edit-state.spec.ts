import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { checkPartitionPlanar } from '../../../server/src/domain/grid-planning/mirror.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../../server/src/domain/grid-planning/rules.js';
import {
  changeInput,
  editRing,
  gridAt,
  mergeGrids,
  mirrorGrids,
  splitGrid,
  stateFromBase,
  type BaseGrid,
} from './edit-state.js';
import type { Position, Ring } from '../geometry/positions.js';

// A village of 0.02° × 0.01° near Heze, as two grids of about 1 km² each, sharing x = 115.51.
const X0 = 115.5;
const Y0 = 35.2;
const box = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const village = { type: 'Polygon' as const, coordinates: [box(X0, Y0, X0 + 0.02, Y0 + 0.01)] };
const buildBase = (code: string, ring: Ring, households = 300): BaseGrid => ({
  grid: { code, name: `grid ${code}`, households },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const base = [
  buildBase('371702005001001', box(X0, Y0, X0 + 0.01, Y0 + 0.01)),
  buildBase('371702005001002', box(X0 + 0.01, Y0, X0 + 0.02, Y0 + 0.01), 400),
];
const mirror = (s: ReturnType<typeof stateFromBase>) =>
  checkPartitionPlanar(village, mirrorGrids(s), DEFAULT_PLANNING_SETTINGS).issues.filter((i) => i.severity === 'error');
/** The east grid cut north–south at x, as the server's splitGridGeometry answers (largest first). */
const eastPieces = (x: number) => [
  { coordinates: [box(X0 + 0.01, Y0, x, Y0 + 0.01)] },
  { coordinates: [box(x, Y0, X0 + 0.02, Y0 + 0.01)] },
];

describe('the planner edit state', () => {
  it('starts from the current grids with their codes, valid for the mirror', () => {
    const s = stateFromBase(base);
    expect(s.grids.map((g) => g.code)).toEqual(['371702005001001', '371702005001002']);
    expect(mirror(s)).toEqual([]);
    expect(changeInput('371702005001', s).grids[1]).toEqual({
      code: '371702005001002',
      geometry: { type: 'Polygon', coordinates: [base[1]!.geometry.coordinates[0]] },
    });
  });

  it('moves the shared corner in both grids when one of them is dragged, and the mirror stays clean', () => {
    const s = stateFromBase(base);
    const dragged = s.grids[0]!.ring.map((p): Position => (p[0] === X0 + 0.01 && p[1] === Y0 ? [X0 + 0.012, Y0] : p));
    const next = editRing(s, s.grids[0]!.key, dragged);
    expect(next.grids[1]!.ring).toContainEqual([X0 + 0.012, Y0]);
    expect(mirror(next)).toEqual([]);
  });

  it('shows a gap in the mirror when only one side of a boundary moves (what the neighbour move prevents)', () => {
    const s = stateFromBase(base);
    const moved = { ...s, grids: [{ ...s.grids[0]!, ring: box(X0, Y0, X0 + 0.009, Y0 + 0.01) }, s.grids[1]!] };
    expect(mirror(moved).map((i) => i.code)).toContain('GAP');
  });

  it('ignores a step that is not one vertex (the state stays the same object)', () => {
    const s = stateFromBase(base);
    const shifted = s.grids[0]!.ring.map(([x, y]): Position => [x + 0.001, y]);
    expect(editRing(s, s.grids[0]!.key, shifted)).toBe(s);
  });

  it('splits a grid: the larger piece keeps the code, the smaller is new, households shared by area', () => {
    const s = stateFromBase(base);
    const split = splitGrid(s, s.grids[1]!.key, eastPieces(X0 + 0.0175));
    expect(split.grids.map((g) => g.code)).toEqual(['371702005001001', '371702005001002', null]);
    expect(split.grids[1]!.households + split.grids[2]!.households).toBe(400);
    expect(split.grids[1]!.households).toBe(300);
    expect(new Set(split.grids.map((g) => g.key)).size).toBe(3);
    expect(mirror(split)).toEqual([]);
    expect(gridAt(split, [X0 + 0.019, Y0 + 0.005])?.key).toBe(split.grids[2]!.key);
  });

  it('merges grids: the larger keeps its code, the others are left out (retired), households summed', () => {
    const s = splitGrid(stateFromBase(base), 'g1', eastPieces(X0 + 0.0175));
    const merged = mergeGrids(s, [s.grids[1]!.key, s.grids[2]!.key], {
      coordinates: [box(X0 + 0.01, Y0, X0 + 0.02, Y0 + 0.01)],
    });
    expect(merged.grids.map((g) => g.code)).toEqual(['371702005001001', '371702005001002']);
    expect(merged.grids[1]!.households).toBe(400);
    expect(mirror(merged)).toEqual([]);
    expect(turf.area(turf.polygon([merged.grids[1]!.ring]))).toBeGreaterThan(900_000);
  });

  it('nodes a split boundary into the neighbour so a later drag of that point moves all three grids', () => {
    // Cut the east grid east–west: the cut meets the shared edge at (X0 + 0.01, Y0 + 0.004).
    const s = stateFromBase(base);
    const y = Y0 + 0.004;
    const split = splitGrid(s, 'g1', [
      {
        coordinates: [
          [
            [X0 + 0.01, y],
            [X0 + 0.02, y],
            [X0 + 0.02, Y0 + 0.01],
            [X0 + 0.01, Y0 + 0.01],
            [X0 + 0.01, y],
          ],
        ],
      },
      {
        coordinates: [
          [
            [X0 + 0.01, Y0],
            [X0 + 0.02, Y0],
            [X0 + 0.02, y],
            [X0 + 0.01, y],
            [X0 + 0.01, Y0],
          ],
        ],
      },
    ]);
    expect(split.grids[0]!.ring).toContainEqual([X0 + 0.01, y]);
    const dragged = split.grids[0]!.ring.map((p): Position => (p[0] === X0 + 0.01 && p[1] === y ? [X0 + 0.011, y] : p));
    const next = editRing(split, 'g0', dragged);
    expect(next.grids.every((g) => g.ring.some((p) => p[0] === X0 + 0.011 && p[1] === y))).toBe(true);
    expect(mirror(next)).toEqual([]);
  });
});

describe('the proposal sent to the server', () => {
  it('sends a neighbour that only gained a noded vertex as it was read, and a dragged one as it is now', () => {
    const y = Y0 + 0.004;
    const split = splitGrid(stateFromBase(base), 'g1', [
      {
        coordinates: [
          [
            [X0 + 0.01, y],
            [X0 + 0.02, y],
            [X0 + 0.02, Y0 + 0.01],
            [X0 + 0.01, Y0 + 0.01],
            [X0 + 0.01, y],
          ],
        ],
      },
      {
        coordinates: [
          [
            [X0 + 0.01, Y0],
            [X0 + 0.02, Y0],
            [X0 + 0.02, y],
            [X0 + 0.01, y],
            [X0 + 0.01, Y0],
          ],
        ],
      },
    ]);
    const sent = changeInput('371702005001', split).grids;
    expect(sent[0]!.geometry.coordinates[0]).toEqual(base[0]!.geometry.coordinates[0]);
    expect(sent.map((g) => g.code)).toEqual(['371702005001001', '371702005001002', null]);
    const dragged = split.grids[0]!.ring.map((p): Position => (p[0] === X0 + 0.01 && p[1] === y ? [X0 + 0.011, y] : p));
    const moved = changeInput('371702005001', editRing(split, 'g0', dragged)).grids;
    expect(moved[0]!.geometry.coordinates[0]).toContainEqual([X0 + 0.011, y]);
  });
});
