/** What several benchmarks share: copying the loaded city database, and timing repeated runs. */
import { recreateDatabase } from '../../server/src/db/server-admin.js';

/**
 * A fresh copy `copy` of the database `template` on the server at `adminUrl`. A template cannot be
 * copied while anyone is connected to it, and other benchmarks come and go: wait for them.
 */
export async function copyTemplateDatabase(adminUrl: string, copy: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await recreateDatabase(adminUrl, copy, template);
      return;
    } catch (error) {
      if (attempt >= 30 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** Runs `work` `runs` times, prints each duration and the best under `label`, returns the last result. */
export async function timeRuns<T>(
  label: string,
  runs: number,
  work: () => Promise<T> | T,
  labelWidth = 52,
): Promise<T> {
  let result: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await work();
    ms.push(performance.now() - t);
  }
  console.log(
    `${label.padEnd(labelWidth)} ${ms.map((m) => `${Math.round(m)} ms`).join(', ')}  (best ${Math.round(Math.min(...ms))} ms)`,
  );
  return result!;
}
