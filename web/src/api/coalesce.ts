/**
 * Runs a refresh a moment after the first of a burst of pokes, and at most once per `waitMs`:
 * a storm of live events (heartbeats, a batch of case moves) costs one refetch, not one each.
 */
export interface Coalesced {
  /** Asks for a run; pokes while one is pending join it. */
  poke(): void;
  /** Drops a pending run (the screen closed). */
  cancel(): void;
}

export function coalesce(run: () => void, waitMs: number): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, waitMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
