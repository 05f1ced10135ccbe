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
    run = { hostile: await startHostileApi(driver), root: 'mutation', numRuns: 10 };
  });
  afterAll(() => run.hostile.api.stop());

  it('sees a committed write in its fingerprint, and no rolled-back one', async () => {
    const { db } = run.hostile.api;
    const touch = 'UPDATE risk_points SET level = level WHERE id = (SELECT min(id) FROM risk_points)';
    const fingerprint = await fingerprinter(db);
    const before = await fingerprint();
    await db
      .transaction(async (tx) => {
        await tx.query(touch);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await fingerprint()).toEqual(before);
    await db.query(touch);
    const after = await fingerprint();
    // With the feed version its trigger bumps.
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['feed_versions', 'risk_points']);
  });

  // A mutation missing from the registry fails hostile-coverage.spec.ts by name.
  for (const field of fieldsToCover(schema, 'Mutation').filter((f) => MUTATIONS[f.name])) {
    it(`${field.name} answers hostile variables cleanly and writes nothing unless it succeeds`, () =>
      assertHostileInputHandled(run, field, MUTATIONS[field.name]!));
  }
});
