import { describe, expect, it } from 'vitest';
import { hilbertIndex, hilbertSorted } from './hilbert.js';

describe('Hilbert ordering', () => {
  it('visits the four quadrants of the curve in order', () => {
    const corners = [hilbertIndex(0, 0), hilbertIndex(0, 65535), hilbertIndex(65535, 65535), hilbertIndex(65535, 0)];
    expect(corners).toEqual([...corners].sort((a, b) => a - b));
    expect(new Set(corners).size).toBe(4);
  });

  it('keeps every point and puts neighbours on the curve next to each other', () => {
    const points: number[] = [];
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) points.push(x, y);
    const sorted = hilbertSorted(Float64Array.from(points));
    expect([...sorted].sort()).toEqual([...points].sort());
    for (let i = 1; i < 64; i++) {
      const step = Math.abs(sorted[2 * i]! - sorted[2 * i - 2]!) + Math.abs(sorted[2 * i + 1]! - sorted[2 * i - 1]!);
      expect(step).toBe(1);
    }
  });
});
