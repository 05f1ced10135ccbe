import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, type TestApi } from '../../../test/api.js';

const GRID_FIELDS =
  'code villageCode name kind households population staff { head workers volunteers } version validFrom validTo';
const GRID = `query ($code: ID!) { grid(code: $code) { ${GRID_FIELDS} } }`;
const GRIDS = `query ($area: Area, $first: Int, $after: String) {
  grids(area: $area, first: $first, after: $after) {
    totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`;

eachDriver('grids over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const account of ['demo-village', 'demo-township', 'demo-city']) tokens[account] = await api.login(account);
  });
  afterAll(() => api.stop());

  const sqlCodes = async (where: string, params: unknown[] = []) =>
    (
      await api.db.query<{ code: string }>(
        `SELECT code FROM grids WHERE valid_to IS NULL AND ${where} ORDER BY code`,
        params,
      )
    ).rows.map((r) => r.code);

  /** Every code of the list, walking pages of `first`; fails on a repeated code. */
  const walk = async (token: string, first: number, area?: unknown) => {
    const codes: string[] = [];
    let after: string | null = null;
    let totalCount: number;
    let pages = 0;
    do {
      const res: any = await api.gql(GRIDS, { area, first, after }, token);
      expect(res.errors).toBeUndefined();
      totalCount = res.data.grids.totalCount;
      codes.push(...res.data.grids.edges.map((e: { node: { code: string } }) => e.node.code));
      after = res.data.grids.pageInfo.hasNextPage ? res.data.grids.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(new Set(codes).size).toBe(codes.length);
    return { codes, totalCount, pages };
  };

  describe('one grid', () => {
    it('returns the current grid as stored when it is inside the jurisdiction', async () => {
      const code = (await sqlCodes(`village_code = '371702005001'`))[0]!;
      const res = await api.gql(GRID, { code }, tokens['demo-village']);
      expect(res.errors).toBeUndefined();
      const row = (
        await api.db.query(
          `SELECT code, village_code, name, kind, households, population, staff, version, valid_from, valid_to
           FROM grids WHERE code = $1 AND valid_to IS NULL`,
          [code],
        )
      ).rows[0] as any;
      expect(res.data.grid).toEqual({
        code,
        villageCode: row.village_code,
        name: row.name,
        kind: row.kind,
        households: row.households,
        population: row.population,
        staff: row.staff,
        version: row.version,
        validFrom: row.valid_from.toISOString(),
        validTo: null,
      });
    });

    it('returns null for a grid of another village, and for a code that is no grid', async () => {
      const other = (await sqlCodes(`village_code = '371702005003'`))[0]!;
      expect((await api.gql(GRID, { code: other }, tokens['demo-village'])).data.grid).toBeNull();
      expect((await api.gql(GRID, { code: other }, tokens['demo-township'])).data.grid.code).toBe(other);
      expect((await api.gql(GRID, { code: '371702005001999' }, tokens['demo-township'])).data.grid).toBeNull();
    });

    it('counts the cameras, risk points and open cases assigned to the grid', async () => {
      const codes = await sqlCodes(`village_code = '371702005001'`);
      for (const code of codes) {
        const res = await api.gql(
          `query ($code: ID!) { grid(code: $code) { counts { cameras riskPoints openCases } } }`,
          { code },
          tokens['demo-village'],
        );
        const expected = (
          await api.db.query(
            `SELECT
               (SELECT count(*)::int FROM cameras WHERE grid_code = $1) AS cameras,
               (SELECT count(*)::int FROM risk_points WHERE grid_code = $1) AS "riskPoints",
               (SELECT count(*)::int FROM cases WHERE grid_code = $1 AND closed_at IS NULL) AS "openCases"`,
            [code],
          )
        ).rows[0];
        expect(res.data.grid.counts).toEqual(expected);
      }
    });

    it('returns the boundary as stored or simplified', async () => {
      const code = (await sqlCodes(`village_code = '371702005001'`))[0]!;
      const query = `query ($code: ID!, $m: Float) { grid(code: $code) { geometry(simplifyMeters: $m) } }`;
      const [sql] = (
        await api.db.query<{ g: string; s: string }>(
          `SELECT ST_AsGeoJSON(geom) AS g, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 20 / 111320.0)) AS s
           FROM grids WHERE code = $1 AND valid_to IS NULL`,
          [code],
        )
      ).rows;
      const full = await api.gql(query, { code }, tokens['demo-village']);
      expect(full.data.grid.geometry).toEqual(JSON.parse(sql!.g));
      expect(full.data.grid.geometry.type).toBe('Polygon');
      const simple = await api.gql(query, { code, m: 20 }, tokens['demo-village']);
      expect(simple.data.grid.geometry).toEqual(JSON.parse(sql!.s));
      const bad = await api.gql(query, { code, m: -5 }, tokens['demo-village']);
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'simplifyMeters' } });
    });
  });

  describe('lists', () => {
    it.each([
      ['demo-village', '371702005001%'],
      ['demo-township', '371702005%'],
      ['demo-city', '3717%'],
    ])('pages through exactly the current grids %s may see, with no duplicates', async (account, like) => {
      const { codes, totalCount, pages } = await walk(tokens[account]!, 7);
      const expected = await sqlCodes('code LIKE $1', [like]);
      expect(codes).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      expect(pages).toBe(Math.ceil(expected.length / 7));
    });

    it('gives a village account nothing, not even a count, for another village', async () => {
      const { codes, totalCount } = await walk(tokens['demo-village']!, 50, { unitCode: '371702005003' });
      expect(codes).toEqual([]);
      expect(totalCount).toBe(0);
      const township = await walk(tokens['demo-township']!, 50, { unitCode: '371702005003' });
      expect(township.codes).toEqual(await sqlCodes(`village_code = '371702005003'`));
      expect(township.codes.length).toBeGreaterThan(0);
    });

    it('filters by a bbox as PostGIS intersects it', async () => {
      const [b] = (
        await api.db.query<{ x0: number; y0: number; x1: number; y1: number }>(
          `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, (ST_XMin(e) + ST_XMax(e)) / 2 AS x1, (ST_YMin(e) + ST_YMax(e)) / 2 AS y1
           FROM (SELECT ST_Extent(geom)::geometry AS e FROM grids WHERE valid_to IS NULL) s`,
        )
      ).rows;
      const bbox = [b!.x0, b!.y0, b!.x1, b!.y1];
      const { codes } = await walk(tokens['demo-township']!, 500, { bbox });
      const expected = await sqlCodes(`ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))`, bbox);
      expect(codes).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan((await sqlCodes('true')).length);
    });

    it('rejects a foreign cursor and a page size over the limit', async () => {
      const cursor = await api.gql(GRIDS, { after: 'bm90IGEgY3Vyc29y' }, tokens['demo-township']);
      expect(cursor.errors?.[0]?.extensions?.field).toBe('after');
      const first = await api.gql(GRIDS, { first: 0 }, tokens['demo-township']);
      expect(first.errors?.[0]?.extensions?.field).toBe('first');
    });
  });
});
