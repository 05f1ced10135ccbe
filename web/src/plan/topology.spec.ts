import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { applyRingEdit, diffRing, insertOnEdge, nodeRings, onlyNoded, roundRing } from './topology.js';
import type { Ring } from '../geometry/positions.js';
import { EAST_SQUARE, WEST_SQUARE } from '../test-support/squares.js';

// Two unit squares side by side sharing the edge x = 1 (counter-clockwise, closed).
const west = WEST_SQUARE;
const east = EAST_SQUARE;
const area = (r: Ring) => turf.area(turf.polygon([r]));
const overlap = (a: Ring, b: Ring) => {
  const i = turf.intersect(turf.featureCollection([turf.polygon([a]), turf.polygon([b])]));
  return i ? turf.area(i) : 0;
};

describe('moving a vertex on a shared boundary', () => {
  it('moves the same vertex of the neighbour, so the two grids neither overlap nor leave a gap', () => {
    const dragged: Ring = [
      [0, 0],
      [1.3, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const [w, e] = applyRingEdit([west, east], 0, dragged)!;
    expect(w).toEqual(dragged);
    expect(e).toEqual([
      [1.3, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1.3, 0],
    ]);
    expect(overlap(w!, e!)).toBeLessThan(1e-6);
    expect(area(w!) + area(e!)).toBeCloseTo(area(west) + area(east), 0);
  });

  it('moves the closing position together with the first when the first vertex is dragged', () => {
    const dragged: Ring = [
      [1.2, 0.1],
      [2, 0],
      [2, 1],
      [1, 1],
      [1.2, 0.1],
    ];
    const [w] = applyRingEdit([west, east], 1, dragged)!;
    expect(w).toEqual([
      [0, 0],
      [1.2, 0.1],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('inserts a midpoint into the neighbour too, on the same edge, even when it runs the other way', () => {
    const dragged: Ring = [
      [0, 0],
      [1, 0],
      [1.4, 0.5],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const [, e] = applyRingEdit([west, east], 0, dragged)!;
    expect(e).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1.4, 0.5],
      [1, 0],
    ]);
    expect(overlap(dragged, e!)).toBeLessThan(1e-6);
  });

  it('leaves grids that do not share the vertex as they are (the same object)', () => {
    const far: Ring = [
      [5, 5],
      [6, 5],
      [6, 6],
      [5, 5],
    ];
    const out = applyRingEdit([west, east, far], 0, [
      [0, 0],
      [1.3, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ])!;
    expect(out[2]).toBe(far);
  });

  it('refuses a step that is more than one vertex (a whole grid dragged)', () => {
    const shifted = west.map(([x, y]) => [x + 0.1, y] as [number, number]);
    expect(diffRing(west, shifted)).toBeNull();
    expect(applyRingEdit([west, east], 0, shifted)).toBeNull();
  });

  it('sees no edit when nothing moved', () => {
    expect(
      diffRing(
        west,
        west.map((p) => [...p] as [number, number]),
      ),
    ).toBeNull();
  });
});

describe('noding shared edges', () => {
  it('inserts a vertex that lies on a neighbour edge into that edge, in order', () => {
    // The east side was split: its pieces have vertices at (1, 0.5) and (1, 0.25) on the shared edge.
    const southEast: Ring = [
      [1, 0],
      [2, 0],
      [2, 0.5],
      [1, 0.5],
      [1, 0.25],
      [1, 0],
    ];
    const northEast: Ring = [
      [1, 0.5],
      [2, 0.5],
      [2, 1],
      [1, 1],
      [1, 0.5],
    ];
    const [w, se, ne] = nodeRings([west, southEast, northEast]);
    expect(w).toEqual([
      [0, 0],
      [1, 0],
      [1, 0.25],
      [1, 0.5],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(se).toBe(southEast);
    expect(ne).toBe(northEast);
  });

  it('then lets a dragged T-junction vertex move every grid that meets there', () => {
    const southEast: Ring = [
      [1, 0],
      [2, 0],
      [2, 0.5],
      [1, 0.5],
      [1, 0],
    ];
    const northEast: Ring = [
      [1, 0.5],
      [2, 0.5],
      [2, 1],
      [1, 1],
      [1, 0.5],
    ];
    const rings = nodeRings([west, southEast, northEast]);
    const dragged = rings[1]!.map((p) => (p[0] === 1 && p[1] === 0.5 ? [1.2, 0.5] : p)) as Ring;
    const out = applyRingEdit(rings, 1, dragged)!;
    expect(out[0]).toContainEqual([1.2, 0.5]);
    expect(out[2]).toContainEqual([1.2, 0.5]);
    const total = out.reduce((s, r) => s + area(r), 0);
    expect(total).toBeCloseTo(area(west) + area(east), 0);
  });

  it('does not insert a vertex that only comes near an edge', () => {
    const near: Ring = [
      [1.001, 0.5],
      [3, 0.5],
      [3, 3],
      [1.001, 0.5],
    ];
    expect(nodeRings([west, near])[0]).toBe(west);
  });

  it('keeps a ring as it is when the insertion edge is not in it', () => {
    expect(insertOnEdge(west, [5, 5], [6, 6], [5.5, 5.5])).toBe(west);
  });

  it('rounds positions to terra-draw precision', () => {
    expect(roundRing([[1.12345678912345, 2]], 9)).toEqual([[1.123456789, 2]]);
  });
});

describe('telling a noded ring from a reshaped one', () => {
  it('sees a ring with only vertices added on its own edges as the same shape', () => {
    expect(
      onlyNoded(west, [
        [0, 0],
        [1, 0],
        [1, 0.25],
        [1, 0.5],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(true);
    expect(onlyNoded(west, west)).toBe(true);
  });

  it('sees a moved vertex, an added vertex off the edges, or a lost vertex as a change', () => {
    expect(
      onlyNoded(west, [
        [0, 0],
        [1.1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
    expect(
      onlyNoded(west, [
        [0, 0],
        [1, 0],
        [1.2, 0.5],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
    expect(
      onlyNoded(west, [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });
});
