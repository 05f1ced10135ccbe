import * as turf from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rings } from './planar.js';
import { clipRings, openSeamBoxes } from './seams.js';

type Ring = [number, number][];
const box = (x0: number, y0: number, x1: number, y1: number): Ring[] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const village = [box(115, 35, 115.02, 35.02)];
/** Four quarters meeting at (115.01 + dx, 35.01 + dy) in grid `only` (all four when null). */
const quarters = (dx = 0, dy = 0, only: number | null = null): Ring[][] => {
  const c = (i: number): [number, number] =>
    only === null || only === i ? [115.01 + dx, 35.01 + dy] : [115.01, 35.01];
  return [
    [[[115, 35], [115.01, 35], c(0), [115, 35.01], [115, 35]]],
    [[[115.01, 35], [115.02, 35], [115.02, 35.01], c(1), [115.01, 35]]],
    [[[115, 35.01], c(2), [115.01, 35.02], [115, 35.02], [115, 35.01]]],
    [[c(3), [115.02, 35.01], [115.02, 35.02], [115.01, 35.02], c(3)]],
  ];
};
const inside = (b: number[], x: number, y: number) => b[0]! <= x && x <= b[2]! && b[1]! <= y && y <= b[3]!;

describe('the open seams of a partition', () => {
  it('are none when the grids tile the village, also where a T-junction splits one side only', () => {
    expect(openSeamBoxes(quarters(), village)).toEqual([]);
    // West half as one grid with an extra vertex where the two eastern quarters meet.
    const west: Ring[] = [
      [
        [115, 35],
        [115.01, 35],
        [115.01, 35.01],
        [115.01, 35.02],
        [115, 35.02],
        [115, 35],
      ],
    ];
    const east = [box(115.01, 35, 115.02, 35.01), box(115.01, 35.01, 115.02, 35.02)];
    expect(openSeamBoxes([west, ...east], village)).toEqual([]);
    // The same with the other grid's ring running the other way round (the side is what counts).
    const reversed = west.map((ring) => [...ring].reverse());
    expect(openSeamBoxes([reversed, ...east], village)).toEqual([]);
  });

  it('hold the gap a lone moved vertex opens, and only there', () => {
    const boxes = openSeamBoxes(quarters(-0.001, 0, 0), village);
    expect(boxes).toHaveLength(1);
    // The moved corner and the corner it left both lie in the box; the village's far corners do not.
    expect(inside(boxes[0]!, 115.009, 35.01)).toBe(true);
    expect(inside(boxes[0]!, 115.01, 35.01)).toBe(true);
    expect(inside(boxes[0]!, 115.019, 35.019)).toBe(false);
  });

  it('hold a missing grid, bounded by its neighbours and the village edge', () => {
    const boxes = openSeamBoxes(quarters().slice(0, 3), village);
    expect(boxes).toHaveLength(1);
    expect(inside(boxes[0]!, 115.015, 35.015)).toBe(true);
    expect(inside(boxes[0]!, 115.02, 35.02)).toBe(true);
  });

  it('are none for a grid drawn twice: that leaves no gap, and overlaps are for the pairwise check', () => {
    expect(openSeamBoxes([...quarters(), quarters()[0]!], village)).toEqual([]);
    // Without its neighbours, both copies are open along the same sides: one box around them.
    expect(openSeamBoxes([quarters()[0]!, quarters()[0]!], village)).toHaveLength(1);
  });
});

describe('clipping rings to a box', () => {
  const area = (rings: Rings) => (rings.length === 0 ? 0 : turf.area(turf.polygon(rings as [number, number][][])));
  // A concave "U" around the box's middle: clipped, it leaves two prongs joined along the box side.
  const u: Ring[] = [
    [
      [115, 35],
      [115.03, 35],
      [115.03, 35.03],
      [115.02, 35.03],
      [115.02, 35.01],
      [115.01, 35.01],
      [115.01, 35.03],
      [115, 35.03],
      [115, 35],
    ],
  ];

  it('keeps exactly the area turf finds in the box, for boxes anywhere over a concave ring', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 114.99, max: 115.03, noNaN: true }),
        fc.double({ min: 34.99, max: 35.03, noNaN: true }),
        fc.double({ min: 0.001, max: 0.03, noNaN: true }),
        (x, y, size) => {
          const b: [number, number, number, number] = [x, y, x + size, y + size];
          const expected = turf.intersect(turf.featureCollection([turf.polygon(u), turf.bboxPolygon(b)]));
          const clipped = clipRings(u, b);
          // turf's overlay reads the zero-width runs along the box's sides (non-zero rule) as nothing.
          const read =
            clipped.length === 0
              ? null
              : turf.intersect(turf.featureCollection([turf.polygon(clipped), turf.bboxPolygon(b)]));
          expect(read ? turf.area(read) : 0).toBeCloseTo(expected ? turf.area(expected) : 0, 3);
          expect(area(clipped)).toBeCloseTo(expected ? turf.area(expected) : 0, 3);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts a shared edge at the same point whichever way the edge runs', () => {
    const a: Ring[] = [
      [
        [115, 35],
        [115.0137, 35.0071],
        [115, 35.02],
        [115, 35],
      ],
    ];
    const b: Ring[] = [
      [
        [115.0137, 35.0071],
        [115, 35],
        [115.03, 35],
        [115.0137, 35.0071],
      ],
    ];
    const frame: [number, number, number, number] = [115.003, 34.99, 115.011, 35.03];
    const onA = clipRings(a, frame)[0]!.filter((p) => p[0] === 115.003 || p[0] === 115.011);
    const onB = clipRings(b, frame)[0]!.filter((p) => p[0] === 115.003 || p[0] === 115.011);
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    const shared = onA.map(key).filter((k) => onB.map(key).includes(k));
    // The edge (115, 35)–(115.0137, 35.0071) crosses both box sides: both cuts are the same positions.
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
});
