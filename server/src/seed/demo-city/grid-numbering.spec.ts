import { describe, expect, it } from 'vitest';
import { westEastNorthSouthOrder } from './grid-numbering.js';

describe('grid numbering', () => {
  it('reads a 2×3 block row by row from the north-west', () => {
    // Indices laid out as:   north: 4 0 2   south: 5 1 3   (x grows east, y grows north)
    const centroids = [
      { x: 0, y: 100 },
      { x: 0, y: 0 },
      { x: 100, y: 95 },
      { x: 100, y: 5 },
      { x: -100, y: 105 },
      { x: -100, y: -5 },
    ];
    expect(westEastNorthSouthOrder(centroids, 40)).toEqual([4, 0, 2, 5, 1, 3]);
  });

  it('puts a centroid just below the band into the next row', () => {
    const centroids = [
      { x: 50, y: 100 },
      { x: 0, y: 50 },
    ];
    expect(westEastNorthSouthOrder(centroids, 60)).toEqual([1, 0]);
    expect(westEastNorthSouthOrder(centroids, 40)).toEqual([0, 1]);
  });

  it('numbers every item exactly once', () => {
    const centroids = Array.from({ length: 50 }, (_, i) => ({ x: (i * 37) % 11, y: (i * 53) % 13 }));
    expect([...westEastNorthSouthOrder(centroids, 3)].sort((a, b) => a - b)).toEqual(centroids.map((_, i) => i));
  });
});
