import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { addVillageOperator, startTestApi, TEST_NOW, type TestApi, walkConnection } from '../../../test/api.js';

const POINT_FIELDS = 'id name category level levelName responsibleUnit lastInspectedAt gridCode location';
const RISK_POINTS = `query ($area: Area, $level: [Int!], $category: [String!], $first: Int, $after: String) {
  riskPoints(area: $area, level: $level, category: $category, first: $first, after: $after) {
    totalCount edges { node { ${POINT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation ($input: RiskPointInput!) { createRiskPoint(input: $input) { ${POINT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: RiskPointInput!) { updateRiskPoint(id: $id, input: $input) { ${POINT_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteRiskPoint(id: $id) }';
const INSPECT = `mutation ($id: ID!, $note: String) { recordInspection(riskPointId: $id, note: $note) { ${POINT_FIELDS} } }`;

eachDriver('risk points over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  /** A point inside a grid of village 371702005001, and one inside village 371702005003. */
  let inOwn: { lon: number; lat: number; grid: string };
  let inOther: { lon: number; lat: number; grid: string };

  beforeAll(async () => {
    api = await startTestApi(driver);
    // An operator of one village, to meet risk points outside the jurisdiction with edit rights.
    await addVillageOperator(api.db);
    for (const account of ['demo-village', 'demo-township', 'demo-city', 'demo-wall', 'village-operator']) {
      tokens[account] = await api.login(account);
    }
    const point = async (village: string) =>
      (
        await api.db.query<{ lon: number; lat: number; grid: string }>(
          `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, code AS grid
           FROM (SELECT ST_PointOnSurface(geom) AS p, code FROM grids
                 WHERE village_code = $1 AND valid_to IS NULL ORDER BY code LIMIT 1) s`,
          [village],
        )
      ).rows[0]!;
    inOwn = await point('371702005001');
    inOther = await point('371702005003');
  });
  afterAll(() => api.stop());

  const input = (at: { lon: number; lat: number }, overrides: Record<string, unknown> = {}) => ({
    name: '赵楼农贸市场',
    category: 'market',
    level: 2,
    responsibleUnit: '牡丹街道市场监管所',
    lon: at.lon,
    lat: at.lat,
    ...overrides,
  });
  const count = async (sql: string, params: unknown[] = []) =>
    (await api.db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const failedAudits = (operation: string) =>
    count('SELECT count(*)::int AS n FROM audit_log WHERE operation = $1 AND NOT success', [operation]);
  const ownPointId = async (village = '371702005001') =>
    (
      await api.db.query<{ id: string }>('SELECT id FROM risk_points WHERE grid_code LIKE $1 ORDER BY id LIMIT 1', [
        `${village}%`,
      ])
    ).rows[0]!.id;

  const walk = (token: string, first: number, variables: Record<string, unknown> = {}) =>
    walkConnection(api, RISK_POINTS, 'riskPoints', token, first, variables);

  describe('listing', () => {
    it.each([
      ['demo-village', '371702005001%'],
      ['demo-township', '371702005%'],
      ['demo-city', '3717%'],
    ])('pages through exactly the risk points %s may see, by id', async (account, like) => {
      const { nodes, totalCount } = await walk(tokens[account]!, 9);
      const { rows } = await api.db.query<any>(
        `SELECT id, name, category, level, responsible_unit, last_inspected_at, grid_code, ST_X(geom) AS x, ST_Y(geom) AS y
         FROM risk_points WHERE grid_code LIKE $1 ORDER BY id`,
        [like],
      );
      const colours = ['red', 'orange', 'yellow', 'blue'];
      expect(nodes).toEqual(
        rows.map((r) => ({
          id: r.id,
          name: r.name,
          category: r.category,
          level: r.level,
          levelName: colours[r.level - 1],
          responsibleUnit: r.responsible_unit,
          lastInspectedAt: r.last_inspected_at?.toISOString() ?? null,
          gridCode: r.grid_code,
          location: { type: 'Point', coordinates: [r.x, r.y] },
        })),
      );
      expect(totalCount).toBe(rows.length);
    });

    it('filters by level and category', async () => {
      const variables = { level: [1, 2], category: ['gas_station', 'water_hazard', 'hazardous_chemicals'] };
      const { nodes, totalCount } = await walk(tokens['demo-township']!, 50, variables);
      const expected = await count(
        `SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE '371702005%' AND level IN (1, 2)
         AND category IN ('gas_station', 'water_hazard', 'hazardous_chemicals')`,
      );
      expect(totalCount).toBe(expected);
      expect(nodes.length).toBe(expected);
      for (const n of nodes) expect(['red', 'orange']).toContain(n.levelName);
    });

    it('names a level or category that does not exist', async () => {
      const level = await api.gql(RISK_POINTS, { level: [1, 5] }, tokens['demo-township']);
      expect(level.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'level' } });
      expect(level.errors?.[0]?.message).toMatch(/^level: 5 is not a warning level/);
      const category = await api.gql(RISK_POINTS, { category: ['school', 'volcano'] }, tokens['demo-township']);
      expect(category.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'category', value: 'volcano' },
      });
      expect(category.errors?.[0]?.message).toMatch(/"volcano" is not a risk point category/);
    });
  });

  describe('registering', () => {
    it('registers a point in the grid at its location with the next serial of that village', async () => {
      const last = (
        await api.db.query<{ n: number }>(
          `SELECT max(right(id, 4)::int) AS n FROM risk_points WHERE id LIKE '371702005001R%'`,
        )
      ).rows[0]!.n;
      const res = await api.gql(CREATE, { input: input(inOwn) }, tokens['demo-township']);
      expect(res.errors).toBeUndefined();
      expect(res.data.createRiskPoint).toEqual({
        id: `371702005001R${String(last + 1).padStart(4, '0')}`,
        name: '赵楼农贸市场',
        category: 'market',
        level: 2,
        levelName: 'orange',
        responsibleUnit: '牡丹街道市场监管所',
        lastInspectedAt: null,
        gridCode: inOwn.grid,
        location: { type: 'Point', coordinates: [inOwn.lon, inOwn.lat] },
      });
      const audit = await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE operation = 'createRiskPoint' AND success AND username = 'demo-township'`,
      );
      expect(audit).toBe(1);
    });

    it.each([
      ['input.level', { level: 7 }, /input\.level: 7 is not a warning level/],
      ['input.category', { category: 'volcano' }, /"volcano" is not a risk point category/],
      ['input.name', { name: '   ' }, /input\.name: must not be blank/],
      [
        'input.name',
        { name: '农贸\u202E市场' },
        /input\.name: contains the bidirectional override U\+202E .* position 3/,
      ],
      ['input.responsibleUnit', { responsibleUnit: '市场\u0007监管所' }, /control character U\+0007 at position 3/],
      ['input.lon/lat', { lon: 100, lat: 20 }, /lies in no grid of your jurisdiction/],
    ])('rejects a bad %s, writes nothing and audits the failure', async (field, overrides, message) => {
      const before = await count('SELECT count(*)::int AS n FROM risk_points');
      const failures = await failedAudits('createRiskPoint');
      const res = await api.gql(CREATE, { input: input(inOwn, overrides) }, tokens['demo-township']);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(await count('SELECT count(*)::int AS n FROM risk_points')).toBe(before);
      expect(await failedAudits('createRiskPoint')).toBe(failures + 1);
    });

    it('refuses a point in a village outside the jurisdiction as if no grid lay there', async () => {
      const res = await api.gql(CREATE, { input: input(inOther) }, tokens['village-operator']);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lon/lat' });
      expect(res.errors?.[0]?.message).toMatch(/lies in no grid of your jurisdiction$/);
      expect(
        await count(`SELECT count(*)::int AS n FROM risk_points WHERE grid_code = $1 AND name = '赵楼农贸市场'`, [
          inOther.grid,
        ]),
      ).toBe(0);
    });

    it('refuses the wall screen and a grid worker, whose roles do not keep the register', async () => {
      for (const account of ['demo-wall', 'demo-village']) {
        const res = await api.gql(CREATE, { input: input(inOwn) }, tokens[account]);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(res.errors?.[0]?.message).toMatch(/may not edit risk points/);
      }
    });
  });

  describe('editing and removing', () => {
    const create = async () =>
      (await api.gql(CREATE, { input: input(inOwn, { name: '待编辑点位' }) }, tokens['demo-township'])).data
        .createRiskPoint;

    it('moves a point to another village and keeps its id; it leaves the old village', async () => {
      const point = await create();
      const res = await api.gql(
        UPDATE,
        { id: point.id, input: input(inOther, { name: '百花学校', category: 'school', level: 1 }) },
        tokens['demo-township'],
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.updateRiskPoint).toMatchObject({
        id: point.id,
        name: '百花学校',
        category: 'school',
        level: 1,
        levelName: 'red',
        gridCode: inOther.grid,
      });
      const fromVillage = await walk(tokens['demo-village']!, 500);
      expect(fromVillage.nodes.map((n) => n.id)).not.toContain(point.id);
      const next = await api.gql(CREATE, { input: input(inOwn) }, tokens['demo-township']);
      expect(next.data.createRiskPoint.id > point.id).toBe(true);
    });

    it('rejects a bad level on update, changing nothing', async () => {
      const point = await create();
      const failures = await failedAudits('updateRiskPoint');
      const res = await api.gql(UPDATE, { id: point.id, input: input(inOwn, { level: 0 }) }, tokens['demo-township']);
      expect(res.errors?.[0]?.extensions?.field).toBe('input.level');
      expect(await count('SELECT level AS n FROM risk_points WHERE id = $1', [point.id])).toBe(2);
      expect(await failedAudits('updateRiskPoint')).toBe(failures + 1);
    });

    it('answers editing or deleting a point outside the jurisdiction as NOT_FOUND, and refuses moving one out of it', async () => {
      const foreign = await ownPointId('371702005003');
      const op = tokens['village-operator'];
      const edit = await api.gql(UPDATE, { id: foreign, input: input(inOwn) }, op);
      expect(edit.errors?.[0]).toMatchObject({
        message: `risk point ${foreign} not found`,
        extensions: { code: 'NOT_FOUND' },
      });
      const del = await api.gql(DELETE, { id: foreign }, op);
      expect(del.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await count('SELECT count(*)::int AS n FROM risk_points WHERE id = $1', [foreign])).toBe(1);
      const mine = await create();
      const away = await api.gql(UPDATE, { id: mine.id, input: input(inOther) }, op);
      expect(away.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(
        await count('SELECT count(*)::int AS n FROM risk_points WHERE id = $1 AND grid_code = $2', [
          mine.id,
          inOwn.grid,
        ]),
      ).toBe(1);
    });

    it('deletes a point once; a second delete finds nothing', async () => {
      const point = await create();
      const res = await api.gql(DELETE, { id: point.id }, tokens['demo-township']);
      expect(res.data.deleteRiskPoint).toBe(true);
      expect(await count('SELECT count(*)::int AS n FROM risk_points WHERE id = $1', [point.id])).toBe(0);
      const again = await api.gql(DELETE, { id: point.id }, tokens['demo-township']);
      expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('does not let the wall screen delete', async () => {
      const id = await ownPointId();
      const res = await api.gql(DELETE, { id }, tokens['demo-wall']);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await count('SELECT count(*)::int AS n FROM risk_points WHERE id = $1', [id])).toBe(1);
    });
  });

  describe('inspections', () => {
    it('lets a grid worker record an inspection now, keeping the note in the audit record', async () => {
      const id = await ownPointId();
      const res = await api.gql(INSPECT, { id, note: '消防通道畅通' }, tokens['demo-village']);
      expect(res.errors).toBeUndefined();
      expect(res.data.recordInspection.lastInspectedAt).toBe(TEST_NOW.toISOString());
      const { rows } = await api.db.query(
        `SELECT operation, detail FROM audit_log WHERE target = $1 AND username = 'demo-village' AND success ORDER BY id`,
        [id],
      );
      expect(rows).toEqual([
        { operation: 'recordInspection.note', detail: '消防通道畅通' },
        { operation: 'recordInspection', detail: null },
      ]);
    });

    it('rejects an overlong note and records nothing but the failure', async () => {
      const id = await ownPointId('371702005004');
      const before = await api.db.query('SELECT last_inspected_at FROM risk_points WHERE id = $1', [id]);
      const failures = await failedAudits('recordInspection');
      const res = await api.gql(INSPECT, { id, note: 'x'.repeat(2001) }, tokens['demo-township']);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'note' } });
      expect((await api.db.query('SELECT last_inspected_at FROM risk_points WHERE id = $1', [id])).rows).toEqual(
        before.rows,
      );
      expect(await failedAudits('recordInspection')).toBe(failures + 1);
    });

    it('answers NOT_FOUND for a point of another village, as for no point', async () => {
      const foreign = await ownPointId('371702005003');
      const res = await api.gql(INSPECT, { id: foreign }, tokens['demo-village']);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const none = await api.gql(INSPECT, { id: '371702005001R9999' }, tokens['demo-village']);
      expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('does not let the wall screen or a leader record inspections', async () => {
      const id = await ownPointId();
      for (const account of ['demo-wall', 'demo-city']) {
        const res = await api.gql(INSPECT, { id }, tokens[account]);
        expect(res.errors?.[0]?.message).toMatch(/may not record inspection/);
      }
    });
  });
});
