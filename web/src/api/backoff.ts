/**
 * Retry delays after failures: exponential from `baseMs`, capped at `maxMs`, with jitter so a
 * room full of wall screens does not hammer a restarted server in lockstep.
 */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay drawn at random, 0..1: the delay lies in [d × (1 − jitter), d]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1_000, maxMs: 30_000, jitter: 0.3 };

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffDelayMs(
  attempt: number,
  settings: BackoffSettings = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const exponential = settings.baseMs * 2 ** Math.min(Math.max(0, attempt), 30);
  const capped = Math.min(settings.maxMs, exponential);
  return Math.round(capped * (1 - settings.jitter * random()));
}
