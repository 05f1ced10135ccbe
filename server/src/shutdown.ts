/**
 * Stopping the process in order: what started last stops first (the scheduler, then the HTTP
 * and WebSocket connections, then the database, which must close for its files to be
 * consistent), each step once, and the process exits when they are done. A watchdog exits
 * anyway before a service manager's patience (commonly 10 s) runs out and it kills the process
 * mid-write; it names the step that was still running.
 */

/** A little under the 10 s a service manager commonly waits between SIGTERM and SIGKILL. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

export interface ShutdownOptions {
  /** Past this the process exits with code 1 without waiting for the step under way. */
  deadlineMs?: number;
  log?: (message: string) => void;
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Adds a step; steps run one after another, in the reverse order of adding. */
  add(name: string, stop: () => unknown): void;
  /**
   * Runs every step and exits: code 0 when all of them succeeded, 1 when one failed (it is
   * logged and the others still run) or the deadline passed. Later calls only log.
   */
  run(reason: string): Promise<void>;
  /** Runs the shutdown when the process receives one of these signals. */
  onSignals(signals: readonly NodeJS.Signals[]): void;
  /** Whether the shutdown has begun: failures of work it cut short are expected then. */
  readonly started: boolean;
}

export function createShutdown(options: ShutdownOptions = {}): Shutdown {
  const log = options.log ?? ((message: string) => console.log(message));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const steps: { name: string; stop: () => unknown }[] = [];
  let started = false;

  const shutdown: Shutdown = {
    add(name, stop) {
      steps.unshift({ name, stop });
    },
    async run(reason) {
      if (started) {
        log(`${reason}: already shutting down`);
        return;
      }
      started = true;
      log(`${reason}: shutting down`);
      let current = 'the start of the shutdown';
      // Kept referenced: a step waiting on nothing that keeps the process alive must not let it
      // end quietly with code 0 before the database is closed.
      const watchdog = setTimeout(() => {
        log(`shutdown: ${current} did not finish within ${deadlineMs} ms; exiting without waiting for it`);
        exit(1);
      }, deadlineMs);
      let failed = false;
      // A part started while the shutdown runs is not stopped by it: the process exits anyway.
      for (const step of [...steps]) {
        current = step.name;
        try {
          await step.stop();
        } catch (error) {
          failed = true;
          log(`shutdown: ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      clearTimeout(watchdog);
      exit(failed ? 1 : 0);
    },
    onSignals(signals) {
      for (const signal of signals) process.on(signal, () => void shutdown.run(signal));
    },
    get started() {
      return started;
    },
  };
  return shutdown;
}
