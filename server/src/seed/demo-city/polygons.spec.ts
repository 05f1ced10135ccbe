import { describe, expect, it } from 'vitest';
import { buildAtomMesh } from './atoms.js';
import { polygonCoords, positionRingSignedArea, unionAtoms, unionParts } from './polygons.js';

/** A jittered 12×12 lattice of sites 100 m apart; the inner 8×8 are atoms, the rest bound them. */
function latticeMesh() {
  const inner: number[] = [];
  const outer: number[] = [];
  for (let r = 0; r < 12; r++) {
    for (let c = 0; c < 12; c++) {
      const x = c * 100 + ((r * 7 + c * 13) % 11);
      const y = r * 100 + ((r * 5 + c * 3) % 13);
      (r >= 2 && r < 10 && c >= 2 && c < 10 ? inner : outer).push(x, y);
    }
  }
  return buildAtomMesh(Float64Array.from([...inner, ...outer]), inner.length / 2);
}

describe('atom polygons', () => {
  const mesh = latticeMesh();

  it('unions all atoms into one closed, counter-clockwise ring of positions', () => {
    const all = Array.from({ length: mesh.keptCount }, (_, i) => i);
    const [polygon, ...rest] = unionAtoms(mesh, all);
    expect(rest).toEqual([]);
    const coords = polygonCoords(mesh, polygon!);
    expect(coords).toHaveLength(1);
    const ring = coords[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(positionRingSignedArea(ring)).toBeGreaterThan(0);
  });

  it('gives the same boundary when unioning halves first', () => {
    const all = Array.from({ length: mesh.keptCount }, (_, i) => i);
    const left = all.filter((i) => mesh.centroidX[i]! < 550);
    const right = all.filter((i) => mesh.centroidX[i]! >= 550);
    const merged = unionParts(mesh, [...unionAtoms(mesh, left), ...unionAtoms(mesh, right)]);
    const direct = unionAtoms(mesh, all);
    expect(merged).toHaveLength(1);
    expect(new Set(merged[0]!.outer)).toEqual(new Set(direct[0]!.outer));
  });

  it('reports a clockwise hole when the middle atom is left out', () => {
    const middle = mesh.delaunay.find(550, 550);
    const ring = Array.from({ length: mesh.keptCount }, (_, i) => i).filter((i) => i !== middle);
    const [polygon] = unionAtoms(mesh, ring);
    const coords = polygonCoords(mesh, polygon!);
    expect(coords).toHaveLength(2);
    expect(positionRingSignedArea(coords[1]!)).toBeLessThan(0);
  });
});
