/**
 * The jurisdiction cases of every Query field: asked plainly, the answer equals SQL inside the
 * level's prefix; pointed at the village outside by any place argument, nothing comes back.
 */
import { expect } from 'vitest';
import { sqlColumn, sqlCount, type Exemption, type MatrixCase, type MatrixEnv, type Probe } from './cases.js';
import { FORECAST_CASES } from './forecast-cases.js';
import { dataOf, expectAllInside, expectNothing } from './inside.js';
import { INDEX_AT, type Level, type Place } from './levels.js';

const WINDOW = { from: '2026-05-04T00:00:00+08:00', to: '2026-06-29T00:00:00+08:00' };

/** Reads without jurisdiction, and why (the audit reads are optional: the audit review adds them). */
export const QUERY_EXEMPTIONS: Exemption[] = [
  { name: 'Query.me', reason: 'the signed-in account itself' },
  { name: 'Query.passwordRules', reason: 'the password policy a sign-in screen shows; no place' },
  { name: 'Query.accounts', reason: "administrator's read (manage_accounts): accounts, not governance data" },
  { name: 'Query.securityPolicy', reason: "administrator's read (manage_security): settings, not governance data" },
  {
    name: 'Query.auditLog',
    reason: "administrator's read (read_audit): the audit record, not governance data",
    optional: true,
  },
  {
    name: 'Query.auditChain',
    reason: "administrator's read (read_audit): the audit record, not governance data",
    optional: true,
  },
  {
    name: 'Query.auditOperations',
    reason: "administrator's read (read_audit): the audit record, not governance data",
    optional: true,
  },
  { name: 'Query.dataset', reason: 'where the data came from: the same for everyone, names no place, counts nothing' },
  { name: 'Query.gridPlanningSettings', reason: 'planning rule thresholds: configuration, no place' },
  { name: 'Query.splitGridGeometry', reason: "pure geometry on the caller's own polygons; reads no table" },
  { name: 'Query.mergeGridGeometries', reason: "pure geometry on the caller's own polygons; reads no table" },
];

type Gql = (env: MatrixEnv, query: string, variables?: Record<string, unknown>) => Promise<any>;
const asViewer: Gql = ({ api, level }, q, v = {}) => api.gql(q, v, level.token);
const asAdmin: Gql = ({ api, level }, q, v = {}) => api.gql(q, v, level.adminToken);

/** A probe that asks `query` with variables from the outside village and expects nothing. */
function outside(
  field: string,
  query: string,
  vars: (o: Place, l: Level) => Record<string, unknown>,
  gql: Gql = asViewer,
): Probe {
  return async (env) =>
    expectNothing(await gql(env, query, vars(env.level.outside, env.level)), field, env.level.prefix);
}

/** The four ways an Area points at the outside village. */
function areaProbes(field: string, query: string): Record<string, Probe> {
  const area: Record<string, (o: Place) => Record<string, unknown>> = {
    'area.unitCode': (o) => ({ unitCode: o.village }),
    'area.bbox': (o) => ({ bbox: o.bbox }),
    'area.near': (o) => ({ near: o.near }),
    'area.polygon': (o) => ({ polygon: o.polygon }),
  };
  return Object.fromEntries(
    Object.entries(area).map(([path, make]) => [path, outside(field, query, (o) => ({ area: make(o) }))]),
  );
}

/** A Relay connection with an area: totals equal SQL, the first page lies inside. */
function connection(field: string, args: string, node: string, sql: string): MatrixCase {
  const page = `{ totalCount edges { node { ${node} } } }`;
  return {
    name: `Query.${field}`,
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, `{ ${field}(first: 500${args}) ${page} }`));
        expect(d[field].totalCount).toBe(await sqlCount(env.api, sql, env.level.prefix));
        expect(d[field].edges.length).toBe(Math.min(500, d[field].totalCount));
        expectAllInside(d, env.level.prefix);
      },
      ...areaProbes(field, `query ($area: Area) { ${field}(area: $area, first: 500${args}) ${page} }`),
    },
  };
}

