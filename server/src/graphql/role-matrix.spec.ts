/**
 * The role matrix: every Query, Mutation and Subscription field and every HTTP route, called
 * by one account of every role (and by nobody), against a table of the permission each needs.
 * A role without it is refused by role (FORBIDDEN, or 403) and a refused mutation leaves its
 * audit record and nothing else; a role with it is not refused by role (it may still fail for
 * its sample arguments: not found, bad input). The table itself must name exactly what the
 * schema and the application offer, so that a new field or route cannot go unjudged.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../app.js';
import { DEMO_ACCOUNTS } from '../auth/demo-accounts.js';
import {
  ADMINISTRATOR_ROLES,
  BUSINESS_ROLES,
  can,
  permissionsOf,
  ROLES,
  type Permission,
  type Role,
} from '../auth/roles.js';
import { EventBus } from '../events/bus.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import { connect } from '../../test/live.js';
import { httpRoutes, operationOf, postGraphQL, probeSubscription, rootFields } from '../../test/role-matrix.js';
import { SAMPLE_ARGS, SAMPLE_EVENTS, SAMPLE_REQUESTS } from '../../test/role-matrix-samples.js';
import { signInWithSecondFactor, TestClock } from '../../test/sign-in.js';
import { schema } from './schema.js';

/**
 * What a field or route needs: nothing (`anyone`), a signed-in account of any role
 * (`signed_in`), a permission, one of several permissions, or (the GraphQL endpoint) whatever
 * the field asked for needs.
 */
type Need = 'anyone' | 'signed_in' | Permission | { anyOf: readonly Permission[] } | 'per_field';

