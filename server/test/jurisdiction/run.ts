/** The matrix's suites: their test API with the levels prepared, and one test per case and level. */
import { afterAll, beforeAll, it } from 'vitest';
import type { EventBus } from '../../src/events/bus.js';
import { startTestApi, TEST_NOW, type TestApi } from '../api.js';
import type { Driver } from '../databases.js';
import type { MatrixCase } from './cases.js';
import { LEVEL_NAMES, prepareLevels, type Level, type LevelName } from './levels.js';

export interface MatrixSuite {
  api: TestApi;
  levels: Record<LevelName, Level>;
}

/**
 * A test API on its own database with the outside villages planted and every level signed in,
 * made before the suite's tests and stopped after them; its fields are set once they have run.
 */
export function matrixSuite(driver: Driver, events?: EventBus): MatrixSuite {
  const suite = {} as MatrixSuite;
  beforeAll(async () => {
    suite.api = await startTestApi(driver, 'tiny', () => TEST_NOW, events);
    suite.levels = await prepareLevels(suite.api);
  });
  afterAll(() => suite.api.stop());
  return suite;
}

/** Declares one test per case and level, running its probes in turn and naming the one that fails. */
export function eachCaseAndLevel(cases: MatrixCase[], suite: MatrixSuite): void {
  const rows = cases.flatMap((c) => LEVEL_NAMES.map((level) => ({ c, level })));
  it.each(rows.map((r) => ({ ...r, name: r.c.name })))(
    '$name: nothing from outside the $level',
    async ({ c, level }) => {
      const { api, levels } = suite;
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
