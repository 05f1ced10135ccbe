/** Declares one test per case and level, running its probes in turn and naming the one that fails. */
import { it } from 'vitest';
import type { TestApi } from '../api.js';
import type { MatrixCase } from './cases.js';
import { LEVEL_NAMES, type Level, type LevelName } from './levels.js';

export function eachCaseAndLevel(
  cases: MatrixCase[],
  suite: () => { api: TestApi; levels: Record<LevelName, Level> },
): void {
  const rows = cases.flatMap((c) => LEVEL_NAMES.map((level) => ({ c, level })));
  it.each(rows.map((r) => ({ ...r, name: r.c.name })))(
    '$name: nothing from outside the $level',
    async ({ c, level }) => {
      const { api, levels } = suite();
      for (const [probe, run] of Object.entries(c.probes)) {
        try {
          await run({ api, level: levels[level] });
        } catch (error) {
          if (error instanceof Error) error.message = `${c.name} [${probe}]: ${error.message}`;
          throw error;
        }
      }
    },
  );
}
