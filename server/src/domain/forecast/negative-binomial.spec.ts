import { describe, expect, it } from 'vitest';
import { logGamma, nbCdf, nbInterval, nbLogLikelihood, nbLogPmf, nbPmf, nbQuantile } from './negative-binomial.js';

describe('the negative binomial distribution', () => {
  // size r = 2, mean μ = 3 (α = 0.5), from the definition: P(0) = (r/(r+μ))^r = 0.4² = 0.16 and
  // P(k+1)/P(k) = (k + r)/(k + 1) · μ/(r + μ) = (k + 2)/(k + 1) · 0.6, so P(1) = 0.192, P(2) = 0.1728,
  // P(3) = 0.13824, P(4) = 0.10368, P(5) = 0.0746496, P(6) = 0.05225472, P(7) = 0.035831808,
  // P(8) = 0.0241864704, P(9) = 0.0161243136, P(10) = 0.0106420470. Cumulated: F(2) = 0.5248,
  // F(6) = 0.89362432, F(7) = 0.929456128, F(9) = 0.969766912, F(10) = 0.980408959. These are
  // R's dnbinom(0:10, size = 2, mu = 3); qnbinom(c(.1, .5, .9, .975), size = 2, mu = 3) = 0 2 7 10.
  const hand = [0.16, 0.192, 0.1728, 0.13824, 0.10368, 0.0746496, 0.05225472, 0.035831808];

  it('gives the hand-computed probabilities of size 2, mean 3', () => {
    hand.forEach((p, k) => expect(nbPmf(k, 3, 0.5)).toBeCloseTo(p, 12));
    expect(nbCdf(2, 3, 0.5)).toBeCloseTo(0.5248, 12);
    expect(nbCdf(6, 3, 0.5)).toBeCloseTo(0.89362432, 12);
    expect(nbCdf(10, 3, 0.5)).toBeCloseTo(0.980408959, 9);
  });

  it('gives the hand-computed quantiles and the central intervals built from them', () => {
    expect([0.1, 0.5, 0.9, 0.975].map((q) => nbQuantile(q, 3, 0.5))).toEqual([0, 2, 7, 10]);
    expect(nbInterval(0.8, 3, 0.5)).toEqual({ lower: 0, upper: 7 });
    expect(nbInterval(0.95, 3, 0.5)).toEqual({ lower: 0, upper: 10 });
  });

  it('becomes the Poisson distribution as the dispersion goes to zero', () => {
    // Poisson(2): P(0) = e^-2 = 0.135335283, F(4) = 7e^-2 = 0.947346983; qpois(.975, 2) = 5.
    expect(nbPmf(0, 2, 0)).toBeCloseTo(0.135335283, 9);
    expect(nbCdf(4, 2, 0)).toBeCloseTo(0.947346983, 9);
    expect(nbQuantile(0.975, 2, 0)).toBe(5);
    expect(nbPmf(3, 2, 1e-7)).toBeCloseTo(nbPmf(3, 2, 0), 6);
  });

  it('is the geometric distribution at size 1', () => {
    // r = 1, μ = 4: P(k) = 0.2 · 0.8^k.
    expect(nbPmf(5, 4, 1)).toBeCloseTo(0.2 * 0.8 ** 5, 12);
  });

  it('keeps large means, whose P(0) underflows, accurate', () => {
    const mean = 5000;
    const alpha = 0.01;
    const q = nbQuantile(0.9, mean, alpha);
    expect(nbCdf(q, mean, alpha)).toBeGreaterThanOrEqual(0.9);
    expect(nbCdf(q - 1, mean, alpha)).toBeLessThan(0.9);
    // Mean 5000, sd √(5000 + 0.01 · 5000²) ≈ 502: the 90 % point sits about 1.3 sd above.
    expect(q).toBeGreaterThan(5500);
    expect(q).toBeLessThan(5800);
  });

  it('puts all its mass on 0 when the mean is 0', () => {
    expect(nbPmf(0, 0, 0.3)).toBe(1);
    expect(nbInterval(0.95, 0, 0.3)).toEqual({ lower: 0, upper: 0 });
  });

  it('computes ln Γ to near machine precision', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
  });

  it('has a log-likelihood equal to the sum of its log probabilities', () => {
    const y = [0, 1, 3, 7, 60];
    const mu = [0.2, 1.5, 2.5, 4, 50];
    const direct = y.reduce((s, k, i) => s + nbLogPmf(k, mu[i]!, 0.4), 0);
    expect(nbLogLikelihood(y, mu, 0.4)).toBeCloseTo(direct, 9);
    const poisson = y.reduce((s, k, i) => s + nbLogPmf(k, mu[i]!, 0), 0);
    expect(nbLogLikelihood(y, mu, 0)).toBeCloseTo(poisson, 9);
  });

  it('rejects a negative mean or dispersion by name', () => {
    expect(() => nbPmf(1, -1, 0.5)).toThrow(/mean must be ≥ 0/);
    expect(() => nbPmf(1, 1, -0.5)).toThrow(/dispersion must be ≥ 0/);
  });
});
