import { describe, expect, it } from 'vitest';
import { ringSignedArea, unionCells, type VertexXY } from './edge-union.js';

/** Vertices of an (n+1)×(n+1) lattice; id = row·(n+1) + col. */
function lattice(n: number): { xy: VertexXY; square: (col: number, row: number) => number[] } {
  const id = (col: number, row: number) => row * (n + 1) + col;
  return {
    xy: (v) => [v % (n + 1), Math.floor(v / (n + 1))],
    square: (c, r) => [id(c, r), id(c + 1, r), id(c + 1, r + 1), id(c, r + 1)],
  };
}

describe('union by edge cancellation', () => {
  it('merges two adjacent squares into one counter-clockwise ring without the shared edge', () => {
    const { xy, square } = lattice(2);
    const polygons = unionCells([square(0, 0), square(1, 0)], xy);
    expect(polygons).toHaveLength(1);
    const [polygon] = polygons;
    expect(polygon!.holes).toEqual([]);
    expect(polygon!.outer).toHaveLength(6);
    expect(ringSignedArea(polygon!.outer, xy)).toBe(2);
  });

  it('turns a ring of eight squares into one outer ring and one clockwise hole', () => {
    const { xy, square } = lattice(3);
    const cells = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (r !== 1 || c !== 1) cells.push(square(c, r));
    const polygons = unionCells(cells, xy);
    expect(polygons).toHaveLength(1);
    expect(ringSignedArea(polygons[0]!.outer, xy)).toBe(9);
    expect(polygons[0]!.holes).toHaveLength(1);
    expect(ringSignedArea(polygons[0]!.holes[0]!, xy)).toBe(-1);
  });

  it('keeps separate pieces apart and puts each hole in its own piece', () => {
    const { xy, square } = lattice(7);
    const cells = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (r !== 1 || c !== 1) cells.push(square(c, r));
    cells.push(square(5, 5));
    const polygons = unionCells(cells, xy);
    expect(polygons.map((p) => [ringSignedArea(p.outer, xy), p.holes.length])).toEqual([
      [9, 1],
      [1, 0],
    ]);
  });

  it('refuses overlapping cells', () => {
    const { xy, square } = lattice(1);
    expect(() => unionCells([square(0, 0), square(0, 0)], xy)).toThrow(/overlap/);
  });
});
