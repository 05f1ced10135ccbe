/**
 * How an operator's command on the server (`npm run admin`, `npm run audit`) ends: its exit code,
 * and what it prints when it cannot run: wrong usage (2), a data directory another process owns,
 * with what to do instead (1), a configuration error or any other failure (1).
 */
import { ConfigError } from '../server/src/config.js';
import { DataDirLockedError, SERVER_LABEL } from '../server/src/db/data-dir-lock.js';

/** Wrong arguments: the message says what to type instead; exit code 2. */
export class UsageError extends Error {}

/**
 * Runs the command and exits with its code. `whileServerRuns` is the advice when the running
 * server owns the embedded data directory.
 */
export function runCommand(main: () => Promise<number | void>, whileServerRuns: string): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`usage: ${error.message}`);
        process.exit(2);
      }
      if (error instanceof DataDirLockedError) {
        const advice =
          error.owner.label === SERVER_LABEL ? whileServerRuns : 'Wait for it to finish, then run this again.';
        console.error(`refused: ${error.message}. ${advice}`);
      } else if (error instanceof ConfigError) {
        console.error(`configuration error: ${error.message}`);
      } else {
        console.error(error instanceof Error ? error.message : error);
      }
      process.exit(1);
    },
  );
}
