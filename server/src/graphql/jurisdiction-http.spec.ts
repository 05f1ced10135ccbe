/**
 * Every HTTP route beside GraphQL at village, township and county level: feeds, exports,
 * imports and health answer nothing from outside the jurisdiction (cases in
 * test/jurisdiction/http-cases.ts; their completeness is checked in jurisdiction-matrix.spec.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestApi, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import { ROUTE_CASES } from '../../test/jurisdiction/http-cases.js';
import { prepareLevels, type Level, type LevelName } from '../../test/jurisdiction/levels.js';
import { eachCaseAndLevel } from '../../test/jurisdiction/run.js';

eachDriver('jurisdiction matrix over HTTP', (driver) => {
  let api: TestApi;
  let levels: Record<LevelName, Level>;
  beforeAll(async () => {
    api = await startTestApi(driver);
    levels = await prepareLevels(api);
  });
  afterAll(() => api.stop());

  eachCaseAndLevel(ROUTE_CASES, () => ({ api, levels }));
});
