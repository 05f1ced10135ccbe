import { describe, expect, it } from 'vitest';
import { growBalancedRegions, GrowScratch, type AtomGraph } from './region-growing.js';
import { growWeightedRegions } from './weighted-regions.js';

/** A width×height lattice of atoms (id = row·width + col) with 4-neighbour edges of length 1. */
function latticeGraph(
  width: number,
  height: number,
  removed = new Set<number>(),
): AtomGraph & { x: number[]; y: number[] } {
  const adjStart = [0];
  const adjList: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let id = 0; id < width * height; id++) {
    const c = id % width;
    const r = Math.floor(id / width);
    x.push(c);
    y.push(r);
    if (!removed.has(id)) {
      for (const [dc, dr] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        const nc = c + dc;
        const nr = r + dr;
        const nid = nr * width + nc;
        if (nc >= 0 && nc < width && nr >= 0 && nr < height && !removed.has(nid)) adjList.push(nid);
      }
    }
    adjStart.push(adjList.length);
  }
  return {
    adjStart: Int32Array.from(adjStart),
    adjList: Int32Array.from(adjList),
    adjLength: new Float64Array(adjList.length).fill(1),
    x,
    y,
  };
}

function isConnected(graph: AtomGraph, atoms: number[]): boolean {
  const set = new Set(atoms);
  const seen = new Set([atoms[0]!]);
  const stack = [atoms[0]!];
  while (stack.length) {
    const a = stack.pop()!;
    for (let e = graph.adjStart[a]!; e < graph.adjStart[a + 1]!; e++) {
      const b = graph.adjList[e]!;
      if (set.has(b) && !seen.has(b)) {
        seen.add(b);
        stack.push(b);
      }
    }
  }
  return seen.size === set.size;
}

describe.each([
  ['balanced growth with recentering', growBalancedRegions, true],
  ['weighted growth around fixed seeds', growWeightedRegions, false],
] as const)('%s', (_name, grow, recenters) => {
  const width = 40;
  // A wall with one gap makes the shape non-convex, so naive nearest-seed labels would split.
  const wall = new Set(Array.from({ length: 24 }, (_, r) => r * width + 20));
  const graph = latticeGraph(width, 30, wall);
  const members = Array.from({ length: width * 30 }, (_, i) => i).filter((i) => !wall.has(i));
  const mass = new Float64Array(width * 30).fill(1);

  it('gives every region at least its seed and keeps every region connected', () => {
    const seeds = [0, 39, 29 * width, 29 * width + 39, 15 * width + 10, 15 * width + 30];
    const grown = grow(
      {
        graph,
        members,
        seeds,
        targets: [1, 1, 1, 1, 3, 0.2],
        mass,
        iterations: 12,
        ...(recenters ? { recenter: graph } : {}),
      },
      new GrowScratch(width * 30),
    );
    const byRegion = seeds.map(() => [] as number[]);
    grown.labels.forEach((label, i) => byRegion[label]!.push(members[i]!));
    expect(grown.seeds.every((seed, r) => grown.labels[members.indexOf(seed)] === r)).toBe(true);
    for (const atoms of byRegion) {
      expect(atoms.length).toBeGreaterThan(0);
      expect(isConnected(graph, atoms)).toBe(true);
    }
  });

  it('moves region sizes towards their targets', () => {
    const seeds = [5 * width + 5, 25 * width + 35];
    const grown = grow(
      { graph, members, seeds, targets: [3, 1], mass, iterations: 20, ...(recenters ? { recenter: graph } : {}) },
      new GrowScratch(width * 30),
    );
    const share = grown.masses[0]! / members.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
  });

  it('refuses seeds that repeat or lie outside the members', () => {
    const input = { graph, members, targets: [1, 1], mass, iterations: 0 };
    expect(() => grow({ ...input, seeds: [0, 0] }, new GrowScratch(width * 30))).toThrow(/distinct/);
    expect(() => grow({ ...input, seeds: [0, 20] }, new GrowScratch(width * 30))).toThrow(/not a member/);
  });

  it('fails loudly when the members are not connected', () => {
    const split = latticeGraph(10, 10, new Set(Array.from({ length: 10 }, (_, r) => r * 10 + 5)));
    const atoms = Array.from({ length: 100 }, (_, i) => i).filter((i) => i % 10 !== 5);
    expect(() =>
      grow(
        { graph: split, members: atoms, seeds: [0], targets: [1], mass: new Float64Array(100).fill(1), iterations: 0 },
        new GrowScratch(100),
      ),
    ).toThrow(/not connected/);
  });
});
