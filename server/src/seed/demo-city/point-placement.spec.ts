import { describe, expect, it } from 'vitest';
import { buildAtomMesh } from './atoms.js';
import { createRng } from './prng.js';
import { randomPointInAtom, randomPointOnPiece, roadPieces } from './point-placement.js';

function gridMesh() {
  const inner: number[] = [];
  const outer: number[] = [];
  for (let r = 0; r < 10; r++) {
    for (let c = 0; c < 10; c++) {
      const x = c * 100 + ((r * 7 + c * 13) % 11);
      const y = r * 100 + ((r * 5 + c * 3) % 13);
      (r >= 2 && r < 8 && c >= 2 && c < 8 ? inner : outer).push(x, y);
    }
  }
  return buildAtomMesh(Float64Array.from([...inner, ...outer]), inner.length / 2);
}

describe('point placement', () => {
  const mesh = gridMesh();

  it('puts every point inside the cell of the atom it names', () => {
    const rng = createRng(4);
    for (let i = 0; i < 2000; i++) {
      const atom = i % mesh.keptCount;
      const p = randomPointInAtom(mesh, atom, rng);
      expect(p.atom).toBe(atom);
      expect(mesh.delaunay.find(p.x, p.y)).toBe(atom);
    }
  });

  it('finds the atom under a road point and skips atoms that are not allowed', () => {
    const line = {
      roadClass: 'main' as const,
      name: '测试路',
      points: [
        { x: 0, y: 450 },
        { x: 900, y: 450 },
      ],
    };
    const allowed = (atom: number) => atom < mesh.keptCount;
    const pieces = roadPieces(mesh, [line], allowed);
    expect(pieces).toHaveLength(1);
    const rng = createRng(5);
    const points = Array.from({ length: 200 }, () => randomPointOnPiece(mesh, pieces[0]!, 5, allowed, rng));
    const placed = points.filter((p) => p !== null);
    expect(placed.length).toBeGreaterThan(50);
    expect(placed.length).toBeLessThan(200);
    for (const p of placed) expect(mesh.delaunay.find(p.x, p.y)).toBe(p.atom);
  });
});
