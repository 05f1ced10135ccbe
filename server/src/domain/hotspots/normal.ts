/**
 * The standard normal distribution, for z-scores of Gi* and Mann–Kendall. No library offers it
 * in our dependencies, and the tails matter (p-values of 1e-6 must stay accurate), so erfc is
 * computed with the Chebyshev-fitted approximation of Numerical Recipes (erfcc, fractional error
 * below 1.2e-7 everywhere), which keeps its relative accuracy far out in the tail.
 */

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ(z): probability that a standard normal variable is at most z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(|Z| ≥ |z|) for a standard normal Z: the two-sided p-value of a z-score. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}
