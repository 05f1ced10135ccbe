import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

const noJitter = { baseMs: 1000, maxMs: 30_000, jitter: 0 };

describe('backoffDelayMs', () => {
  it('doubles from the base delay', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelayMs(a, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoffDelayMs(5, noJitter)).toBe(30_000);
    expect(backoffDelayMs(10_000, noJitter)).toBe(30_000);
  });

  it('spreads retries by up to the jitter fraction below the delay', () => {
    const settings = { baseMs: 1000, maxMs: 30_000, jitter: 0.3 };
    expect(backoffDelayMs(1, settings, () => 0)).toBe(2000);
    expect(backoffDelayMs(1, settings, () => 1)).toBe(1400);
    expect(backoffDelayMs(1, settings, () => 0.5)).toBe(1700);
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelayMs(-3, noJitter)).toBe(1000);
  });
});