const POLICY: Readonly<Record<string, Need>> = {
  'Query.me': 'anyone',
  'Query.passwordRules': 'signed_in',
  // The security administrator grants roles to the accounts the system administrator made.
  'Query.accounts': { anyOf: ['manage_accounts', 'manage_security'] },
  'Query.securityPolicy': 'manage_security',
  'Query.auditLog': 'read_audit',
  'Query.auditChain': 'read_audit',
  'Query.auditOperations': 'read_audit',
  'Query.layerCounts': 'read_map',
  'Query.dataset': 'read_map',
  // A department reads the cases dispatched to it (the resolvers narrow them), and its center's departments.
  'Query.case': { anyOf: ['read_map', 'answer_case'] },
  'Query.cases': { anyOf: ['read_map', 'answer_case'] },
  'Query.departments': { anyOf: ['read_map', 'answer_case'] },
  'Query.adminUnit': 'read_map',
  'Query.adminUnits': 'read_map',
  'Query.grid': 'read_map',
  'Query.grids': 'read_map',
  'Query.gridPlanningBase': 'edit_grids',
  'Query.proposeGridChange': 'edit_grids',
  'Query.gridChanges': 'read_map',
  'Query.gridChange': 'read_map',
  'Query.gridPlanningSettings': 'read_map',
  'Query.splitGridGeometry': 'edit_grids',
  'Query.mergeGridGeometries': 'edit_grids',
  'Query.cameras': 'read_map',
  'Query.cameraStream': 'read_map',
  'Query.riskPoints': 'read_map',
  'Query.caseStats': 'read_map',
  'Query.summary': 'read_map',
  'Query.imports': 'import_data',
  'Query.stabilityIndex': 'read_map',
  'Query.stabilityIndexHistory': 'read_map',
  'Query.ranking': 'read_map',
  'Query.hotspots': 'read_map',
  'Query.emergingHotspots': 'read_map',
  'Query.warnings': 'read_map',
  'Query.forecast': 'read_map',
  'Query.unitForecast': 'read_map',
  'Query.forecastSkill': 'read_map',
  'Query.supervisionOrders': 'read_map',
  'Query.federationCities': 'read_map',

  'Mutation.login': 'anyone',
  'Mutation.continueSignIn': 'anyone',
  'Mutation.renewToken': 'signed_in',
  // Every account keeps its own password, the wall's included (it expires like any other).
  'Mutation.changePassword': 'signed_in',
  'Mutation.logout': 'signed_in',
  'Mutation.createAccount': 'manage_accounts',
  'Mutation.updateAccount': 'manage_accounts',
  'Mutation.disableAccount': 'manage_accounts',
  'Mutation.enableAccount': 'manage_accounts',
  'Mutation.resetPassword': 'manage_accounts',
  'Mutation.grantRole': 'manage_security',
  'Mutation.unlockAccount': 'manage_security',
  'Mutation.resetSecondFactor': 'manage_security',
  'Mutation.endSessions': 'manage_security',
  'Mutation.updateSecurityPolicy': 'manage_security',
  'Mutation.reportCase': 'report_case',
  'Mutation.advanceCase': 'advance_case',
  // Dispatch is a move of the case, made by the center; answering it is the department's.
  'Mutation.updateDepartment': 'manage_departments',
  'Mutation.dispatchCase': 'advance_case',
  'Mutation.addAssistDepartment': 'advance_case',
  'Mutation.rerouteCase': 'advance_case',
  'Mutation.summonDepartments': 'advance_case',
  'Mutation.acceptAssignment': 'answer_case',
  'Mutation.returnAssignment': 'answer_case',
  'Mutation.requestJointHandling': 'answer_case',
  'Mutation.reportToSummons': 'answer_case',
  'Mutation.commitGridChange': 'edit_grids',
  'Mutation.revertGridChange': 'edit_grids',
  'Mutation.updateCameraStatus': 'update_cameras',
  'Mutation.createRiskPoint': 'edit_risk_points',
  'Mutation.updateRiskPoint': 'edit_risk_points',
  'Mutation.deleteRiskPoint': 'edit_risk_points',
  'Mutation.recordInspection': 'record_inspection',
  'Mutation.rollbackImport': 'import_data',
  'Mutation.publishIndex': 'publish_index',
  'Mutation.issueSupervisionOrder': 'supervise',
  'Mutation.acknowledgeSupervisionOrder': 'supervise',
  'Mutation.closeSupervisionOrder': 'supervise',

  'Subscription.caseChanged': 'read_map',
  'Subscription.cameraStatusChanged': 'read_map',
  'Subscription.gridsChanged': 'read_map',
  'Subscription.warningRaised': 'read_map',
  'Subscription.indexPublished': 'read_map',

  'GET /feeds/cameras': 'read_map',
  'GET /feeds/risk-points': 'read_map',
  'GET /feeds/cases': 'read_map',
  'POST /imports': 'import_data',
  'GET /imports/columns': 'import_data',
  'GET /exports/:file': 'read_map',
  'GET /exports/audit.csv': 'read_audit',
  'USE /graphql': 'per_field',
  // Public geography, the same for everyone (basemap/router.ts), and the server's health.
  'GET /basemap/style.json': 'anyone',
  'GET /basemap/roads.geojson': 'anyone',
  'GET /basemap/units.json': 'anyone',
  'GET /basemap/boundaries/:file': 'anyone',
  'GET /basemap/vector/:z/:x/:file': 'anyone',
  'GET /basemap/tiles/:z/:x/:y': 'anyone',
  'GET /healthz': 'anyone',
  // The signed token in the path is the credential (a player's segment requests carry no
  // bearer): a wrong one is answered 404 alike for everyone (video.spec.ts).
  'GET /video/:camera/:token/{*rest}': 'anyone',
  'DELETE /video/:camera/:token': 'anyone',
};

/** The web app's routes: its build when there is one (dist/web), else a note to build it. */
const WEB_POLICY: Readonly<Record<string, Need>> = existsSync(join(WEB_DIST, 'index.html'))
  ? {
      'GET /assets/{*path}': 'anyone',
      'GET /^\\/(?!graphql|healthz|feeds|basemap|imports|exports|assets\\/).*/': 'anyone',
    }
  : { 'GET /': 'anyone' };

const TABLE: Readonly<Record<string, Need>> = { ...POLICY, ...WEB_POLICY };

/** Who calls: one demo account per role, and nobody (no token). */
interface Principal {
  username: string | null;
  role: Role | null;
}

function allowed(need: Need, role: Role | null): boolean {
  if (need === 'anyone') return true;
  if (role === null) return false;
  if (need === 'signed_in') return true;
  if (need === 'per_field') throw new Error('per_field is judged field by field');
  return typeof need === 'string' ? can(role, need) : need.anyOf.some((p) => can(role, p));
}