/** A field reading one record by code: inside it is found, outside it is null. */
function byCode(field: string, arg: string, pick: (p: Place) => string, selection: string): MatrixCase {
  const query = `query ($c: ID!) { ${field}(${arg}: $c) { ${selection} } }`;
  return {
    name: `Query.${field}`,
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, query, { c: pick(env.level.inside) }));
        expect(d[field]).not.toBeNull();
        expectAllInside(d, env.level.prefix);
      },
      [arg]: outside(field, query, (o) => ({ c: pick(o) })),
    },
  };
}

/** A stability read by unitCode: the level's own unit plainly, nothing for the outside one. */
function unitRead(field: string, args: string, selection: string, check: (d: any, env: MatrixEnv) => Promise<void>) {
  const query = `query ($u: ID) { ${field}(unitCode: $u${args}) { ${selection} } }`;
  return {
    name: `Query.${field}`,
    probes: {
      plain: async (env: MatrixEnv) => {
        const d = dataOf(await asViewer(env, query, {}));
        expectAllInside(d, env.level.prefix);
        await check(d[field], env);
      },
      unitCode: outside(field, query, (o) => ({ u: o.village })),
    },
  };
}

const at = `, from: "${WINDOW.from}", to: "${WINDOW.to}"`;

export const QUERY_CASES: MatrixCase[] = [
  {
    name: 'Query.layerCounts',
    probes: {
      plain: async (env) => {
        const d = dataOf(
          await asViewer(env, '{ layerCounts { adminUnits grids cameras riskPoints cases caseEvents } }'),
        );
        const n = (sql: string) => sqlCount(env.api, sql, env.level.prefix);
        expect(d.layerCounts).toEqual({
          adminUnits: await n('SELECT count(*)::int AS n FROM admin_units WHERE code LIKE $1'),
          grids: await n('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1'),
          cameras: await n('SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1'),
          riskPoints: await n('SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE $1'),
          cases: await n('SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1'),
          caseEvents: await n('SELECT count(*)::int AS n FROM case_events WHERE case_code LIKE $1'),
        });
      },
    },
  },
  connection(
    'cases',
    '',
    'code gridCode villageCode',
    'SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1',
  ),
  connection('cameras', '', 'id gridCode', 'SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1'),
  connection('riskPoints', '', 'id gridCode', 'SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE $1'),
  connection(
    'grids',
    '',
    'code villageCode',
    'SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1',
  ),
  byCode('case', 'code', (p) => p.caseCode, 'code villageCode events { caseCode }'),
  {
    name: 'Query.federationCities',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, '{ federationCities { code city stale } }'));
        expect(d.federationCities.length).toBe(
          await sqlCount(
            env.api,
            `SELECT count(*)::int AS n FROM federation_cities WHERE city4 || '00000000' LIKE $1`,
            env.level.prefix,
          ),
        );
        expectAllInside(d, env.level.prefix);
      },
    },
  },
  {
    name: 'Query.supervisionOrders',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, '{ supervisionOrders(first: 500) { code targetCode } }'));
        expect(d.supervisionOrders.length).toBeGreaterThan(0);
        expect(d.supervisionOrders.length).toBe(
          await sqlCount(
            env.api,
            'SELECT count(*)::int AS n FROM supervision_orders WHERE target_code LIKE $1',
            env.level.prefix,
          ),
        );
        expectAllInside(d, env.level.prefix);
      },
      unitCode: outside(
        'supervisionOrders',
        'query ($u: ID) { supervisionOrders(unitCode: $u) { code targetCode } }',
        (o) => ({ u: o.village }),
      ),
    },
  },
  byCode('grid', 'code', (p) => p.grid, 'code villageCode counts { cameras }'),
  byCode('adminUnit', 'code', (p) => p.village, 'code children { code } parent { code }'),
  {
    name: 'Query.departments',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, '{ departments { code centerUnitCode } }'));
        const expected = await sqlColumn(
          env.api,
          'SELECT code AS v FROM departments WHERE center_unit_code LIKE $1 ORDER BY center_unit_code, code',
          env.level.prefix,
        );
        expect(d.departments.map((x: { code: string }) => x.code)).toEqual(expected);
        expectAllInside(d, env.level.prefix);
      },
      // The outside village's township: a center that hosts departments.
      unitCode: outside('departments', 'query ($u: ID) { departments(unitCode: $u) { code centerUnitCode } }', (o) => ({
        u: `${o.village.slice(0, 9)}000`,
      })),
    },
  },
  {
    name: 'Query.adminUnits',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, '{ adminUnits { code parentCode counts { grids openCases } } }'));
        expect(d.adminUnits.length).toBe(
          await sqlCount(env.api, 'SELECT count(*)::int AS n FROM admin_units WHERE code LIKE $1', env.level.prefix),
        );
        expectAllInside(d, env.level.prefix);
      },
      parentCode: outside('adminUnits', 'query ($p: ID) { adminUnits(parentCode: $p) { code } }', (o) => ({
        p: `${o.village.slice(0, 9)}000`,
      })),
    },
  },
  {
    name: 'Query.caseStats',
    probes: {
      plain: async (env) => {
        const total = await sqlCount(
          env.api,
          'SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1',
          env.level.prefix,
        );
        for (const groupBy of ['grid', 'village', 'township', 'county', 'status']) {
          const d = dataOf(await asViewer(env, `{ caseStats(groupBy: ${groupBy}) { key count } }`));
          expect(
            d.caseStats.reduce((s: number, b: { count: number }) => s + b.count, 0),
            groupBy,
          ).toBe(total);
          expectAllInside(d, env.level.prefix);
        }
      },
      ...areaProbes('caseStats', 'query ($area: Area) { caseStats(area: $area, groupBy: grid) { key count } }'),
    },
  },
  {
    name: 'Query.summary',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asViewer(env, '{ summary { unitCode inProgress cameras { total } } }'));
        expect(d.summary.unitCode).toBe(env.level.jurisdiction);
        expect(d.summary.inProgress).toBe(
          await sqlCount(
            env.api,
            'SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND closed_at IS NULL',
            env.level.prefix,
          ),
        );
      },
      unitCode: outside('summary', 'query ($u: ID) { summary(unitCode: $u) { unitCode inProgress } }', (o) => ({
        u: o.village,
      })),
    },
  },
  {
    name: 'Query.gridPlanningBase',
    probes: {
      plain: async (env) => {
        const q = 'query ($v: ID!) { gridPlanningBase(villageCode: $v) { villageCode grids { grid { code } } } }';
        const d = dataOf(await asAdmin(env, q, { v: env.level.inside.village }));
        expect(d.gridPlanningBase.grids.length).toBeGreaterThan(0);
        expectAllInside(d, env.level.prefix);
      },
      villageCode: outside(
        'gridPlanningBase',
        'query ($v: ID!) { gridPlanningBase(villageCode: $v) { villageCode grids { grid { code } } } }',
        (o) => ({ v: o.village }),
        asAdmin,
      ),
    },
  },
  {
    name: 'Query.proposeGridChange',
    probes: {
      'input.villageCode': outside(
        'proposeGridChange',
        'query ($i: GridChangeInput!) { proposeGridChange(input: $i) { valid grids { code households } } }',
        (o) => ({ i: { villageCode: o.village, grids: [{ code: o.grid, geometry: o.polygon }] } }),
        asAdmin,
      ),
      // A grid code of outside inside an own village's plan: refused or flagged, its data never read.
      'input.grids.code': async (env) => {
        const { inside, outside: o } = env.level;
        const res = await asAdmin(
          env,
          'query ($i: GridChangeInput!) { proposeGridChange(input: $i) { valid issues { code } grids { code households } } }',
          { i: { villageCode: inside.village, grids: [{ code: o.grid, geometry: inside.polygon }] } },
        );
        if (res.errors) return expectNothing(res, 'proposeGridChange', env.level.prefix);
        expect(res.data.proposeGridChange.valid).toBe(false);
        expectAllInside(res.data.proposeGridChange.grids, env.level.prefix);
      },
    },
  },
  {
    name: 'Query.gridChanges',
    probes: {
      plain: async (env) => {
        const d = dataOf(
          await asAdmin(env, 'query ($v: ID!) { gridChanges(villageCode: $v) { id villageCode } }', {
            v: env.level.inside.village,
          }),
        );
        expectAllInside(d, env.level.prefix);
      },
      villageCode: outside(
        'gridChanges',
        'query ($v: ID!) { gridChanges(villageCode: $v) { id villageCode } }',
        (o) => ({ v: o.village }),
        asAdmin,
      ),
    },
  },
  {
    name: 'Query.gridChange',
    probes: {
      id: outside('gridChange', 'query ($id: ID!) { gridChange(id: $id) { id villageCode } }', (o) => ({
        id: o.gridChangeId,
      })),
    },
  },
  {
    name: 'Query.imports',
    probes: {
      plain: async (env) => {
        const d = dataOf(await asAdmin(env, '{ imports(first: 100) { id } }'));
        const expected = await sqlColumn(
          env.api,
          'SELECT id AS v FROM imports WHERE jurisdiction_code LIKE $1 ORDER BY id DESC',
          env.level.prefix,
        );
        expect(d.imports.map((i: { id: string }) => i.id)).toEqual(expected);
      },
    },
  },
  unitRead('stabilityIndex', `, period: month, at: "${INDEX_AT}"`, 'unitCode level rank', async (d, env) => {
    expect(d.unitCode).toBe(env.level.jurisdiction);
  }),
  unitRead(
    'stabilityIndexHistory',
    `, period: month, from: "2026-05-01T00:00:00+08:00", to: "${WINDOW.to}"`,
    'unitCode',
    async (d, env) => {
      expect(d.map((i: { unitCode: string }) => i.unitCode)).toEqual([env.level.jurisdiction]);
    },
  ),
  {
    name: 'Query.ranking',
    probes: {
      plain: async (env) => {
        const d = dataOf(
          await asViewer(env, `{ ranking(period: month, at: "${INDEX_AT}") { parentCode entries { unitCode } } }`),
        );
        expect(d.ranking.parentCode).toBe(env.level.jurisdiction);
        expect(d.ranking.entries.length).toBeGreaterThan(0);
        expectAllInside(d, env.level.prefix);
      },
      parentCode: outside(
        'ranking',
        `query ($p: ID) { ranking(parentCode: $p, period: month, at: "${INDEX_AT}") { entries { unitCode } } }`,
        (o) => ({ p: o.village }),
      ),
    },
  },
  {
    name: 'Query.cameraStream',
    probes: {
      plain: async (env) => {
        const [id] = await sqlColumn(
          env.api,
          "SELECT min(id) AS v FROM cameras WHERE grid_code LIKE $1 AND status = 'online'",
          env.level.prefix,
        );
        const q = 'query ($c: ID!) { cameraStream(cameraId: $c) { url protocol } }';
        const d = dataOf(await asViewer(env, q, { c: id }));
        expect(d.cameraStream.url.startsWith(`/video/${id}/`)).toBe(true);
      },
      cameraId: outside('cameraStream', 'query ($c: ID!) { cameraStream(cameraId: $c) { url } }', (o) => ({
        c: o.cameraId,
      })),
    },
  },
  unitRead('hotspots', at, 'gridCode count', async (d) => {
    expect(d.length).toBeGreaterThan(0);
  }),
  unitRead('emergingHotspots', at, 'gridCode', async () => undefined),
  unitRead('warnings', at, 'gridCode day', async (d, env) => {
    const expected = await sqlColumn(
      env.api,
      `SELECT grid_code AS v FROM early_warnings WHERE grid_code LIKE $1 AND day >= '2026-05-04' AND day <= '2026-06-29'
       ORDER BY 1`,
      env.level.prefix,
    );
    expect(d.map((w: { gridCode: string }) => w.gridCode).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  }),
  ...FORECAST_CASES,
];
