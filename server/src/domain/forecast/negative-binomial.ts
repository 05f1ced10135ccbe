/**
 * The negative binomial distribution in the NB2 parameterisation of Cameron & Trivedi
 * (Regression Analysis of Count Data, 2nd ed., 2013, §3.3): mean μ, dispersion α ≥ 0 and
 * variance μ + αμ². It is the Poisson–gamma mixture: a Poisson count whose rate is gamma
 * distributed with mean μ and shape r = 1/α. In R's terms it is `dnbinom(k, size = 1/α, mu = μ)`;
 * α = 0 is the Poisson limit.
 */

/** Below this the distribution is treated as Poisson (r = 1/α would overflow the arithmetic). */
const POISSON_ALPHA = 1e-9;

/** Lanczos coefficients (g = 7, n = 9), relative error near 1e-15 for positive arguments. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`logGamma: argument must be positive, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function checkParameters(mean: number, alpha: number): void {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new Error(`negative binomial: mean must be ≥ 0, got ${mean}`);
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new Error(`negative binomial: dispersion must be ≥ 0, got ${alpha}`);
}

/** ln P(Y = 0). */
function logP0(mean: number, alpha: number): number {
  if (alpha < POISSON_ALPHA) return -mean;
  // r ln(r / (r + μ)) = −r ln(1 + αμ), computed without cancellation for small αμ.
  return -Math.log1p(alpha * mean) / alpha;
}

/** ln P(Y = k) for a whole number k ≥ 0. */
export function nbLogPmf(k: number, mean: number, alpha: number): number {
  checkParameters(mean, alpha);
  if (!Number.isInteger(k) || k < 0) return -Infinity;
  if (mean === 0) return k === 0 ? 0 : -Infinity;
  if (alpha < POISSON_ALPHA) return k * Math.log(mean) - mean - logGamma(k + 1);
  const r = 1 / alpha;
  return (
    logGamma(k + r) -
    logGamma(r) -
    logGamma(k + 1) +
    logP0(mean, alpha) +
    k * Math.log((alpha * mean) / (1 + alpha * mean))
  );
}

/** P(Y = k). */
export function nbPmf(k: number, mean: number, alpha: number): number {
  return Math.exp(nbLogPmf(k, mean, alpha));
}

/**
 * Walks the pmf upwards from 0 with the ratio P(k+1)/P(k) = (k + r)/(k + 1) · αμ/(1 + αμ)
 * (Poisson: μ/(k + 1)), calling `visit` with each k and P(Y ≤ k) until it returns true.
 * The walk is in log space so that large means, whose P(0) underflows, still add up.
 */
function walkCdf(mean: number, alpha: number, visit: (k: number, cdf: number) => boolean): number {
  checkParameters(mean, alpha);
  const poisson = alpha < POISSON_ALPHA;
  const r = poisson ? 0 : 1 / alpha;
  const logRatio = poisson ? Math.log(mean) : Math.log((alpha * mean) / (1 + alpha * mean));
  let logP = logP0(mean, alpha);
  let cdf = Math.exp(logP);
  for (let k = 0; ; k++) {
    if (visit(k, Math.min(1, cdf)) || mean === 0) return k;
    logP += logRatio + Math.log(poisson ? 1 / (k + 1) : (k + r) / (k + 1));
    cdf += Math.exp(logP);
    // The tail beyond μ + 40 sd holds nothing a double can see; stop a runaway walk there.
    if (k > mean + 40 * Math.sqrt(mean + alpha * mean * mean) + 100) return k;
  }
}

/** P(Y ≤ k). */
export function nbCdf(k: number, mean: number, alpha: number): number {
  if (k < 0) return 0;
  let out = 1;
  walkCdf(mean, alpha, (j, cdf) => {
    out = cdf;
    return j >= Math.floor(k);
  });
  return out;
}

/** The q-quantile: the smallest k with P(Y ≤ k) ≥ q, as R's `qnbinom(q, size = 1/α, mu = μ)`. */
export function nbQuantile(q: number, mean: number, alpha: number): number {
  if (!(q >= 0 && q < 1)) throw new Error(`nbQuantile: probability must be in [0, 1), got ${q}`);
  // A hair of tolerance so that a cdf that is q up to rounding counts as reaching q.
  return walkCdf(mean, alpha, (_, cdf) => cdf >= q * (1 - 1e-12));
}

/** A central prediction interval [lower, upper] = [q((1 − level)/2), q((1 + level)/2)]. */
export interface CountInterval {
  lower: number;
  upper: number;
}

/**
 * The central interval of one count at `level` (0.8, 0.95). For a discrete count it holds the
 * value with probability at least `level`, more where the mean is small (at a mean of 0.05 both
 * ends are 0 and the interval holds 95 % of outcomes whatever the level).
 */
export function nbInterval(level: number, mean: number, alpha: number): CountInterval {
  if (!(level > 0 && level < 1)) throw new Error(`nbInterval: level must be in (0, 1), got ${level}`);
  return { lower: nbQuantile((1 - level) / 2, mean, alpha), upper: nbQuantile((1 + level) / 2, mean, alpha) };
}

/**
 * The NB2 log-likelihood of counts `y` with means `mu` and one dispersion α (Cameron & Trivedi
 * 2013, eq. 3.31): Σ [ln Γ(y + r) − ln Γ(r) − ln y! − r ln(1 + αμ) + y ln(αμ / (1 + αμ))],
 * with ln Γ(y + r) − ln Γ(r) = Σ_{j<y} ln(j + r), exact and cheap for the small counts of grids.
 */
export function nbLogLikelihood(y: ArrayLike<number>, mu: ArrayLike<number>, alpha: number): number {
  if (y.length !== mu.length) throw new Error(`nbLogLikelihood: ${y.length} counts but ${mu.length} means`);
  const poisson = alpha < POISSON_ALPHA;
  const r = poisson ? 0 : 1 / alpha;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const k = y[i]!;
    const m = mu[i]!;
    if (poisson) {
      sum += (k > 0 ? k * Math.log(m) : 0) - m - logFactorial(k);
      continue;
    }
    let lg = 0;
    if (k < 50) for (let j = 0; j < k; j++) lg += Math.log(j + r);
    else lg = logGamma(k + r) - logGamma(r);
    sum += lg - logFactorial(k) - r * Math.log1p(alpha * m) + (k > 0 ? k * Math.log((alpha * m) / (1 + alpha * m)) : 0);
  }
  return sum;
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let j = LOG_FACTORIALS.length; j <= k; j++) LOG_FACTORIALS[j] = LOG_FACTORIALS[j - 1]! + Math.log(j);
    return LOG_FACTORIALS[k]!;
  }
  return logGamma(k + 1);
}
