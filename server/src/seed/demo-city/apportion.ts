/**
 * Largest-remainder apportionment: integers proportional to weights that add up to an
 * exact total, optionally with a floor and a ceiling per item (e.g. at least one grid per
 * village, at most one grid per atom).
 */
export interface ApportionBounds {
  min?: number | readonly number[];
  max?: number | readonly number[];
}

function boundAt(bound: number | readonly number[] | undefined, i: number, fallback: number): number {
  if (bound === undefined) return fallback;
  return typeof bound === 'number' ? bound : bound[i]!;
}

export function apportionLargestRemainder(
  weights: readonly number[],
  total: number,
  bounds: ApportionBounds = {},
): number[] {
  const n = weights.length;
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion total must be a whole number, got ${total}`);
  const min = weights.map((_, i) => boundAt(bounds.min, i, 0));
  const max = weights.map((_, i) => boundAt(bounds.max, i, Infinity));
  const minSum = min.reduce((s, v) => s + v, 0);
  const maxSum = max.reduce((s, v) => s + v, 0);
  if (minSum > total || maxSum < total) {
    throw new Error(`cannot apportion ${total} within bounds summing to ${minSum}..${maxSum}`);
  }
  for (const w of weights) if (!(w >= 0)) throw new Error(`apportion weights must be ≥ 0, got ${w}`);

  // Fix the items whose proportional share falls outside their bounds, then share the rest.
  const quota = new Array<number>(n).fill(0);
  const fixed = new Array<boolean>(n).fill(false);
  for (;;) {
    let freeTotal = total;
    let freeWeight = 0;
    for (let i = 0; i < n; i++) {
      if (fixed[i]) freeTotal -= quota[i]!;
      else freeWeight += weights[i]!;
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      const q = freeWeight > 0 ? (weights[i]! / freeWeight) * freeTotal : 0;
      quota[i] = q;
    }
    if (freeWeight === 0) {
      // Nothing to weigh by: spread what is left evenly over the free items.
      const free = quota.map((_, i) => i).filter((i) => !fixed[i]);
      for (const i of free) quota[i] = freeTotal / free.length;
    }
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      if (quota[i]! < min[i]!) {
        quota[i] = min[i]!;
        fixed[i] = true;
        changed = true;
      } else if (quota[i]! > max[i]!) {
        quota[i] = max[i]!;
        fixed[i] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const result = quota.map((q) => Math.floor(q + 1e-9));
  let remaining = total - result.reduce((s, v) => s + v, 0);
  const order = quota
    .map((q, i) => ({ i, frac: q - result[i]! }))
    .filter(({ i }) => result[i]! < max[i]!)
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    result[i]!++;
    remaining--;
  }
  if (remaining !== 0) throw new Error(`apportion left ${remaining} unassigned`);
  return result;
}
