import { describe, expect, it } from 'vitest';
import { benjaminiHochbergCutoff, confidenceBin, confidenceBinsFdr, giStar } from './getis-ord.js';

/** Queen neighbours of a rows × cols lattice, row by row. */
function lattice(rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < rows && cc >= 0 && cc < cols) list.push(rr * cols + cc);
        }
      }
      out.push(list);
    }
  }
  return out;
}

describe('Getis-Ord Gi*', () => {
  // The 3 × 3 lattice 1..9 worked by hand: X̄ = 5, S = √(285/9 − 25) = 2.581989.
  // Corner (0): k = 4, Σx = 12, z = (12 − 20) / (S √((36 − 16)/8)) = −8 / 4.082483 = −1.959592.
  // Edge (1): k = 6, Σx = 21, z = (21 − 30) / (S √((54 − 36)/8)) = −9 / 3.872983 = −2.323790.
  // Centre (4): k = 9 = n, the spread (81 − 81)/8 is 0: undefined.
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const result = giStar(values, lattice(3, 3));

  it('reproduces the hand-worked z-scores of a 3 × 3 lattice', () => {
    expect(result[0]!.z).toBeCloseTo(-1.959592, 5);
    expect(result[8]!.z).toBeCloseTo(1.959592, 5);
    expect(result[1]!.z).toBeCloseTo(-2.32379, 5);
    expect(result[7]!.z).toBeCloseTo(2.32379, 5);
    expect(result[4]!.z).toBeNull();
  });

  it('gives two-sided p-values and bins from them', () => {
    expect(result[1]!.p).toBeCloseTo(0.020137, 5);
    expect(confidenceBin(result[1]!)).toBe(-2);
    expect(confidenceBin(result[7]!)).toBe(2);
    // p = 0.05004: just outside 95 %, inside 90 %.
    expect(result[8]!.p).toBeCloseTo(0.05004, 4);
    expect(confidenceBin(result[8]!)).toBe(1);
    expect(confidenceBin(result[4]!)).toBe(0);
  });

  it('counts the area itself once whether or not its list names it', () => {
    const withSelf = lattice(3, 3).map((list, i) => [i, ...list]);
    expect(giStar(values, withSelf).map((r) => r.z)).toEqual(result.map((r) => r.z));
  });

  it('is undefined everywhere when all counts are equal', () => {
    expect(giStar([3, 3, 3, 3], lattice(2, 2)).every((r) => r.z === null)).toBe(true);
  });

  it('finds a planted cluster in a 10 × 10 lattice as a 99 % hot spot', () => {
    const counts = new Array(100).fill(1);
    for (const i of [44, 45, 54, 55]) counts[i] = 12;
    const z = giStar(counts, lattice(10, 10));
    expect(confidenceBin(z[44]!)).toBe(3);
    expect(confidenceBin(z[0]!)).toBe(0);
  });

  it('refuses neighbour lists that do not match the values', () => {
    expect(() => giStar([1, 2], [[1]])).toThrow(/2 values but 1 neighbour lists/);
  });
});

describe('Benjamini–Hochberg false-discovery rate', () => {
  it('finds the textbook cutoff', () => {
    // m = 5, alpha = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05; p(3) = 0.025 ≤ 0.03 is the largest.
    expect(benjaminiHochbergCutoff([0.2, 0.001, 0.025, 0.045, 0.015], 0.05)).toBe(0.025);
    expect(benjaminiHochbergCutoff([0.5, 0.6], 0.05)).toBe(-1);
  });

  it('keeps a bin only where the corrected test rejects too', () => {
    const results = [
      { z: 4, p: 0.00006 },
      { z: 2, p: 0.045 },
      { z: -1.7, p: 0.089 },
      ...Array.from({ length: 20 }, () => ({ z: 0.1, p: 0.92 })),
    ];
    expect(results.map(confidenceBin).slice(0, 3)).toEqual([3, 2, -1]);
    expect(confidenceBinsFdr(results).slice(0, 3)).toEqual([3, 0, 0]);
  });
});
