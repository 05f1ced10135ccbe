/**
 * Sample arguments for the role matrix: the least a call needs to pass validation, chosen so
 * that an allowed call writes nothing (it fails after the permission check: an unknown
 * account, a coordinate off the map, a blank reason) and reads inside every business
 * account's jurisdiction (赵楼社区, 371702005001).
 */
import type { SampleEvent } from './role-matrix.js';

const VILLAGE = '371702005001';
const GRID = `${VILLAGE}001`;
const JUNE = { from: '2026-06-01T00:00:00+08:00', to: '2026-06-30T00:00:00+08:00' };
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [115.4, 35.2],
      [115.41, 35.2],
      [115.41, 35.21],
      [115.4, 35.21],
      [115.4, 35.2],
    ],
  ],
};
const ACROSS = {
  type: 'LineString',
  coordinates: [
    [115.405, 35.19],
    [115.405, 35.22],
  ],
};
const NOBODY = 'no-such-account';
const OFF_THE_MAP = { lon: 200, lat: 100 };
const RISK_POINT = { name: '测试', category: 'market', level: 1, responsibleUnit: '测试', ...OFF_THE_MAP };

/** Arguments per root field (`Query.cases`); a field that needs none is absent. */
export const SAMPLE_ARGS: Readonly<Record<string, Record<string, unknown>>> = {
  'Query.case': { code: 'NO-SUCH-CASE' },
  'Query.cases': { first: 1 },
  'Query.adminUnit': { code: VILLAGE },
  'Query.adminUnits': { parentCode: '371702005000' },
  'Query.grid': { code: GRID },
  'Query.grids': { first: 1 },
  'Query.gridPlanningBase': { villageCode: VILLAGE },
  'Query.proposeGridChange': { input: { villageCode: VILLAGE, grids: [] } },
  'Query.gridChanges': { villageCode: VILLAGE, first: 1 },
  'Query.gridChange': { id: '999999' },
  'Query.splitGridGeometry': { polygon: SQUARE, line: ACROSS },
  'Query.mergeGridGeometries': { polygons: [SQUARE] },
  'Query.cameras': { first: 1 },
  // A well-formed id of no camera: answered NOT_FOUND after the permission check.
  'Query.cameraStream': { cameraId: '11000000001325000001' },
  'Query.riskPoints': { first: 1 },
  'Query.caseStats': { groupBy: 'category', ...JUNE },
  'Query.imports': { first: 1 },
  'Query.stabilityIndex': { period: 'month' },
  'Query.stabilityIndexHistory': { period: 'month', ...JUNE },
  'Query.ranking': { period: 'month' },
  'Query.hotspots': JUNE,
  'Query.emergingHotspots': JUNE,
  'Query.warnings': JUNE,
  'Query.forecast': { unitCode: VILLAGE, horizonDays: 7 },
  'Query.unitForecast': { unitCode: VILLAGE, horizonDays: 7 },
  'Query.forecastSkill': { unitCode: VILLAGE },
  'Query.supervisionOrders': { unitCode: VILLAGE },

  'Mutation.login': { username: NOBODY, password: 'wrong' },
  'Mutation.continueSignIn': { challenge: 'no-such-challenge' },
  // The right current password, so that no failed attempt counts towards a lockout.
  'Mutation.changePassword': { currentPassword: 'demo', newPassword: 'short' },
  'Mutation.createAccount': { input: { username: '!', displayName: '测试', jurisdiction: '371700000000' } },
  'Mutation.updateAccount': { username: NOBODY, changes: {} },
  'Mutation.disableAccount': { username: NOBODY },
  'Mutation.enableAccount': { username: NOBODY },
  'Mutation.resetPassword': { username: NOBODY },
  'Mutation.grantRole': { username: NOBODY, role: 'leader' },
  'Mutation.unlockAccount': { username: NOBODY },
  'Mutation.resetSecondFactor': { username: NOBODY },
  'Mutation.endSessions': { username: NOBODY },
  'Mutation.updateSecurityPolicy': {
    policy: {
      password: { minLength: 0, minClasses: 0, forbidUsername: true, historyCount: 0, maxAgeDays: 0 },
      twoFactorRoles: [],
    },
  },
  'Mutation.reportCase': { input: { category: 'neighbour', severity: 'low', source: 'patrol', ...OFF_THE_MAP } },
  'Mutation.advanceCase': { code: 'NO-SUCH-CASE', action: 'advance', expectedVersion: 1 },
  // A well-formed code of no department: answered NOT_FOUND after the permission check.
  'Mutation.updateDepartment': { code: '37170200500099', changes: {}, expectedVersion: 1 },
  'Mutation.dispatchCase': { code: 'NO-SUCH-CASE', lead: '37170200500001', expectedVersion: 1 },
  'Mutation.addAssistDepartment': { code: 'NO-SUCH-CASE', department: '37170200500002', expectedVersion: 1 },
  'Mutation.rerouteCase': { code: 'NO-SUCH-CASE', lead: '37170200500002', expectedVersion: 1 },
  'Mutation.summonDepartments': { code: 'NO-SUCH-CASE', kinds: ['housing'], expectedVersion: 1 },
  'Mutation.acceptAssignment': { code: 'NO-SUCH-CASE', expectedVersion: 1 },
  'Mutation.returnAssignment': { code: 'NO-SUCH-CASE', reason: 'not_ours', expectedVersion: 1 },
  'Mutation.requestJointHandling': { code: 'NO-SUCH-CASE', expectedVersion: 1 },
  'Mutation.reportToSummons': { code: 'NO-SUCH-CASE', note: '已报到', expectedVersion: 1 },
  'Mutation.commitGridChange': { input: { villageCode: VILLAGE, grids: [] }, expectedVersions: [], reason: ' ' },
  'Mutation.revertGridChange': { id: '999999', reason: ' ' },
  'Mutation.updateCameraStatus': { updates: [{ id: '00000000000000000000', status: 'online' }] },
  'Mutation.createRiskPoint': { input: RISK_POINT },
  'Mutation.updateRiskPoint': { id: 'no-such-risk-point', input: RISK_POINT },
  'Mutation.deleteRiskPoint': { id: 'no-such-risk-point' },
  'Mutation.recordInspection': { riskPointId: 'no-such-risk-point' },
  'Mutation.rollbackImport': { id: '999999' },
  'Mutation.publishIndex': { period: 'month', reason: 'x'.repeat(501) },
  'Mutation.issueSupervisionOrder': { target: 'no-such-target', demand: '督办', deadline: '2026-07-07T00:00:00+08:00' },
  'Mutation.acknowledgeSupervisionOrder': { code: 'NO-SUCH-ORDER', expectedVersion: 0 },
  'Mutation.closeSupervisionOrder': { code: 'NO-SUCH-ORDER', expectedVersion: 1, note: '已办结' },
};

