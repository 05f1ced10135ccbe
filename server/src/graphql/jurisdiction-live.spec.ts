/**
 * Every subscription at village, township and county level: an event outside the jurisdiction
 * never arrives, one inside does (cases in test/jurisdiction/live-cases.ts; their completeness
 * is checked in jurisdiction-matrix.spec.ts).
 */
import { eachDriver } from '../../test/databases.js';
import { liveCases } from '../../test/jurisdiction/live-cases.js';
import { eachCaseAndLevel, matrixSuite } from '../../test/jurisdiction/run.js';
import { EventBus } from '../events/bus.js';

eachDriver('jurisdiction matrix of live events', (driver) => {
  const events = new EventBus();
  eachCaseAndLevel(
    liveCases(() => events),
    matrixSuite(driver, events),
  );
});
