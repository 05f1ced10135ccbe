/**
 * Seeded pseudo-random numbers. Every random choice of the generator draws from an `Rng`
 * made here, so the same seed gives byte-identical data sets (never Math.random).
 *
 * Each stage derives its own stream from the run seed and a label (`deriveSeed`), so
 * changing how many numbers one stage draws does not shift the numbers of another.
 */

/** sfc32 state advance; returns a uint32. Small, fast and passes PractRand to 2^40+. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** 32-bit FNV-1a of a string, for turning labels into seeds. */
export function hashString32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed for the stream named `label` under the run seed `seed`. */
export function deriveSeed(seed: number, label: string): number {
  let h = hashString32(`${seed >>> 0}:${label}`);
  // murmur3 finaliser: spreads nearby labels far apart.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** exp(mu + sigma·N(0,1)): a positive value with median exp(mu). */
  logNormal(mu: number, sigma: number): number;
  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with probability proportional to weights[i] (all ≥ 0, some > 0). */
  weightedIndex(weights: readonly number[]): number;
  /** Returns a shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
  // Seed sfc32 from splitmix-like mixes of the seed and warm it up, as its authors advise.
  const s = seed >>> 0;
  const raw = sfc32(0x9e3779b9, s, s ^ 0x243f6a88, 1);
  for (let i = 0; i < 15; i++) raw();
  const next = () => raw() / 4294967296;
  let spareNormal: number | null = null;
  const rng: Rng = {
    next,
    int(n) {
      if (!(n >= 1)) throw new Error(`rng.int needs n ≥ 1, got ${n}`);
      return Math.floor(next() * n);
    },
    range(min, max) {
      return min + (max - min) * next();
    },
    chance(p) {
      return next() < p;
    },
    normal() {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    logNormal(mu, sigma) {
      return Math.exp(mu + sigma * rng.normal());
    },
    pick(items) {
      if (items.length === 0) throw new Error('rng.pick on an empty list');
      return items[rng.int(items.length)]!;
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) throw new Error('rng.weightedIndex needs a positive total weight');
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i]!;
        if (x < 0) return i;
      }
      // Rounding can leave x at a hair above zero: take the last positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
      return weights.length - 1;
    },
    shuffled(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
  return rng;
}

/**
 * Draws indices proportional to fixed weights in O(log n) each, for the large draws
 * (hundreds of thousands of points over a hundred thousand atoms).
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0)) throw new Error(`weight ${i} is ${w}; weights must be ≥ 0`);
      sum += w;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  /** An index with probability weights[i] / total; throws when all weights are zero. */
  draw(rng: Rng): number {
    if (!(this.total > 0)) throw new Error('WeightedSampler.draw with no positive weight');
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