const AT = new Date('2026-06-30T10:00:00+08:00');

/** Per subscription, an event inside every business account's jurisdiction. */
export const SAMPLE_EVENTS: Readonly<Record<string, SampleEvent>> = {
  'Subscription.caseChanged': {
    topic: 'caseChanged',
    event: {
      caseCode: 'NO-SUCH-CASE',
      villageCode: VILLAGE,
      at: AT,
      fromStatus: null,
      toStatus: 'registered',
      actor: 'demo-village',
      note: null,
    },
  },
  'Subscription.cameraStatusChanged': {
    topic: 'cameraStatusChanged',
    event: { id: '00000000000000000000', gridCode: GRID, status: 'online', at: AT },
  },
  'Subscription.gridsChanged': {
    topic: 'gridsChanged',
    event: { villageCode: VILLAGE, changeId: '999999', kind: 'reshape', author: 'demo-planner', at: AT },
  },
  'Subscription.warningRaised': {
    topic: 'warningRaised',
    event: {
      id: '999999',
      gridCode: GRID,
      gridName: null,
      day: '2026-06-29',
      measure: 'cases',
      observed: 9,
      expected: 1,
      upperLimit: 4,
      pValue: 0.001,
      raisedAt: AT,
    },
  },
  'Subscription.indexPublished': {
    topic: 'indexPublished',
    event: { period: 'week', periodStart: '2026-06-22', revision: 1, publishedAt: AT },
  },
};

/** Per HTTP route, the request the matrix sends (the route's path with its parameters filled in). */
export const SAMPLE_REQUESTS: Readonly<Record<string, { method: string; path: string }>> = {
  'GET /feeds/cameras': { method: 'GET', path: '/feeds/cameras' },
  'GET /feeds/risk-points': { method: 'GET', path: '/feeds/risk-points' },
  'GET /feeds/cases': { method: 'GET', path: '/feeds/cases' },
  // No layer and no body: refused as bad input after the permission check, nothing imported.
  'POST /imports': { method: 'POST', path: '/imports' },
  'GET /imports/columns': { method: 'GET', path: '/imports/columns' },
  'GET /exports/:file': { method: 'GET', path: `/exports/cameras.csv?unit=${VILLAGE}` },
  'GET /exports/audit.csv': { method: 'GET', path: '/exports/audit.csv?from=2026-06-30T00:00:00Z' },
  'GET /basemap/style.json': { method: 'GET', path: '/basemap/style.json' },
  'GET /basemap/roads.geojson': { method: 'GET', path: '/basemap/roads.geojson' },
  'GET /basemap/units.json': { method: 'GET', path: '/basemap/units.json' },
  'GET /basemap/boundaries/:file': { method: 'GET', path: '/basemap/boundaries/village.geojson' },
  'GET /basemap/vector/:z/:x/:file': { method: 'GET', path: '/basemap/vector/12/3410/1628.pbf' },
  'GET /basemap/tiles/:z/:x/:y': { method: 'GET', path: '/basemap/tiles/0/0/0' },
  'GET /healthz': { method: 'GET', path: '/healthz' },
  // A token of no view: answered 404 whoever asks, the token being the only credential.
  'GET /video/:camera/:token/{*rest}': { method: 'GET', path: '/video/11000000001325000001/no-token/index.m3u8' },
  'DELETE /video/:camera/:token': { method: 'DELETE', path: '/video/11000000001325000001/no-token' },
  'GET /': { method: 'GET', path: '/' },
  'GET /assets/{*path}': { method: 'GET', path: '/assets/no-such-file.js' },
  'GET /^\\/(?!graphql|healthz|feeds|basemap|imports|exports|assets\\/).*/': { method: 'GET', path: '/wall' },
};
