/**
 * Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) with binary weights, the area itself
 * included among its neighbours:
 *
 *   Gi* = (Σj wij xj − X̄ Σj wij) / (S √((n Σj wij² − (Σj wij)²) / (n − 1)))
 *
 * with X̄ and S = √(Σ xj²/n − X̄²) taken over all n areas of the study region. With binary
 * weights Σ wij² = Σ wij = ki, the number of neighbours including i itself.
 */
import { twoSidedPValue } from './normal.js';

export interface GiStar {
  /** Null when the statistic is undefined: no variation (S = 0) or i neighbours every area. */
  z: number | null;
  p: number | null;
}

/**
 * Gi* for every area. `neighbours[i]` lists the indexes of the areas touching i (i itself may
 * be listed or not; it is always counted once). Runs in O(n + number of neighbour pairs).
 */
export function giStar(values: ArrayLike<number>, neighbours: readonly (readonly number[])[]): GiStar[] {
  const n = values.length;
  if (neighbours.length !== n) throw new Error(`giStar: ${n} values but ${neighbours.length} neighbour lists`);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  const variance = sumSquares / n - mean * mean;
  // Guard against rounding leaving a tiny variance where all values are equal.
  const s = variance > 1e-12 * Math.max(1, mean * mean) ? Math.sqrt(variance) : 0;
  const out: GiStar[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let local = values[i]!;
    let k = 1;
    for (const j of neighbours[i]!) {
      if (j === i) continue;
      local += values[j]!;
      k++;
    }
    const spread = (n * k - k * k) / (n - 1);
    if (s === 0 || n < 2 || spread <= 0) {
      out[i] = { z: null, p: null };
      continue;
    }
    const z = (local - mean * k) / (s * Math.sqrt(spread));
    out[i] = { z, p: twoSidedPValue(z) };
  }
  return out;
}

/** Confidence levels of the bins: bin ±3 at 99 %, ±2 at 95 %, ±1 at 90 %. */
const BIN_ALPHAS = [0.01, 0.05, 0.1] as const;

/** The bin of one result without FDR correction: ±3/±2/±1 by p ≤ 0.01/0.05/0.10, else 0. */
export function confidenceBin(result: GiStar): -3 | -2 | -1 | 0 | 1 | 2 | 3 {
  if (result.z === null || result.p === null) return 0;
  const level = BIN_ALPHAS.findIndex((alpha) => result.p! <= alpha);
  if (level < 0) return 0;
  const magnitude = (3 - level) as 1 | 2 | 3;
  return result.z > 0 ? magnitude : (-magnitude as -1 | -2 | -3);
}

/**
 * The largest p-value the Benjamini–Hochberg procedure rejects at false-discovery rate `alpha`
 * (−1 when it rejects none): with p sorted ascending, the largest p(k) ≤ k/m · alpha.
 */
export function benjaminiHochbergCutoff(pValues: readonly number[], alpha: number): number {
  const sorted = [...pValues].sort((a, b) => a - b);
  const m = sorted.length;
  for (let k = m; k >= 1; k--) {
    if (sorted[k - 1]! <= (k / m) * alpha) return sorted[k - 1]!;
  }
  return -1;
}

/**
 * Bins with the false-discovery-rate correction (as ArcGIS's Hot Spot Analysis applies it):
 * an area gets bin ±b only when Benjamini–Hochberg at that confidence level rejects its p-value.
 */
export function confidenceBinsFdr(results: readonly GiStar[]): number[] {
  const pValues = results.flatMap((r) => (r.p === null ? [] : [r.p]));
  const cutoffs = BIN_ALPHAS.map((alpha) => benjaminiHochbergCutoff(pValues, alpha));
  return results.map((r) => {
    if (r.z === null || r.p === null) return 0;
    const level = cutoffs.findIndex((cutoff) => r.p! <= cutoff);
    if (level < 0) return 0;
    return Math.sign(r.z) * (3 - level);
  });
}
