/**
 * Every HTTP route beside GraphQL at village, township and county level: feeds, exports,
 * imports and health answer nothing from outside the jurisdiction (cases in
 * test/jurisdiction/http-cases.ts; their completeness is checked in jurisdiction-matrix.spec.ts).
 */
import { eachDriver } from '../../test/databases.js';
import { ROUTE_CASES } from '../../test/jurisdiction/http-cases.js';
import { eachCaseAndLevel, matrixSuite } from '../../test/jurisdiction/run.js';

eachDriver('jurisdiction matrix over HTTP', (driver) => {
  eachCaseAndLevel(ROUTE_CASES, matrixSuite(driver));
});
