/** Test support: timers on a clock a test moves, and unsigned JWTs with chosen claims. */
import type { Timers } from './session-timing.js';

/** A JWT with these claims (unsigned: only the payload is read). */
export const jwt = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

/** Timers on a clock the test moves. */
export class FakeTimers implements Timers {
  at = 0;
  private pending = new Map<number, { due: number; callback: () => void }>();
  private next = 1;
  now = () => this.at;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { due: this.at + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
  advance(ms: number) {
    this.at += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].due - b[1].due)) {
      if (timer.due <= this.at && this.pending.delete(id)) timer.callback();
    }
  }
}
