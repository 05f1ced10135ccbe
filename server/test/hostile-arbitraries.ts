/**
 * The hostile-input registry: every mutation and subscription, and every query that takes arguments, with the
 * permission it needs and, where an argument's type alone would seldom meet a real record,
 * that argument's own arbitrary. Everything else comes from the per-type arbitraries of
 * hostile-inputs.ts, so a new operation needs one entry here, and a new input type one there;
 * hostile-coverage.spec.ts fails by name for any without.
 */
import fc from 'fast-check';
import {
  isEnumType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql/index.js';
import { DEMO_ACCOUNTS } from '../src/auth/demo-accounts.js';
import { can, type Permission, type Role } from '../src/auth/roles.js';
import { CASE_CATEGORIES, RISK_CATEGORIES } from '../src/domain/vocabulary.js';
import { IMPORT_LAYERS } from '../src/imports/mapping.js';
import { wrongType } from './hostile.js';
import { ACCOUNT_MUTATIONS, ACCOUNT_QUERIES, accountInputArbitraries } from './hostile-accounts.js';
import {
  GRID_CODES,
  hostileCaseCode,
  hostileEnum,
  hostileGeoJson,
  hostileId,
  inputArbitraries,
  UNIT_CODES,
  type Known,
} from './hostile-inputs.js';

type Arbitraries = Record<string, fc.Arbitrary<unknown>>;

export interface HostileOperation {
  /**
   * What the operation needs (any of a list); 'signed_in': any account; null: anyone, signed in
   * or not.
   */
  permission: Permission | readonly Permission[] | 'signed_in' | null;
  /**
   * 'self': the operation acts on the caller's own account or session, so it is called by a
   * throwaway account signed in anew for each call (or by nobody), never with a demo account's token.
   */
  actor?: 'self';
  /** Arbitraries of some arguments, by name; `types` holds the per-type ones to build on. */
  args?: (known: Known, types: Arbitraries) => Arbitraries;
  /** Tables a refused call writes on purpose (a failed login counts towards a lockout). */
  refusalWrites?: readonly string[];
  /**
   * A query whose success writes its own audit record on purpose (a view of camera video, which
   * PIPL and 等保 treat as sensitive) and nothing else.
   */
  auditsSuccess?: true;
}

const unitCode = (known: Known) =>
  fc.oneof(fc.constantFrom(...UNIT_CODES, ...GRID_CODES, '371702005001001'), hostileId(known));
/** Real horizons and categories often enough that some calls reach the model. */
const forecastArgs = (known: Known, types: Arbitraries) => ({
  unitCode: unitCode(known),
  horizonDays: fc.oneof(fc.constantFrom(7, 28), types.Int!),
  category: fc.oneof(fc.constantFrom(...CASE_CATEGORIES), types.String!),
});
const riskPointId = (known: Known) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known.riskPointIds) },
    fc.constantFrom('371702005001R9999', '371702005001R0', '371702005001r0001', `${known.riskPointIds[0]} `),
    hostileId(known),
  );
/** Ids of grid changes and imports: numbers as strings, then almost-numbers and hostile ones. */
const serialId = (known: Known) =>
  fc.oneof(
    fc.constantFrom('1', '2', '3', '999999999', '1234567890', '99999999999999999999', '01', '1e3', '0x1', '-1'),
    hostileId(known),
  );
const reason = (types: Arbitraries) => fc.oneof(fc.constant('按人口调整网格'), types.String!);

/** Departments of 牡丹街道 and 牡丹区 as the demo seeds them, then hostile ids. */
const departmentCode = (known: Known) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('37170200500001', '37170200500002', '37170200000007') },
    fc.constantFrom('371702005001', '3717020050000', '37170200500000', '37170300100001'),
    hostileId(known),
  );
const caseMove = (known: Known, types: Arbitraries) => ({
  code: hostileCaseCode(known),
  expectedVersion: fc.oneof(fc.constantFrom(1, ...known.openCases.map((c) => c.version)), types.Int!),
  note: fc.oneof(fc.constantFrom(null, '请牵头办理', '长'.repeat(2001)), types.String!),
});

