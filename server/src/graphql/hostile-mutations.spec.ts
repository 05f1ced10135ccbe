/**
 * Every mutation of the schema, with variables from the hostile-input registry, as accounts that
 * may perform it and accounts that may not: see assertHostileInputHandled for what must hold.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { fieldsToCover, MUTATIONS } from '../../test/hostile-arbitraries.js';
import { startHostileApi } from '../../test/hostile-setup.js';
import { assertHostileInputHandled, fingerprinter, type HostileRun } from '../../test/hostile-run.js';
import { schema } from './schema.js';

eachDriver('hostile input to every mutation', (driver) => {
  let run: HostileRun;
  beforeAll(async () => {
    run = { hostile: await startHostileApi(driver), root: 'mutation', numRuns: 20 };
  });
  afterAll(() => run.hostile.api.stop());

  // A mutation missing from the registry fails hostile-coverage.spec.ts by name.
  for (const field of fieldsToCover(schema, 'Mutation').filter((f) => MUTATIONS[f.name])) {
    it(`${field.name} answers hostile variables cleanly and writes nothing unless it succeeds`, () =>
      assertHostileInputHandled(run, field, MUTATIONS[field.name]!));
  }
});

eachDriver('the write fingerprint of the hostile-input runs', (driver) => {
  it('changes with a committed update and not with a rolled-back one', async () => {
    const { api } = await startHostileApi(driver);
    try {
      const fingerprint = await fingerprinter(api.db);
      const before = await fingerprint();
      await api.db
        .transaction(async (tx) => {
          await tx.query(`UPDATE risk_points SET level = level WHERE id = (SELECT min(id) FROM risk_points)`);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await fingerprint()).toEqual(before);
      await api.db.query(`UPDATE risk_points SET level = level WHERE id = (SELECT min(id) FROM risk_points)`);
      const after = await fingerprint();
      expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['risk_points']);
    } finally {
      await api.stop();
    }
  });
});
