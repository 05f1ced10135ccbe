/**
 * Runs a task now and then every `periodMs`; after a failure it retries with backoff instead,
 * until the task succeeds again. Never runs the task twice at once. Timers are injectable so
 * tests can drive time.
 */
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js';

export interface PollerOptions {
  task: () => Promise<void>;
  periodMs: number;
  backoff?: BackoffSettings;
  /** Called after every run: ok, or the error it failed with and how many failures in a row. */
  onRun?: (result: { ok: true } | { ok: false; error: unknown; failures: number }) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  random?: () => number;
}

export interface Poller {
  /** Runs the task as soon as possible (after the current run, if one is under way). */
  trigger(): void;
  stop(): void;
}

export function startPoller(options: PollerOptions): Poller {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let running = false;
  let again = false;
  let stopped = false;
  let failures = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void run();
    }, ms);
  };

  const run = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await options.task();
      failures = 0;
      if (!stopped) options.onRun?.({ ok: true });
    } catch (error) {
      failures++;
      if (!stopped) options.onRun?.({ ok: false, error, failures });
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule(0);
    } else {
      schedule(
        failures === 0
          ? options.periodMs
          : backoffDelayMs(failures - 1, options.backoff ?? DEFAULT_BACKOFF, options.random),
      );
    }
  };

  schedule(0);
  return {
    trigger() {
      if (running) again = true;
      else schedule(0);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
