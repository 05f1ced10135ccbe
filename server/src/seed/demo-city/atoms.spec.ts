import { describe, expect, it } from 'vitest';
import { buildAtomMesh, cellOf, countConnected } from './atoms.js';
import { createRng } from './prng.js';

/** Random atoms in a 1 km square, fenced in by a ring of sites 300 m outside it. */
function randomMesh(seed: number, count: number) {
  const rng = createRng(seed);
  const sites: number[] = [];
  for (let i = 0; i < count; i++) sites.push(rng.range(0, 1000), rng.range(0, 1000));
  for (let k = 0; k < 40; k++) {
    const angle = (2 * Math.PI * k) / 40;
    sites.push(500 + 1100 * Math.cos(angle), 500 + 1100 * Math.sin(angle));
  }
  return buildAtomMesh(Float64Array.from(sites), count);
}

describe('atom mesh', () => {
  const mesh = randomMesh(11, 300);

  it('gives every atom a counter-clockwise cell around its own site', () => {
    for (let i = 0; i < mesh.keptCount; i++) {
      expect(mesh.areaSquareMeters[i]).toBeGreaterThan(0);
      const cell = cellOf(mesh, i);
      let twice = 0;
      for (let k = 0; k < cell.length; k++) {
        const p = cell[k]!;
        const q = cell[(k + 1) % cell.length]!;
        twice += mesh.vertexXY[2 * p]! * mesh.vertexXY[2 * q + 1]! - mesh.vertexXY[2 * q]! * mesh.vertexXY[2 * p + 1]!;
      }
      expect(twice).toBeGreaterThan(0);
      expect(mesh.delaunay.find(mesh.centroidX[i]!, mesh.centroidY[i]!)).toBe(i);
    }
  });

  it('links neighbours both ways and keeps the atoms in one piece', () => {
    const { adjStart, adjList } = mesh.graph;
    for (let i = 0; i < mesh.keptCount; i++) {
      for (let e = adjStart[i]!; e < adjStart[i + 1]!; e++) {
        const j = adjList[e]!;
        expect(j).toBeLessThan(mesh.keptCount);
        expect(Array.from(adjList.subarray(adjStart[j]!, adjStart[j + 1]!))).toContain(i);
      }
    }
    expect(countConnected(mesh.graph, mesh.keptCount)).toBe(mesh.keptCount);
  });

  it('refuses an atom on the hull, whose cell would be unbounded', () => {
    const sites = Float64Array.from([0, 0, 10, 0, 0, 10, 3, 3]);
    expect(() => buildAtomMesh(sites, 1)).toThrow(/hull/);
  });
});