/** The dispatch moves (departments.ts): the center's need advance_case, a department's answer_case. */
const DISPATCH_MUTATIONS: Readonly<Record<string, HostileOperation>> = {
  updateDepartment: {
    permission: 'manage_departments',
    args: (known, types) => ({
      code: departmentCode(known),
      expectedVersion: fc.oneof(fc.constant(1), types.Int!),
    }),
  },
  dispatchCase: {
    permission: 'advance_case',
    args: (known, types) => ({
      ...caseMove(known, types),
      lead: departmentCode(known),
      assists: fc.oneof(fc.array(departmentCode(known), { maxLength: 10 }), wrongType),
    }),
  },
  addAssistDepartment: {
    permission: 'advance_case',
    args: (known, types) => ({ ...caseMove(known, types), department: departmentCode(known) }),
  },
  rerouteCase: {
    permission: 'advance_case',
    args: (known, types) => ({ ...caseMove(known, types), lead: departmentCode(known) }),
  },
  summonDepartments: { permission: 'advance_case', args: caseMove },
  acceptAssignment: { permission: 'answer_case', args: caseMove },
  returnAssignment: { permission: 'answer_case', args: caseMove },
  requestJointHandling: { permission: 'answer_case', args: caseMove },
  reportToSummons: { permission: 'answer_case', args: caseMove },
};

/** Codes of supervision orders: well-formed ones of the tiny city's units, then hostile ones. */
const supervisionCode = (known: Known) =>
  fc.oneof(
    fc.constantFrom('371702005001C000001', '371702005001P000001', '371702005001C999999', '371702005001X000001'),
    hostileId(known),
  );
const supervisionAnswer = (known: Known, types: Arbitraries) => ({
  code: supervisionCode(known),
  expectedVersion: fc.oneof(fc.constantFrom(0, 1, 2), types.Int!),
  note: fc.oneof(fc.constantFrom(null, '已落实', '长'.repeat(2001)), types.String!),
});

export const MUTATIONS: Readonly<Record<string, HostileOperation>> = {
  ...ACCOUNT_MUTATIONS,
  reportCase: { permission: 'report_case' },
  advanceCase: {
    permission: 'advance_case',
    args: (known, types) => ({
      code: hostileCaseCode(known),
      expectedVersion: fc.oneof(fc.constantFrom(...known.openCases.map((c) => c.version)), types.Int!),
    }),
  },
  commitGridChange: {
    permission: 'edit_grids',
    args: (known, types) => ({
      expectedVersions: fc.oneof(
        fc.constant(known.planningVillage.grids.map((g) => ({ code: g.code, version: g.version }))),
        fc.array(types.GridVersionInput!, { maxLength: 3 }),
        wrongType,
      ),
      effectiveFrom: fc.oneof(
        fc.constantFrom(null, '2026-06-30T09:00:00+08:00', '2026-07-30T00:00:00+08:00'),
        types.DateTime!,
      ),
      reason: reason(types),
      confirmWarnings: fc.oneof(fc.constant(true), types.Boolean!),
    }),
  },
  revertGridChange: {
    permission: 'edit_grids',
    args: (known, types) => ({ id: serialId(known), reason: reason(types) }),
  },
  updateCameraStatus: {
    permission: 'update_cameras',
    args: (known, types) => ({
      updates: fc.oneof(
        { weight: 4, arbitrary: fc.array(types.CameraStatusUpdate!, { minLength: 1, maxLength: 4 }) },
        fc.constant([]),
        fc.constant(Array.from({ length: 5001 }, () => ({ id: known.cameraIds[0], status: 'online' }))),
        fc.constant(
          known.cameraIds
            .slice(0, 2)
            .flatMap((id) => [id, id])
            .map((id) => ({ id, status: 'fault' })),
        ),
        wrongType,
      ),
    }),
  },
  createRiskPoint: { permission: 'edit_risk_points' },
  updateRiskPoint: { permission: 'edit_risk_points', args: (known) => ({ id: riskPointId(known) }) },
  deleteRiskPoint: { permission: 'edit_risk_points', args: (known) => ({ id: riskPointId(known) }) },
  recordInspection: {
    permission: 'record_inspection',
    args: (known, types) => ({
      riskPointId: riskPointId(known),
      note: fc.oneof(fc.constantFrom(null, '巡查正常', '长'.repeat(2001)), types.String!),
    }),
  },
  rollbackImport: { permission: 'import_data', args: (known) => ({ id: serialId(known) }) },
  ...DISPATCH_MUTATIONS,
  issueSupervisionOrder: {
    permission: 'supervise',
    args: (known, types) => ({
      target: fc.oneof(unitCode(known), hostileCaseCode(known)),
      demand: fc.oneof(fc.constantFrom('限期化解', '长'.repeat(2001), ' '), types.String!),
      deadline: fc.oneof(
        fc.constantFrom('2026-07-07T00:00:00+08:00', '2026-06-01T00:00:00+08:00', '2030-01-01T00:00:00+08:00'),
        types.DateTime!,
      ),
    }),
  },
  acknowledgeSupervisionOrder: { permission: 'supervise', args: supervisionAnswer },
  closeSupervisionOrder: { permission: 'supervise', args: supervisionAnswer },
  publishIndex: {
    permission: 'publish_index',
    args: (_, types) => ({
      reason: fc.oneof(fc.constantFrom(null, 'recomputed after late cases'), types.String!),
    }),
  },
};

