/**
 * Where regions start growing: spread-out seeds by greedy farthest-point sampling, and
 * the atoms nearest a point (for 街道 and 社区, which cluster around the seat).
 */

export interface AtomCoords {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** The `count` candidate atoms nearest (px, py), nearest first (ties by atom id). */
export function nearestAtoms(
  candidates: ArrayLike<number>,
  px: number,
  py: number,
  count: number,
  at: AtomCoords,
): number[] {
  const scored = Array.from(candidates, (a) => ({ a, d: (at.x[a]! - px) ** 2 + (at.y[a]! - py) ** 2 }));
  scored.sort((p, q) => p.d - q.d || p.a - q.a);
  return scored.slice(0, count).map((s) => s.a);
}

/**
 * Picks `count` candidates, each as far as possible from the ones already chosen and
 * from `fixed`. Without fixed atoms the first pick is `first` (or the first candidate).
 */
export function farthestPointSeeds(
  candidates: ArrayLike<number>,
  count: number,
  at: AtomCoords,
  fixed: readonly number[] = [],
  first?: number,
): number[] {
  const m = candidates.length;
  if (count > m) throw new Error(`cannot pick ${count} seeds from ${m} atoms`);
  const chosen: number[] = [];
  const minDist = new Float64Array(m).fill(Infinity);
  const taken = new Uint8Array(m);
  const update = (atom: number) => {
    const ax = at.x[atom]!;
    const ay = at.y[atom]!;
    for (let i = 0; i < m; i++) {
      const c = candidates[i]!;
      const d = (at.x[c]! - ax) ** 2 + (at.y[c]! - ay) ** 2;
      if (d < minDist[i]!) minDist[i] = d;
      if (c === atom) taken[i] = 1;
    }
  };
  for (const atom of fixed) update(atom);
  if (count === 0) return chosen;
  if (fixed.length === 0) {
    const start = first ?? candidates[0]!;
    chosen.push(start);
    update(start);
  }
  while (chosen.length < count) {
    let best = -1;
    for (let i = 0; i < m; i++) {
      if (!taken[i] && (best < 0 || minDist[i]! > minDist[best]!)) best = i;
    }
    if (best < 0) throw new Error(`only ${chosen.length} of ${count} seeds fit beside the fixed ones`);
    const atom = candidates[best]!;
    chosen.push(atom);
    update(atom);
  }
  return chosen;
}