const FIELDS = rootFields(schema);
const PRINCIPALS: Principal[] = [
  { username: null, role: null },
  ...ROLES.map((role) => ({ username: DEMO_ACCOUNTS.find((a) => a.role === role)?.username ?? null, role })),
];
const label = (p: Principal) => (p.role ? `${p.username} (${p.role})` : 'nobody');
/** What a principal without the permission is told: refused by role, or asked to sign in. */
const refusalCode = (p: Principal) => (p.role ? 'FORBIDDEN' : 'UNAUTHENTICATED');

const keysAllowed = (role: Role, prefix = '') =>
  Object.keys(TABLE).filter(
    (key) => key.startsWith(prefix) && TABLE[key] !== 'per_field' && allowed(TABLE[key]!, role),
  );

describe('the role matrix policy', () => {
  it('keeps sample arguments and events only for fields the schema has', () => {
    const samples = [...Object.keys(SAMPLE_ARGS), ...Object.keys(SAMPLE_EVENTS)];
    expect(samples.filter((key) => !FIELDS.has(key))).toEqual([]);
  });

  it('has a demo account for every role', () => {
    expect(PRINCIPALS.filter((p) => p.role && !p.username).map((p) => p.role)).toEqual([]);
  });

  it('asks a permission for everything but signing in, the account itself, public geography and the web app', () => {
    const open = Object.keys(TABLE).filter((key) => TABLE[key] === 'anyone' || TABLE[key] === 'signed_in');
    expect(open.filter((key) => !key.startsWith('GET /basemap/') && !(key in WEB_POLICY))).toEqual([
      'Query.me',
      'Query.passwordRules',
      'Mutation.login',
      'Mutation.continueSignIn',
      'Mutation.renewToken',
      'Mutation.changePassword',
      'Mutation.logout',
      'GET /healthz',
      // A camera's stream: its signed token is the credential (video/proxy.ts).
      'GET /video/:camera/:token/{*rest}',
      'DELETE /video/:camera/:token',
    ]);
  });

  it('lets every administrator reach only the sign-in, its own account and its own duties', () => {
    for (const role of ADMINISTRATOR_ROLES) {
      const foreign = keysAllowed(role).filter((key) => {
        const need = TABLE[key]!;
        if (need === 'anyone' || need === 'signed_in') return false;
        const own = permissionsOf(role);
        return typeof need === 'string' ? !own.includes(need as Permission) : !need.anyOf.some((p) => own.includes(p));
      });
      expect(foreign, role).toEqual([]);
    }
  });

  it("lets no business role do any administrator's work", () => {
    const duties: Permission[] = ['manage_accounts', 'manage_security', 'read_audit'];
    for (const role of BUSINESS_ROLES) {
      const found = keysAllowed(role).filter((key) => {
        const need = TABLE[key]!;
        return typeof need === 'object'
          ? need.anyOf.some((p) => duties.includes(p))
          : duties.includes(need as Permission);
      });
      expect(found, role).toEqual([]);
    }
  });

  it("lets a department reach only its cases, its center's departments and its own answers", () => {
    const own = keysAllowed('department').filter((key) => TABLE[key] !== 'anyone' && TABLE[key] !== 'signed_in');
    expect(own).toEqual([
      'Query.case',
      'Query.cases',
      'Query.departments',
      'Mutation.acceptAssignment',
      'Mutation.returnAssignment',
      'Mutation.requestJointHandling',
      'Mutation.reportToSummons',
    ]);
  });

  it('lets the wall screen call no mutation but signing in and out, renewing and its own password', () => {
    expect(keysAllowed('kiosk', 'Mutation.')).toEqual([
      'Mutation.login',
      'Mutation.continueSignIn',
      'Mutation.renewToken',
      'Mutation.changePassword',
      'Mutation.logout',
    ]);
  });
});