export const QUERIES: Readonly<Record<string, HostileOperation>> = {
  ...ACCOUNT_QUERIES,
  case: { permission: ['read_map', 'answer_case'], args: (known) => ({ code: hostileCaseCode(known) }) },
  cases: { permission: ['read_map', 'answer_case'] },
  departments: { permission: ['read_map', 'answer_case'], args: (known) => ({ unitCode: unitCode(known) }) },
  adminUnit: { permission: 'read_map', args: (known) => ({ code: unitCode(known) }) },
  adminUnits: { permission: 'read_map', args: (known) => ({ parentCode: unitCode(known) }) },
  grid: { permission: 'read_map', args: (known) => ({ code: unitCode(known) }) },
  grids: { permission: 'read_map' },
  gridPlanningBase: { permission: 'edit_grids', args: (known) => ({ villageCode: unitCode(known) }) },
  proposeGridChange: { permission: 'edit_grids' },
  gridChanges: { permission: 'read_map', args: (known) => ({ villageCode: unitCode(known) }) },
  gridChange: { permission: 'read_map', args: (known) => ({ id: serialId(known) }) },
  splitGridGeometry: {
    permission: 'edit_grids',
    args: (known) => {
      const real = known.planningVillage.grids;
      return {
        polygon: fc.oneof(fc.constantFrom(...real.map((g) => g.geometry)), hostileGeoJson(known)),
        line: fc.oneof(fc.constantFrom(...real.map((g) => g.crossing)), hostileGeoJson(known)),
      };
    },
  },
  mergeGridGeometries: {
    permission: 'edit_grids',
    args: (known, types) => ({
      polygons: fc.oneof(
        fc.constant(known.planningVillage.grids.map((g) => g.geometry)),
        fc.array(types.GeoJSON!, { maxLength: 4 }),
        fc.constant(Array.from({ length: 51 }, () => known.planningVillage.grids[0]!.geometry)),
      ),
    }),
  },
  cameras: { permission: 'read_map' },
  cameraStream: {
    permission: 'read_map',
    auditsSuccess: true,
    args: (known) => ({ cameraId: fc.oneof(fc.constantFrom(...known.cameraIds), hostileId(known)) }),
  },
  riskPoints: {
    permission: 'read_map',
    args: (_, types) => ({
      level: fc.oneof(
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        fc.array(types.Int!, { maxLength: 3 }),
      ),
      category: fc.oneof(fc.array(fc.constantFrom(...RISK_CATEGORIES), { maxLength: 3 }), types.String!),
    }),
  },
  caseStats: { permission: 'read_map' },
  summary: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  imports: {
    permission: 'import_data',
    args: (_, types) => ({ layer: fc.oneof(fc.constantFrom(...IMPORT_LAYERS), types.String!) }),
  },
  stabilityIndex: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  stabilityIndexHistory: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  ranking: { permission: 'read_map', args: (known) => ({ parentCode: unitCode(known) }) },
  hotspots: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  emergingHotspots: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  warnings: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  forecast: { permission: 'read_map', args: (known, types) => forecastArgs(known, types) },
  unitForecast: { permission: 'read_map', args: (known, types) => forecastArgs(known, types) },
  supervisionOrders: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  forecastSkill: {
    permission: 'read_map',
    args: (known, types) => ({ unitCode: unitCode(known), horizonDays: fc.oneof(fc.constantFrom(7, 28), types.Int!) }),
  },
};

