/**
 * Every subscription of the schema, with arguments from the hostile-input registry, sent over
 * the WebSocket as accounts that may subscribe, accounts that may not and nobody: see
 * assertHostileSubscriptionHandled for what must hold.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { fieldsToCover, SUBSCRIPTIONS } from '../../test/hostile-arbitraries.js';
import { startHostileApi, type HostileApi } from '../../test/hostile-setup.js';
import { assertHostileSubscriptionHandled } from '../../test/hostile-socket.js';
import { SAMPLE_EVENTS } from '../../test/role-matrix-samples.js';
import { schema } from './schema.js';

eachDriver('hostile arguments to every subscription, over the WebSocket', (driver) => {
  let hostile: HostileApi;
  beforeAll(async () => {
    hostile = await startHostileApi(driver);
  });
  afterAll(() => hostile.api.stop());

  // A subscription missing from the registry fails hostile-coverage.spec.ts by name.
  for (const field of fieldsToCover(schema, 'Subscription').filter((f) => SUBSCRIPTIONS[f.name])) {
    it(`${field.name} answers hostile arguments cleanly, accepts only accounts that may subscribe, and writes nothing`, async () => {
      const sample = SAMPLE_EVENTS[`Subscription.${field.name}`];
      expect(sample, `test/role-matrix-samples.ts has no sample event for ${field.name}`).toBeDefined();
      await assertHostileSubscriptionHandled(hostile, field, SUBSCRIPTIONS[field.name]!, sample!, 16);
    });
  }
});
