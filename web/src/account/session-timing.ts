/**
 * When a signed-in screen renews its token and when it signs out for being idle. Pure but for
 * the timers, which are passed in (tests drive them with a fake clock).
 *
 * Renewal is timed from the token's own lifetime (its `exp` less its `iat`), counted on this
 * computer's clock from when it arrived: the server's clock and the browser's need not agree.
 */

/** Renew this long before the token would expire, at most; a quarter of its life for short tokens. */
export const RENEW_MARGIN_MS = 2 * 60_000;
/** Never renew sooner than this after the last token arrived (a token that came already old). */
export const MIN_RENEW_DELAY_MS = 10_000;
/** Activity that restarts the idle clock is counted at most this often. */
export const ACTIVITY_THROTTLE_MS = 1_000;

function claims(token: string): { iat?: unknown; exp?: unknown } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as { iat?: unknown; exp?: unknown };
  } catch {
    return null;
  }
}

/** How long a JWT lives from issue to expiry, in ms (its `exp` − `iat`); null if it does not say. */
export function tokenLifetimeMs(token: string): number | null {
  const c = claims(token);
  if (!c || typeof c.iat !== 'number' || typeof c.exp !== 'number' || c.exp <= c.iat) return null;
  return (c.exp - c.iat) * 1000;
}

/** How long after a token arrived to ask for the next one; null: it cannot be told (do not renew). */
export function renewDelayMs(token: string): number | null {
  const lifetime = tokenLifetimeMs(token);
  if (lifetime === null) return null;
  const margin = Math.min(RENEW_MARGIN_MS, lifetime / 4);
  return Math.max(MIN_RENEW_DELAY_MS, lifetime - margin);
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Calls `onIdle` once when `activity()` has not been called for `timeoutMs`. The server ends an
 * idle session on its own; this takes the screen away at the same time instead of leaving what
 * it showed open until the next request is refused.
 */
export class IdleWatch {
  private handle: unknown = null;
  private lastReset = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly timers: Timers = browserTimers,
  ) {
    this.restart();
  }

  /** The person did something (a key, a click, a scroll). */
  activity(): void {
    if (this.stopped || this.timers.now() - this.lastReset < ACTIVITY_THROTTLE_MS) return;
    this.restart();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private restart(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.lastReset = this.timers.now();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      if (this.stopped) return;
      this.stopped = true;
      this.onIdle();
    }, this.timeoutMs);
  }
}
