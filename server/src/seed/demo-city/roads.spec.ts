import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';
import { clipLines, mainRoadLinks, minimumSpanningLinks, wiggledPath } from './roads.js';

describe('road network', () => {
  const square = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 11 },
  ];

  it('links every point by a minimum spanning tree', () => {
    expect(minimumSpanningLinks(square)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('adds the shortest extra link that is not nearly parallel to an existing one', () => {
    const links = mainRoadLinks(square, 1);
    expect(links).toHaveLength(4);
    expect(links[3]).toEqual([0, 3]);
  });

  it('bends a path but keeps both ends', () => {
    const path = wiggledPath({ x: 0, y: 0 }, { x: 10_000, y: 0 }, createRng(1), 0.05);
    expect(path[0]).toEqual({ x: 0, y: 0 });
    expect(path[path.length - 1]!.x).toBeCloseTo(10_000, 6);
    expect(path[path.length - 1]!.y).toBeCloseTo(0, 6);
    expect(Math.max(...path.map((p) => Math.abs(p.y)))).toBeGreaterThan(0);
  });

  it('cuts a line into the runs that lie inside', () => {
    const line = {
      roadClass: 'main' as const,
      name: 'x',
      points: [
        { x: 0, y: 0 },
        { x: 3000, y: 0 },
      ],
    };
    const inside = (x: number) => x < 1000 || x > 2000;
    const parts = clipLines([line], inside, 100);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.points[parts[0]!.points.length - 1]!.x).toBeLessThan(1000);
    expect(parts[1]!.points[0]!.x).toBeGreaterThan(2000);
  });
});
