import { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, type TestApi } from '../../../test/api.js';
import { ADMIN_LEVELS, CAMERA_KINDS, CAMERA_STATUSES, GRID_KINDS } from '../../domain/vocabulary.js';
import { schema } from '../schema.js';

const UNIT_FIELDS = 'code level name parentCode population households';
const UNIT = `query ($code: ID!) { adminUnit(code: $code) { ${UNIT_FIELDS} } }`;
const COUNTS = `query ($code: ID!) { adminUnit(code: $code) { counts { grids cameras riskPoints openCases } } }`;
const UNITS = `query ($parentCode: ID, $level: AdminLevel) { adminUnits(parentCode: $parentCode, level: $level) { code } }`;

describe('the map layers in the schema', () => {
  it.each([
    ['AdminLevel', ADMIN_LEVELS],
    ['GridKind', GRID_KINDS],
    ['CameraStatus', CAMERA_STATUSES],
    ['CameraKind', CAMERA_KINDS],
  ])('enum %s lists exactly the vocabulary', (name, values) => {
    const type = schema.getType(name) as GraphQLEnumType;
    expect(type.getValues().map((v) => v.name)).toEqual([...values]);
  });

  it('describes every type, field and argument of units, grids, cameras and risk points', () => {
    const names = [
      'AdminLevel',
      'AdminUnitCounts',
      'AdminUnit',
      'GridKind',
      'GridStaff',
      'GridCounts',
      'Grid',
      'GridEdge',
      'GridConnection',
      'CameraStatus',
      'CameraKind',
      'Camera',
      'CameraEdge',
      'CameraConnection',
      'CameraStatusUpdate',
      'RiskLevelName',
      'RiskPoint',
      'RiskPointEdge',
      'RiskPointConnection',
      'RiskPointInput',
    ];
    const undescribed: string[] = [];
    for (const name of names) {
      const type = schema.getType(name);
      if (!type) throw new Error(`type ${name} is missing`);
      if (!type.description) undescribed.push(name);
      if (type instanceof GraphQLObjectType || type instanceof GraphQLInputObjectType) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undescribed.push(`${name}.${field.name}`);
        }
      }
    }
    const roots = ['adminUnit', 'adminUnits', 'grid', 'grids', 'cameras', 'riskPoints'].map(
      (f) => schema.getQueryType()!.getFields()[f]!,
    );
    const mutations = [
      'updateCameraStatus',
      'createRiskPoint',
      'updateRiskPoint',
      'deleteRiskPoint',
      'recordInspection',
    ];
    roots.push(...mutations.map((f) => schema.getMutationType()!.getFields()[f]!));
    for (const field of roots) if (!field.description) undescribed.push(field.name);
    expect(undescribed).toEqual([]);
  });
});

