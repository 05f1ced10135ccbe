/**
 * The jurisdiction cases of every HTTP route beside GraphQL: feeds decoded, exports parsed,
 * imports dry-run, health counted, each compared with SQL inside the level's prefix.
 */
import { expect } from 'vitest';
import { arrowRows } from '../arrow-rows.js';
import { readGeoPackage } from '../../src/imports/geopackage.js';
import { sqlColumn, sqlCount, type Exemption, type MatrixCase, type MatrixEnv, type Probe } from './cases.js';

export const ROUTE_EXEMPTIONS: Exemption[] = [
  { name: 'USE /graphql', reason: 'GraphQL: every Query and Subscription field has its own case' },
  { name: 'GET /', reason: 'a text page saying the web app is not built', optional: true },
  { name: 'GET /assets/{*path}', reason: 'the built web app: static files, no data', optional: true },
  {
    name: 'GET /^\\/(?!graphql|healthz|feeds|basemap|imports|exports|assets\\/).*/',
    reason: 'the built web app: its page shell, no data',
    optional: true,
  },
  {
    name: 'GET /^\\/(?!graphql|healthz|feeds|basemap|imports|exports|assets\\/).*',
    reason: 'the built web app: its page shell, no data (as the router names it)',
    optional: true,
  },
  {
    name: 'GET /imports/columns',
    reason: 'the column lists every import reads, the same in every jurisdiction (only the own unit is named)',
  },
  {
    name: 'GET /exports/audit.csv',
    reason:
      "the audit record, not governance data: the audit administrator's alone (role matrix, features/audit.spec.ts)",
  },
  ...['style.json', 'roads.geojson', 'units.json', 'boundaries/:file', 'vector/:z/:x/:file', 'tiles/:z/:x/:y'].map(
    (path) => ({
      name: `GET /basemap/${path}`,
      reason: 'deliberately public basemap geography (roads, boundaries, names): the same for everyone',
    }),
  ),
];

const get = ({ api }: MatrixEnv, path: string, token: string) =>
  fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } });

const FEEDS = {
  cameras: 'SELECT id AS v FROM cameras WHERE grid_code LIKE $1 ORDER BY 1',
  'risk-points': 'SELECT id AS v FROM risk_points WHERE grid_code LIKE $1 ORDER BY 1',
  cases: 'SELECT code AS v FROM cases WHERE village_code LIKE $1 ORDER BY 1',
};

const feedIds = async (res: Response) => {
  expect(res.status).toBe(200);
  const rows = arrowRows(new Uint8Array(await res.arrayBuffer()));
  return rows.map((r) => String(r.id).trim()).sort();
};

const bboxOf = (env: MatrixEnv) => env.level.outside.bbox.join(',');

function feedCase(feed: keyof typeof FEEDS): MatrixCase {
  return {
    name: `GET /feeds/${feed}`,
    probes: {
      plain: async (env) => {
        const ids = await feedIds(await get(env, `/feeds/${feed}?ids=1`, env.level.token));
        expect(ids).toEqual(await sqlColumn(env.api, FEEDS[feed], env.level.prefix));
      },
      unit: async (env) => {
        expect((await get(env, `/feeds/${feed}?unit=${env.level.outside.village}`, env.level.token)).status).toBe(404);
      },
      bbox: async (env) => {
        expect(await feedIds(await get(env, `/feeds/${feed}?ids=1&bbox=${bboxOf(env)}`, env.level.token))).toEqual([]);
      },
    },
  };
}

const EXPORTS = {
  cameras: 'SELECT id AS v FROM cameras WHERE grid_code LIKE $1 ORDER BY 1',
  risk_points: 'SELECT id AS v FROM risk_points WHERE grid_code LIKE $1 ORDER BY 1',
  cases: 'SELECT code AS v FROM cases WHERE village_code LIKE $1 ORDER BY 1',
  grids: 'SELECT code AS v FROM grids WHERE valid_to IS NULL AND code LIKE $1 ORDER BY 1',
};

/** The first column (id or code) of every row of an exported CSV. */
async function csvKeys(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  return lines
    .slice(1)
    .map((l) => l.split(',')[0]!)
    .sort();
}

/** The key (id or code) of every feature of an exported GeoPackage. */
async function gpkgKeys(res: Response, layer: string): Promise<string[]> {
  expect(res.status).toBe(200);
  const file = await readGeoPackage(new Uint8Array(await res.arrayBuffer()));
  if (!file.ok) throw new Error(file.error);
  const key = layer === 'cases' || layer === 'grids' ? 'code' : 'id';
  return file.value.records.map((r) => String(r.properties[key])).sort();
}

