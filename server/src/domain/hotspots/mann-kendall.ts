/**
 * The Mann–Kendall trend test (Mann 1945; Kendall 1975), as given by Gilbert (1987, ch. 16):
 * S = Σ_{i<j} sgn(xj − xi); Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t
 * tied values; Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 otherwise (continuity
 * correction); two-sided p from the normal distribution.
 */
import { twoSidedPValue } from './normal.js';

export interface MannKendall {
  s: number;
  variance: number;
  z: number;
  p: number;
}

export function mannKendall(series: readonly number[]): MannKendall {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - series[i]!);
  }
  const ties = new Map<number, number>();
  for (const x of series) ties.set(x, (ties.get(x) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { s, variance, z, p: twoSidedPValue(z) };
}
