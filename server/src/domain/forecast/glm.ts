/**
 * Log-linear count regression: ln μᵢ = offsetᵢ + xᵢ·β, with y Poisson or NB2 (Cameron &
 * Trivedi 2013, §3.2–3.3). β by iteratively reweighted least squares (Fisher scoring, weights
 * μ/(1 + αμ)); α by maximum likelihood with β held, alternated with β — the two are
 * asymptotically uncorrelated in NB2 (Cameron & Trivedi, §3.3.1), so two rounds settle both.
 * The design is column-major: one Float64Array per regressor, the intercept included.
 */
import { nbLogLikelihood } from './negative-binomial.js';

export interface CountRegression {
  beta: Float64Array;
  /** NB2 dispersion α; 0 for a Poisson fit. */
  alpha: number;
  logLikelihood: number;
}

/** Means exp(offset + Xβ). */
export function linearMeans(
  columns: readonly Float64Array[],
  offset: Float64Array,
  beta: ArrayLike<number>,
): Float64Array {
  const n = offset.length;
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = offset[i]!;
    for (let j = 0; j < columns.length; j++) eta += columns[j]![i]! * beta[j]!;
    mu[i] = Math.exp(Math.min(eta, 50));
  }
  return mu;
}

/** Solves the symmetric positive (semi)definite system A x = b by Cholesky, with a tiny ridge. */
function solveSymmetric(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  let trace = 0;
  for (let i = 0; i < p; i++) trace += a[i * p + i]!;
  const ridge = 1e-10 * (trace / p || 1);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]! + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * p + j]!;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * z[k]!;
    z[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/**
 * β maximising the likelihood at dispersion α, by IRLS from `start` (the intercept is the
 * first column). Steps that lower the likelihood are halved.
 */
export function fitBeta(
  columns: readonly Float64Array[],
  y: Float64Array,
  offset: Float64Array,
  alpha: number,
  start?: Float64Array,
): Float64Array {
  const p = columns.length;
  const n = y.length;
  let beta = start ? Float64Array.from(start) : initialBeta(columns, y, offset);
  let mu = linearMeans(columns, offset, beta);
  let ll = nbLogLikelihood(y, mu, alpha);
  // Row-major copy of the design: the accumulation below reads each row whole.
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const column = columns[j]!;
    for (let i = 0; i < n; i++) x[i * p + j] = column[i]!;
  }
  for (let iteration = 0; iteration < 30; iteration++) {
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const w = m / (1 + alpha * m);
      const at = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[at + j]! * beta[j]!;
      const z = eta + (y[i]! - m) / m;
      for (let j = 0; j < p; j++) {
        const wx = w * x[at + j]!;
        xtwz[j]! += wx * z;
        const rowJ = j * p;
        for (let k = 0; k <= j; k++) xtwx[rowJ + k]! += wx * x[at + k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtwx[k * p + j] = xtwx[j * p + k]!;
    const target = solveSymmetric(xtwx, xtwz, p);
    let step = 1;
    let next = target;
    let nextMu = linearMeans(columns, offset, next);
    let nextLl = nbLogLikelihood(y, nextMu, alpha);
    while (!(nextLl >= ll - 1e-9 * Math.abs(ll)) && step > 1e-4) {
      step /= 2;
      next = beta.map((b, j) => b + step * (target[j]! - b));
      nextMu = linearMeans(columns, offset, next);
      nextLl = nbLogLikelihood(y, nextMu, alpha);
    }
    const gain = nextLl - ll;
    beta = next;
    mu = nextMu;
    ll = nextLl;
    if (Math.abs(gain) < 1e-9 * (1 + Math.abs(ll))) break;
  }
  return beta;
}

function initialBeta(columns: readonly Float64Array[], y: Float64Array, offset: Float64Array): Float64Array {
  let sumY = 0;
  let sumExposure = 0;
  for (let i = 0; i < y.length; i++) {
    sumY += y[i]!;
    sumExposure += Math.exp(offset[i]!);
  }
  const beta = new Float64Array(columns.length);
  beta[0] = Math.log(Math.max(sumY, 0.5) / sumExposure);
  return beta;
}

/**
 * The α maximising the NB2 likelihood at means `mu`, searched by golden section on ln α over
 * [1e-6, 100] (the profile likelihood in α is unimodal for these data). The method-of-moments
 * value Σ((y − μ)² − y) / Σμ² (Cameron & Trivedi, §3.2.3), or `near`, centres the bracket.
 */
export function fitDispersion(y: Float64Array, mu: Float64Array, near?: number): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    const d = y[i]! - mu[i]!;
    num += d * d - y[i]!;
    den += mu[i]! * mu[i]!;
  }
  const moments = den > 0 ? num / den : 0;
  // A second round starts near the first round's α and needs a narrower bracket.
  const centre = Math.log(Math.min(100, Math.max(1e-6, near && near > 0 ? near : moments)));
  const width = near && near > 0 ? 1 : 4;
  let lo = Math.max(Math.log(1e-6), centre - width);
  let hi = Math.min(Math.log(100), centre + width);
  const ll = (logAlpha: number) => nbLogLikelihood(y, mu, Math.exp(logAlpha));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = ll(a);
  let fb = ll(b);
  // To 2 % in α: far finer than α is known from the data.
  while (hi - lo > 0.02) {
    if (fa >= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = ll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = ll(b);
    }
  }
  const best = (lo + hi) / 2;
  // At the lower edge the data are no more spread than Poisson: call it Poisson.
  return best <= Math.log(2e-6) ? 0 : Math.exp(best);
}

/** NB2 regression: Poisson IRLS, then α by ML and β by IRLS at that α in turn until α settles. */
export function fitNegativeBinomial(
  columns: readonly Float64Array[],
  y: Float64Array,
  offset: Float64Array,
): CountRegression {
  for (const c of columns)
    if (c.length !== y.length) throw new Error(`fitNegativeBinomial: a column has ${c.length} rows, y has ${y.length}`);
  let beta = fitBeta(columns, y, offset, 0);
  let alpha = 0;
  for (let round = 0; round < 3; round++) {
    const next = fitDispersion(y, linearMeans(columns, offset, beta), alpha);
    // β hardly moves with α (they are nearly orthogonal): stop once α has settled.
    const settled = round > 0 && Math.abs(Math.log((next + 1e-12) / (alpha + 1e-12))) < 0.02;
    alpha = next;
    if (settled) break;
    beta = fitBeta(columns, y, offset, alpha, beta);
  }
  return { beta, alpha, logLikelihood: nbLogLikelihood(y, linearMeans(columns, offset, beta), alpha) };
}