const exportsCase: MatrixCase = {
  name: 'GET /exports/:file',
  probes: {
    plain: async (env) => {
      for (const [layer, sql] of Object.entries(EXPORTS)) {
        const keys = await csvKeys(await get(env, `/exports/${layer}.csv`, env.level.token));
        expect(keys, layer).toEqual(await sqlColumn(env.api, sql, env.level.prefix));
      }
      const geojson = (await (await get(env, '/exports/grids.geojson', env.level.token)).json()) as {
        features: { properties: { code: string } }[];
      };
      expect(geojson.features.map((f) => f.properties.code).sort()).toEqual(
        await sqlColumn(env.api, EXPORTS.grids, env.level.prefix),
      );
      for (const [layer, sql] of Object.entries(EXPORTS)) {
        const keys = await gpkgKeys(await get(env, `/exports/${layer}.gpkg`, env.level.token), layer);
        expect(keys, `${layer}.gpkg`).toEqual(await sqlColumn(env.api, sql, env.level.prefix));
      }
      const open311 = (await (await get(env, '/exports/cases.open311.json', env.level.token)).json()) as unknown[];
      expect(open311.length).toBe(
        await sqlCount(env.api, 'SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1', env.level.prefix),
      );
    },
    unit: async (env) => {
      for (const layer of Object.keys(EXPORTS)) {
        for (const format of ['csv', 'gpkg']) {
          const res = await get(env, `/exports/${layer}.${format}?unit=${env.level.outside.village}`, env.level.token);
          expect(res.status, `${layer}.${format}`).toBe(404);
        }
      }
    },
    bbox: async (env) => {
      for (const layer of Object.keys(EXPORTS)) {
        expect(await csvKeys(await get(env, `/exports/${layer}.csv?bbox=${bboxOf(env)}`, env.level.token))).toEqual([]);
        const gpkg = await get(env, `/exports/${layer}.gpkg?bbox=${bboxOf(env)}`, env.level.token);
        expect(await gpkgKeys(gpkg, layer), `${layer}.gpkg`).toEqual([]);
      }
    },
  },
};

/** Records of the outside village, as the city's administrator exports them. */
const importOutside: Probe = async (env) => {
  const { api, level } = env;
  const file = await (
    await get(env, `/exports/cameras.csv?unit=${level.outside.village}`, await api.login('demo-admin'))
  ).arrayBuffer();
  const res = await fetch(`${api.base}/imports?layer=cameras&crs=wgs84&dryRun=1&fileName=outside.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${level.adminToken}` },
    body: new Blob([file]),
  });
  const report = (await res.json()) as { counts: Record<string, number>; rejected: { reason: string }[] };
  expect(res.status).toBe(200);
  expect(report.counts).toMatchObject({ inserted: 0, updated: 0 });
  expect(report.rejected.length).toBe(report.counts.read);
  expect(report.rejected.every((r) => r.reason.includes('outside your jurisdiction'))).toBe(true);
};

const healthCase: MatrixCase = {
  name: 'GET /healthz',
  probes: {
    plain: async ({ api, level }) => {
      const anonymous = (await (await fetch(`${api.base}/healthz`)).json()) as { data: unknown };
      expect(anonymous.data).toEqual({ loaded: true, synthetic: true });
      const res = await fetch(`${api.base}/healthz`, { headers: { authorization: `Bearer ${level.adminToken}` } });
      const admin = (await res.json()) as { data: { counts: Record<string, number> } };
      const n = (sql: string) => sqlCount(api, sql, level.prefix);
      expect(admin.data.counts).toEqual({
        adminUnits: await n('SELECT count(*)::int AS n FROM admin_units WHERE code LIKE $1'),
        grids: await n('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1'),
        cameras: await n('SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1'),
        riskPoints: await n('SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE $1'),
        cases: await n('SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1'),
        caseEvents: await n('SELECT count(*)::int AS n FROM case_events WHERE case_code LIKE $1'),
      });
    },
  },
};

/** A stream URL of the level's first online camera, as cameraStream gives it. */
async function insideStream(env: MatrixEnv): Promise<{ id: string; url: string }> {
  const [id] = await sqlColumn(
    env.api,
    "SELECT min(id) AS v FROM cameras WHERE grid_code LIKE $1 AND status = 'online'",
    env.level.prefix,
  );
  const res = await env.api.gql('query ($c: ID!) { cameraStream(cameraId: $c) { url } }', { c: id }, env.level.token);
  return { id: id!, url: res.data.cameraStream.url };
}

/**
 * A stream's token opens its own camera only: pointed at the camera outside, the same token is
 * answered like no stream at all (the test gateway is unreachable, so its own camera is a 502).
 */
function videoCase(name: string, method: 'GET' | 'DELETE'): MatrixCase {
  const path = (url: string) => (method === 'GET' ? url : url.slice(0, url.lastIndexOf('/')));
  const send = (env: MatrixEnv, url: string) => fetch(`${env.api.base}${path(url)}`, { method });
  return {
    name,
    probes: {
      plain: async (env) => {
        const { url } = await insideStream(env);
        expect((await send(env, url)).status).toBe(method === 'GET' ? 502 : 204);
      },
      camera: async (env) => {
        const { id, url } = await insideStream(env);
        const res = await send(env, url.replace(`/video/${id}/`, `/video/${env.level.outside.cameraId}/`));
        expect(res.status).toBe(404);
      },
    },
  };
}

export const ROUTE_CASES: MatrixCase[] = [
  feedCase('cameras'),
  feedCase('risk-points'),
  feedCase('cases'),
  exportsCase,
  { name: 'POST /imports', probes: { 'records outside': importOutside } },
  healthCase,
  videoCase('GET /video/:camera/:token/{*rest}', 'GET'),
  videoCase('DELETE /video/:camera/:token', 'DELETE'),
];

/** The query parameters of each route that say where; each needs a probe pointing outside. */
export const ROUTE_PLACE_PARAMETERS: Record<string, string[]> = {
  'GET /feeds/cameras': ['unit', 'bbox'],
  'GET /feeds/risk-points': ['unit', 'bbox'],
  'GET /feeds/cases': ['unit', 'bbox'],
  'GET /exports/:file': ['unit', 'bbox'],
  'GET /video/:camera/:token/{*rest}': ['camera'],
  'DELETE /video/:camera/:token': ['camera'],
};
