/**
 * Control limits for daily counts against a baseline: Poisson limits (counts of rare events
 * are Poisson when cases arrive independently) and an EWMA chart (Roberts 1959), which reacts to
 * smaller sustained shifts. Pure arithmetic, in log space so that large means do not overflow.
 */

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** P(X = k) for X ~ Poisson(mean). */
export function poissonPmf(k: number, mean: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(mean) - mean - logFactorial(k));
}

/** P(X ≤ k). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= Math.floor(k); i++) {
    term *= mean / i;
    sum += term;
  }
  // For large means exp(−mean) underflows; fall back to summing in log space.
  if (term === 0 && mean > 700) {
    sum = 0;
    for (let i = 0; i <= Math.floor(k); i++) sum += poissonPmf(i, mean);
  }
  return Math.min(1, sum);
}

/** P(X ≥ k): the one-sided p-value of observing k or more. */
export function poissonUpperTail(k: number, mean: number): number {
  return k <= 0 ? 1 : Math.max(0, 1 - poissonCdf(k - 1, mean));
}

/** The smallest k with P(X ≤ k) ≥ probability. */
export function poissonQuantile(probability: number, mean: number): number {
  if (!(probability > 0 && probability < 1))
    throw new Error(`poissonQuantile: probability ${probability} not in (0, 1)`);
  let k = 0;
  let term = Math.exp(-mean);
  let sum = term;
  if (term === 0) {
    // Start near the mean where exp(−mean) underflows (means above ~745).
    k = Math.max(0, Math.floor(mean - 10 * Math.sqrt(mean)));
    sum = poissonCdf(k, mean);
    term = poissonPmf(k, mean);
  }
  while (sum < probability) {
    k++;
    term *= mean / k;
    sum += term;
  }
  return k;
}

export interface PoissonCheck {
  expected: number;
  upperLimit: number;
  /** P(X ≥ observed) under the baseline. */
  pValue: number;
  alarm: boolean;
}

/**
 * Compares today's count with the mean of a baseline window. The baseline rate gets half a
 * case added over the window, so a grid with no cases in the window does not alarm on every
 * single case (a zero mean would put the limit at 0). Alarm when observed exceeds the one-sided
 * (1 − alpha) Poisson quantile.
 */
export function poissonControl(observed: number, baseline: readonly number[], alpha = 0.001): PoissonCheck {
  const days = Math.max(1, baseline.length);
  const expected = (baseline.reduce((a, b) => a + b, 0) + 0.5) / days;
  const upperLimit = poissonQuantile(1 - alpha, expected);
  return { expected, upperLimit, pValue: poissonUpperTail(observed, expected), alarm: observed > upperLimit };
}

export interface EwmaPoint {
  value: number;
  statistic: number;
  upperLimit: number;
  alarm: boolean;
}

/**
 * EWMA chart of a series against a known in-control mean and standard deviation:
 * zt = λ xt + (1 − λ) zt−1, z0 = mean; UCL = mean + L σ √(λ/(2 − λ) · (1 − (1 − λ)^(2t))).
 */
export function ewmaChart(series: readonly number[], mean: number, sd: number, lambda = 0.2, width = 3): EwmaPoint[] {
  let z = mean;
  return series.map((value, i) => {
    z = lambda * value + (1 - lambda) * z;
    const t = i + 1;
    const upperLimit = mean + width * sd * Math.sqrt((lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t)));
    return { value, statistic: z, upperLimit, alarm: z > upperLimit };
  });
}
