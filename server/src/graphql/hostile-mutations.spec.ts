/**
 * Every mutation of the schema, with variables from the hostile-input registry, as accounts that
 * may perform it and accounts that may not: see assertHostileInputHandled for what must hold.
 */
import { afterAll, beforeAll, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../auth/demo-accounts.js';
import { startTestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import { fieldsToCover, MUTATIONS } from '../../test/hostile-arbitraries.js';
import { readKnown } from '../../test/hostile-inputs.js';
import { assertHostileInputHandled, type HostileRun } from '../../test/hostile-run.js';
import { schema } from './schema.js';

eachDriver('hostile input to every mutation', (driver) => {
  let run: HostileRun;
  beforeAll(async () => {
    const api = await startTestApi(driver);
    const tokens: Record<string, string> = {};
    // Before the login property, which may lock these accounts.
    for (const { username } of DEMO_ACCOUNTS) tokens[username] = await api.login(username);
    run = { api, known: await readKnown(api.db), tokens, root: 'mutation', numRuns: 20 };
  });
  afterAll(() => run.api.stop());

  // A mutation missing from the registry fails hostile-coverage.spec.ts by name.
  for (const field of fieldsToCover(schema, 'Mutation').filter((f) => MUTATIONS[f.name])) {
    it(`${field.name} answers hostile variables cleanly and writes nothing unless it succeeds`, () =>
      assertHostileInputHandled(run, field, MUTATIONS[field.name]!));
  }
});
