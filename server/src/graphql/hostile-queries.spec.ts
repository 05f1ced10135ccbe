/**
 * Every query of the schema that takes arguments, with variables from the hostile-input
 * registry, as accounts that may read it and accounts that may not: see
 * assertHostileInputHandled for what must hold (a query never writes).
 */
import { afterAll, beforeAll, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { fieldsToCover, QUERIES } from '../../test/hostile-arbitraries.js';
import { startHostileApi } from '../../test/hostile-setup.js';
import { assertHostileInputHandled, type HostileRun } from '../../test/hostile-run.js';
import { schema } from './schema.js';

eachDriver('hostile arguments to every query', (driver) => {
  let run: HostileRun;
  beforeAll(async () => {
    run = { hostile: await startHostileApi(driver), root: 'query', numRuns: 8 };
  });
  afterAll(() => run.hostile.api.stop());

  // A query missing from the registry fails hostile-coverage.spec.ts by name.
  for (const field of fieldsToCover(schema, 'Query').filter((f) => QUERIES[f.name])) {
    it(`${field.name} answers hostile arguments cleanly and writes nothing`, () =>
      assertHostileInputHandled(run, field, QUERIES[field.name]!));
  }
});
