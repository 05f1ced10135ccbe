/**
 * Every subscription at village, township and county level: an event outside the jurisdiction
 * never arrives, one inside does (cases in test/jurisdiction/live-cases.ts; their completeness
 * is checked in jurisdiction-matrix.spec.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestApi, TEST_NOW, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import { prepareLevels, type Level, type LevelName } from '../../test/jurisdiction/levels.js';
import { liveCases } from '../../test/jurisdiction/live-cases.js';
import { eachCaseAndLevel } from '../../test/jurisdiction/run.js';
import { EventBus } from '../events/bus.js';

eachDriver('jurisdiction matrix of live events', (driver) => {
  const events = new EventBus();
  let api: TestApi;
  let levels: Record<LevelName, Level>;
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', () => TEST_NOW, events);
    levels = await prepareLevels(api);
  });
  afterAll(() => api.stop());

  eachCaseAndLevel(
    liveCases(() => events),
    () => ({ api, levels }),
  );
});