/**
 * Every subscription, sent over the WebSocket (hostile-subscriptions.spec.ts): their arguments
 * narrow the stream to a unit, the one argument a subscriber chooses.
 */
export const SUBSCRIPTIONS: Readonly<Record<string, HostileOperation>> = {
  caseChanged: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  cameraStatusChanged: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  gridsChanged: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  warningRaised: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
  indexPublished: { permission: 'read_map', args: (known) => ({ unitCode: unitCode(known) }) },
};

/** A list no request should get away with: a thousand and one of one (small) element. */
function longList(element: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return element.map((e) => (JSON.stringify(e ?? null).length < 1000 ? Array.from({ length: 1001 }, () => e) : [e, e]));
}

/** The arbitrary of a value of `type`: its named type's, in lists of any length, a bare item, null. */
export function arbitraryOf(type: GraphQLInputType, types: Arbitraries): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryOf(type.ofType, types);
  if (isListType(type)) {
    const element = arbitraryOf(type.ofType, types);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(element, { maxLength: 4 }) },
      element,
      fc.constantFrom(null, []),
      longList(element),
    );
  }
  if (isEnumType(type)) return hostileEnum(type);
  const arbitrary = types[type.name];
  if (!arbitrary) throw new Error(`input type ${type.name} has no hostile arbitrary`);
  return arbitrary;
}

/** The variables of a generated document of `field` (see documentOf): one per argument. */
export function variablesOf(
  field: GraphQLField<unknown, unknown>,
  operation: HostileOperation,
  known: Known,
): fc.Arbitrary<Record<string, unknown>> {
  const types = allInputArbitraries(known);
  const own = operation.args?.(known, types) ?? {};
  const model = Object.fromEntries(field.args.map((a) => [a.name, own[a.name] ?? arbitraryOf(a.type, types)]));
  // Optional arguments are sometimes left out; required ones are null only where their arbitrary says so.
  const required = field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  const all = fc.record(model, { requiredKeys: required });
  const optional = field.args.map((a) => a.name).filter((name) => !required.includes(name));
  if (optional.length === 0) return all;
  // With many optional arguments, one of them hostile at a time lets most calls past GraphQL's
  // own checks to the resolver's.
  const one = fc.constantFrom(...optional).chain((name) => {
    const picked = Object.fromEntries([...required, name].map((n) => [n, model[n]!]));
    return fc.record(picked, { requiredKeys: required });
  });
  return fc.oneof(all, one);
}

/** An arbitrary for every input object and scalar type of the schema, by name (enums bring their own). */
export function allInputArbitraries(known: Known): Arbitraries {
  return { ...inputArbitraries(known), ...accountInputArbitraries(known) };
}

/** Whether an account of `role` may perform an operation needing `permission`. */
export function mayPerform(role: Role, permission: HostileOperation['permission']): boolean {
  if (permission === null || permission === 'signed_in') return true;
  return (typeof permission === 'string' ? [permission] : permission).some((p) => can(role, p));
}

/** The demo accounts that may, and may not, perform an operation needing `permission`. */
export function accountsFor(permission: HostileOperation['permission']): { allowed: string[]; refused: string[] } {
  const allowed = DEMO_ACCOUNTS.filter((a) => mayPerform(a.role, permission)).map((a) => a.username);
  const refused = DEMO_ACCOUNTS.map((a) => a.username).filter((u) => !allowed.includes(u));
  return { allowed, refused };
}

/**
 * The schema's fields of `root` that an operation registry must cover: mutations and
 * subscriptions all, queries with arguments.
 */
export function fieldsToCover(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation' | 'Subscription',
): GraphQLField<unknown, unknown>[] {
  const type = {
    Query: schema.getQueryType(),
    Mutation: schema.getMutationType(),
    Subscription: schema.getSubscriptionType(),
  }[root];
  const fields = Object.values(type?.getFields() ?? {});
  return root === 'Query' ? fields.filter((f) => f.args.length > 0) : fields;
}