eachDriver('administrative units over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const account of ['demo-village', 'demo-township', 'demo-county', 'demo-city']) {
      tokens[account] = await api.login(account);
    }
  });
  afterAll(() => api.stop());

  const sqlUnit = async (code: string) =>
    (
      await api.db.query(
        `SELECT code, level, name, parent_code AS "parentCode", population, households FROM admin_units WHERE code = $1`,
        [code],
      )
    ).rows[0];
  const sqlCodes = async (where: string, params: unknown[] = []) =>
    (
      await api.db.query<{ code: string }>(`SELECT code FROM admin_units WHERE ${where} ORDER BY code`, params)
    ).rows.map((r) => r.code);

  describe('one unit', () => {
    it('returns the unit as stored when it is inside the jurisdiction', async () => {
      const res = await api.gql(UNIT, { code: '371702005001' }, tokens['demo-village']);
      expect(res.errors).toBeUndefined();
      expect(res.data.adminUnit).toEqual(await sqlUnit('371702005001'));
    });

    it('returns null for the parent township and a sibling village of a village account', async () => {
      for (const code of ['371702005000', '371702005003', '371700000000']) {
        const res = await api.gql(UNIT, { code }, tokens['demo-village']);
        expect(res.data.adminUnit).toBeNull();
      }
    });

    it('gives the parent only when the parent is inside the jurisdiction', async () => {
      const query = `query ($code: ID!) { adminUnit(code: $code) { parentCode parent { code } } }`;
      const village = await api.gql(query, { code: '371702005001' }, tokens['demo-township']);
      expect(village.data.adminUnit).toEqual({ parentCode: '371702005000', parent: { code: '371702005000' } });
      const own = await api.gql(query, { code: '371702005000' }, tokens['demo-township']);
      expect(own.data.adminUnit).toEqual({ parentCode: '371702000000', parent: null });
    });

    it('lists the children one level down, by code', async () => {
      const query = `query ($code: ID!) { adminUnit(code: $code) { children { code level } } }`;
      const city = await api.gql(query, { code: '371700000000' }, tokens['demo-city']);
      const counties = await sqlCodes(`parent_code = '371700000000'`);
      expect(counties.length).toBe(11);
      expect(city.data.adminUnit.children.map((c: { code: string }) => c.code)).toEqual(counties);
      const county = await api.gql(query, { code: '371702000000' }, tokens['demo-county']);
      expect(county.data.adminUnit.children.map((c: { code: string }) => c.code)).toEqual(
        await sqlCodes(`parent_code = '371702000000'`),
      );
      for (const child of county.data.adminUnit.children) expect(child.level).toBe('township');
    });
  });

  describe('counts', () => {
    const sqlCounts = async (prefix: string) =>
      (
        await api.db.query(
          `SELECT
             (SELECT count(*)::int FROM grids WHERE valid_to IS NULL AND left(code, $2) = $1) AS grids,
             (SELECT count(*)::int FROM cameras WHERE left(grid_code, $2) = $1) AS cameras,
             (SELECT count(*)::int FROM risk_points WHERE left(grid_code, $2) = $1) AS "riskPoints",
             (SELECT count(*)::int FROM cases WHERE closed_at IS NULL AND left(village_code, $2) = $1) AS "openCases"`,
          [prefix, prefix.length],
        )
      ).rows[0];

    it.each([
      ['demo-village', '371702005001', '371702005001'],
      ['demo-township', '371702005000', '371702005'],
      ['demo-township', '371702005003', '371702005003'],
      ['demo-city', '371700000000', '3717'],
      ['demo-city', '371702005000', '371702005'],
    ])('counts what lies inside the unit for %s (%s)', async (account, code, prefix) => {
      const res = await api.gql(COUNTS, { code }, tokens[account]);
      expect(res.errors).toBeUndefined();
      expect(res.data.adminUnit.counts).toEqual(await sqlCounts(prefix));
    });

    it('gives a village fewer cameras than its township, and nothing for a village account asking about the township', async () => {
      const village = (await api.gql(COUNTS, { code: '371702005001' }, tokens['demo-village'])).data.adminUnit.counts;
      const township = (await api.gql(COUNTS, { code: '371702005000' }, tokens['demo-township'])).data.adminUnit.counts;
      expect(village.cameras).toBeGreaterThan(0);
      expect(village.cameras).toBeLessThan(township.cameras);
      const refused = await api.gql(COUNTS, { code: '371702005000' }, tokens['demo-village']);
      expect(refused.data.adminUnit).toBeNull();
    });
  });

  describe('lists', () => {
    it('lists only the units inside the jurisdiction, whatever the filter', async () => {
      const villageOwn = await api.gql(UNITS, { level: 'village' }, tokens['demo-village']);
      expect(villageOwn.data.adminUnits).toEqual([{ code: '371702005001' }]);
      const siblings = await api.gql(UNITS, { parentCode: '371702005000' }, tokens['demo-village']);
      expect(siblings.data.adminUnits).toEqual([{ code: '371702005001' }]);
      const all = await api.gql(UNITS, {}, tokens['demo-township']);
      expect(all.data.adminUnits.map((u: { code: string }) => u.code)).toEqual(
        await sqlCodes(`code LIKE '371702005%'`),
      );
    });

    it('filters by parent and level', async () => {
      const villages = await api.gql(UNITS, { parentCode: '371702005000', level: 'village' }, tokens['demo-city']);
      const expected = await sqlCodes(`parent_code = '371702005000' AND level = 'village'`);
      expect(expected.length).toBe(32);
      expect(villages.data.adminUnits.map((u: { code: string }) => u.code)).toEqual(expected);
      const townships = await api.gql(UNITS, { level: 'township' }, tokens['demo-county']);
      expect(townships.data.adminUnits.map((u: { code: string }) => u.code)).toEqual(
        await sqlCodes(`level = 'township' AND code LIKE '371702%'`),
      );
    });

    it('rejects a parentCode that is not a division code', async () => {
      const res = await api.gql(UNITS, { parentCode: '3717' }, tokens['demo-city']);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'parentCode' } });
    });

    it('refuses a reader who has not logged in', async () => {
      const res = await api.gql(UNITS, {});
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('geometry', () => {
    const GEOMETRY = `query ($code: ID!, $m: Float) { adminUnit(code: $code) { geometry(simplifyMeters: $m) } }`;
    const vertices = (g: { coordinates: number[][][][] }) => g.coordinates.flat(2).length;

    it('returns the stored boundary by default and a simplified one when asked', async () => {
      const [stored] = (
        await api.db.query<{ g: string; simplified: string }>(
          `SELECT ST_AsGeoJSON(geom) AS g, ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(geom, 200 / 111320.0))) AS simplified
           FROM admin_units WHERE code = '371700000000'`,
        )
      ).rows;
      const full = await api.gql(GEOMETRY, { code: '371700000000' }, tokens['demo-city']);
      expect(full.data.adminUnit.geometry).toEqual(JSON.parse(stored!.g));
      const simple = await api.gql(GEOMETRY, { code: '371700000000', m: 200 }, tokens['demo-city']);
      expect(simple.data.adminUnit.geometry).toEqual(JSON.parse(stored!.simplified));
      expect(simple.data.adminUnit.geometry.type).toBe('MultiPolygon');
      expect(vertices(simple.data.adminUnit.geometry)).toBeLessThan(vertices(full.data.adminUnit.geometry));
    });

    it.each([-1, 5001, 1e300])('rejects simplifyMeters %s', async (m) => {
      const res = await api.gql(GEOMETRY, { code: '371700000000', m }, tokens['demo-city']);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'simplifyMeters' } });
    });
  });
});