eachDriver('the role matrix', (driver) => {
  const clock = new TestClock(TEST_NOW);
  const events = new EventBus();
  let api: TestApi;
  const tokens = new Map<string, string>();
  let routes: string[];

  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', clock.now, events);
    for (const p of PRINCIPALS) {
      if (p.username) tokens.set(p.username, (await signInWithSecondFactor(api, clock, p.username)).token);
    }
    routes = await httpRoutes(api.db);
  });
  afterAll(() => api?.stop());

  const tokenOf = (p: Principal) => (p.username ? tokens.get(p.username)! : null);

  it('judges every field of the schema and every route of the application, and nothing that is gone', () => {
    const offered = [...FIELDS.keys(), ...routes];
    expect(
      offered.filter((key) => !(key in TABLE)),
      'offered but not in the policy table',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((key) => !offered.includes(key)),
      'in the policy table but offered no more',
    ).toEqual([]);
  });

  async function newAuditRows(since: number) {
    const { rows } = await api.db.query<{ username: string | null; operation: string; outcome: string | null }>(
      'SELECT username, operation, outcome FROM audit_log WHERE id > $1 ORDER BY id',
      [since],
    );
    return rows;
  }
  const lastAuditId = async () =>
    Number((await api.db.query<{ id: string | null }>('SELECT max(id) AS id FROM audit_log')).rows[0]!.id ?? 0);

  for (const p of PRINCIPALS) {
    describe(`as ${label(p)}`, () => {
      for (const [key, { kind, field }] of FIELDS) {
        const need = TABLE[key];
        if (kind === 'Subscription') continue;
        const may = need !== undefined && need !== 'per_field' && allowed(need, p.role);
        it(`${may ? 'does not refuse' : 'refuses'} ${key}`, async () => {
          expect(need, `${key} is not in the policy table`).toBeDefined();
          const request = operationOf(kind, field, SAMPLE_ARGS[key] ?? {});
          // Signing out ends the session: it gets one of its own.
          const token =
            key === 'Mutation.logout' && p.username
              ? (await signInWithSecondFactor(api, clock, p.username)).token
              : tokenOf(p);
          const since = await lastAuditId();
          const { status, body } = await postGraphQL(api, request, token);
          const codes = (body.errors ?? []).map((e) => e.extensions?.code);
          if (may) {
            // Refused by role, or a sample the schema rejects, or a fault: all wrong here.
            expect(codes, JSON.stringify(body.errors)).not.toContain('FORBIDDEN');
            for (const code of ['GRAPHQL_VALIDATION_FAILED', 'INTERNAL_SERVER_ERROR']) {
              expect(codes, JSON.stringify(body.errors)).not.toContain(code);
            }
            return;
          }
          expect(codes[0], JSON.stringify(body.errors)).toBe(refusalCode(p));
          if (p.role) expect(status).toBe(200);
          expect(body.data?.[field.name] ?? null).toBeNull();
          if (kind === 'Mutation') {
            expect(await newAuditRows(since)).toEqual([
              {
                username: p.username,
                operation: field.name,
                outcome: p.role ? 'denied_role' : 'unauthenticated',
              },
            ]);
          }
        });
      }

      for (const [key, { field }] of [...FIELDS].filter(([, f]) => f.kind === 'Subscription')) {
        const need = TABLE[key];
        const may = need !== undefined && need !== 'per_field' && allowed(need, p.role);
        it(`${may ? 'delivers' : 'refuses'} ${key}`, async () => {
          expect(need, `${key} is not in the policy table`).toBeDefined();
          const client = connect(api, tokenOf(p) ?? undefined);
          try {
            const request = operationOf('Subscription', field, SAMPLE_ARGS[key] ?? {});
            const answer = await probeSubscription(client, request, events, SAMPLE_EVENTS[key]!);
            if (may) {
              expect(answer).toEqual({ outcome: 'delivered' });
            } else {
              expect(answer.outcome).toBe('refused');
              // Nobody is turned away when connecting, before any operation.
              if (p.role) expect(JSON.stringify(answer)).toContain('"FORBIDDEN"');
            }
          } finally {
            await client.dispose();
          }
        });
      }

      for (const key of Object.keys(TABLE).filter((k) => k.includes(' '))) {
        const need = TABLE[key]!;
        if (need === 'per_field') continue;
        const may = allowed(need, p.role);
        it(`${may ? 'does not refuse' : 'refuses'} ${key}`, async () => {
          const sample = SAMPLE_REQUESTS[key];
          expect(sample, `${key} has no sample request`).toBeDefined();
          const token = tokenOf(p);
          const res = await fetch(`${api.base}${sample!.path}`, {
            method: sample!.method,
            headers: token ? { authorization: `Bearer ${token}` } : {},
          });
          const body = await res.text();
          if (may) {
            expect([401, 403], body.slice(0, 200)).not.toContain(res.status);
            expect(res.status, body.slice(0, 200)).toBeLessThan(500);
          } else {
            expect(res.status, body.slice(0, 200)).toBe(p.role ? 403 : 401);
            expect(JSON.parse(body).error.code).toBe(refusalCode(p));
          }
        });
      }
    });
  }
});
