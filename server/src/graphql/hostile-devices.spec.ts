/**
 * Random and hostile input thrown at the camera and risk-point mutations: every answer is data
 * or a clean error that names what was wrong, the database keeps answering, and a rejected
 * request leaves the cameras and risk_points tables exactly as they were.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { addVillageOperator, type GraphQLResponse, startTestApi, type TestApi } from '../../test/api.js';
import {
  CLEAN_ERROR_CODES,
  hostileInstant,
  hostileNumber,
  nastyString,
  notAPoint,
  oneFieldHostile,
  wrongType,
} from '../../test/hostile.js';

const RUNS = 30;

type Table = 'cameras' | 'risk_points';
type Account = 'demo-township' | 'demo-county' | 'demo-village' | 'village-operator';

const CAMERA_UPDATE = 'mutation ($u: [CameraStatusUpdate!]!) { updateCameraStatus(updates: $u) }';
const POINT = 'id name category level levelName responsibleUnit lastInspectedAt gridCode location';
const CREATE = `mutation ($i: RiskPointInput!) { createRiskPoint(input: $i) { ${POINT} } }`;
const UPDATE = `mutation ($id: ID!, $i: RiskPointInput!) { updateRiskPoint(id: $id, input: $i) { ${POINT} } }`;
const DELETE = 'mutation ($id: ID!) { deleteRiskPoint(id: $id) }';
const INSPECT = `mutation ($id: ID!, $n: String) { recordInspection(riskPointId: $id, note: $n) { ${POINT} } }`;

const hostileCoordinate = fc.oneof(
  hostileNumber,
  fc.constantFrom(180.000001, -180.000001, 90.000001, 1e-320, Number.MIN_VALUE, '115.5', null),
);

eachDriver('hostile input to cameras and risk points', (driver) => {
  let api: TestApi;
  const tokens = {} as Record<Account, string>;
  const cameraIds = { own: [] as string[], elsewhere: '' };
  const pointIds = { own: '', elsewhere: '' };
  const places = { own: { lon: 0, lat: 0 }, elsewhere: { lon: 0, lat: 0 }, nowhere: { lon: 100.5, lat: 30.5 } };

  beforeAll(async () => {
    api = await startTestApi(driver);
    // The tiny city is one township: an operator of one village meets records outside the jurisdiction.
    await addVillageOperator(api.db);
    for (const account of ['demo-township', 'demo-county', 'demo-village', 'village-operator'] as const) {
      tokens[account] = await api.login(account);
    }
    const first = async (sql: string) => (await api.db.query<{ id: string }>(sql)).rows[0]!.id;
    cameraIds.own = (
      await api.db.query<{ id: string }>(
        "SELECT id FROM cameras WHERE grid_code LIKE '371702005001%' ORDER BY id LIMIT 3",
      )
    ).rows.map((r) => r.id);
    cameraIds.elsewhere = await first(
      "SELECT id FROM cameras WHERE grid_code NOT LIKE '371702005001%' ORDER BY id LIMIT 1",
    );
    pointIds.own = await first("SELECT id FROM risk_points WHERE grid_code LIKE '371702005001%' ORDER BY id LIMIT 1");
    pointIds.elsewhere = await first(
      "SELECT id FROM risk_points WHERE grid_code NOT LIKE '371702005001%' ORDER BY id LIMIT 1",
    );
    const place = async (notLike: boolean) =>
      (
        await api.db.query<{ lon: number; lat: number }>(
          `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids
           WHERE valid_to IS NULL AND code ${notLike ? 'NOT ' : ''}LIKE '371702005001%' ORDER BY code LIMIT 1) s`,
        )
      ).rows[0]!;
    places.own = await place(false);
    places.elsewhere = await place(true);
  });
  afterAll(() => api.stop());

  /** Count and an md5 of every row in id order: any change to any column changes it. */
  const fingerprint = async (table: Table) =>
    (
      await api.db.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS md5 FROM ${table} t`,
      )
    ).rows[0]!;

  /**
   * Sends one hostile request: the answer is data or clean errors whose messages name what was
   * wrong (`names`), and a rejected request leaves `table` as it was.
   */
  async function send(table: Table, names: RegExp, query: string, variables: Record<string, unknown>, as: Account) {
    const before = await fingerprint(table);
    const res: GraphQLResponse<any> = await api.gql(query, variables, tokens[as]);
    for (const e of res.errors ?? []) {
      expect(CLEAN_ERROR_CODES, `${e.extensions?.code}: ${e.message}`).toContain(e.extensions?.code);
      expect(e.message).toMatch(names);
    }
    if (res.errors) expect(await fingerprint(table), JSON.stringify(res.errors).slice(0, 300)).toEqual(before);
    return res;
  }

  async function expectStillAnswering(): Promise<void> {
    const res = await api.gql(
      '{ cameras(first: 1) { totalCount } riskPoints(first: 1) { totalCount } }',
      {},
      tokens['demo-township'],
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cameras.totalCount).toBeGreaterThan(0);
  }

  const operator = fc.constantFrom<Account>('demo-township', 'demo-county', 'village-operator');
  const cameraId = () =>
    fc.oneof(
      fc.constantFrom(
        cameraIds.own[0]!,
        cameraIds.elsewhere,
        '37170200001320000001',
        '3717020000131500000',
        '０'.repeat(20),
      ),
      fc.constantFrom(`${cameraIds.own[0]}0`, ` ${cameraIds.own[0]}`, '37170200001180000001', 20, 1.5),
      nastyString,
      wrongType,
    );
  const pointId = () =>
    fc.oneof(
      fc.constantFrom(pointIds.own, pointIds.elsewhere, '371702005001R9999', '371702005001R0', '371702005001r0001'),
      fc.constantFrom(`${pointIds.own} `, pointIds.own.toLowerCase().replace('r', 'R\u0000'), 371702005001, -1),
      nastyString,
      wrongType,
    );

  /** A risk point input, mostly well-formed with one hostile field; sometimes the whole object is hostile. */
  const riskPointInput = () => {
    const valid = fc.record({
      name: fc.constantFrom('赵楼农贸市场', '  第一小学  '),
      category: fc.constantFrom('market', 'school'),
      level: fc.constantFrom(1, 4),
      responsibleUnit: fc.constant('牡丹街道市场监管所'),
      lon: fc.constant(places.own.lon),
      lat: fc.constant(places.own.lat),
    });
    const located = fc.constantFrom(places.elsewhere, places.nowhere);
    return fc.oneof(
      {
        weight: 6,
        arbitrary: oneFieldHostile(valid, {
          name: nastyString,
          category: fc.oneof(nastyString, fc.constantFrom('MARKET', 'market ', '学校')),
          level: fc.oneof(hostileNumber, fc.constantFrom(0, 5, -1, '2', 2.5)),
          responsibleUnit: nastyString,
          lon: hostileCoordinate,
          lat: hostileCoordinate,
          location: notAPoint,
          gridCode: fc.constant('371702005003001'),
        }),
      },
      valid.chain((v) => located.map((at) => ({ ...v, ...at }))),
      valid,
      wrongType,
      nastyString,
    );
  };

  it('updateCameraStatus answers cleanly and leaves the cameras unchanged when it refuses', async () => {
    const heartbeat = fc.record({
      id: fc.constantFrom(...cameraIds.own),
      status: fc.constantFrom('online', 'offline', 'fault'),
      at: fc.constantFrom(null, '2026-06-30T09:59:00+08:00', '2026-06-01T00:00:00+08:00'),
    });
    const hostileHeartbeat = fc.oneof(
      { weight: 4, arbitrary: oneFieldHostile(heartbeat, { id: cameraId(), status: nastyString, at: hostileInstant }) },
      // Fields the input does not have: a heading out of range, a location that is not a point.
      oneFieldHostile(heartbeat, { heading: fc.constantFrom(360, -1, 1e308), location: notAPoint }),
      wrongType,
      nastyString,
    );
    const updates = fc.oneof(
      { weight: 8, arbitrary: fc.array(fc.oneof(heartbeat, hostileHeartbeat), { minLength: 1, maxLength: 4 }) },
      fc.constant([]),
      fc.constant(Array.from({ length: 5001 }, () => ({ id: cameraIds.own[0], status: 'online' }))),
      wrongType,
    );
    await fc.assert(
      fc.asyncProperty(updates, operator, async (u, as) => {
        await send('cameras', /updates|\$u|camera|request/i, CAMERA_UPDATE, { u }, as);
      }),
      { numRuns: RUNS, seed: 42 },
    );
    await expectStillAnswering();
  });

  it('createRiskPoint answers cleanly and writes exactly the points it reports', async () => {
    await fc.assert(
      fc.asyncProperty(riskPointInput(), operator, async (i, as) => {
        const before = await fingerprint('risk_points');
        const res = await send('risk_points', /input|\$i|grid|request/i, CREATE, { i }, as);
        const after = await fingerprint('risk_points');
        expect(after.n - before.n).toBe(res.data?.createRiskPoint ? 1 : 0);
      }),
      { numRuns: RUNS, seed: 42 },
    );
    await expectStillAnswering();
  });

  it('updateRiskPoint answers cleanly and leaves the points unchanged when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(pointId(), riskPointInput(), operator, async (id, i, as) => {
        const before = await fingerprint('risk_points');
        const res = await send('risk_points', /input|\$i|\$id|^id:|risk point|grid|request/i, UPDATE, { id, i }, as);
        if (res.data?.updateRiskPoint) expect((await fingerprint('risk_points')).n).toBe(before.n);
      }),
      { numRuns: RUNS, seed: 42 },
    );
    await expectStillAnswering();
  });

  it('recordInspection answers cleanly to grid workers and operators with hostile ids and notes', async () => {
    const note = fc.oneof(fc.constant(null), fc.constant('巡查正常'), nastyString, wrongType);
    const as = fc.constantFrom<Account>('demo-village', 'demo-township');
    await fc.assert(
      fc.asyncProperty(pointId(), note, as, async (id, n, who) => {
        await send('risk_points', /\$id|\$n|^riskPointId:|note|risk point|request/i, INSPECT, { id, n }, who);
      }),
      { numRuns: RUNS, seed: 42 },
    );
    await expectStillAnswering();
  });

  // Last: a hostile id that happens to be a real point deletes it, which the others then miss.
  it('deleteRiskPoint answers cleanly and removes at most the one point it reports', async () => {
    await fc.assert(
      fc.asyncProperty(pointId(), operator, async (id, as) => {
        const before = await fingerprint('risk_points');
        const res = await send('risk_points', /\$id|^id:|risk point|request/i, DELETE, { id }, as);
        expect((await fingerprint('risk_points')).n).toBe(before.n - (res.data?.deleteRiskPoint ? 1 : 0));
      }),
      { numRuns: RUNS, seed: 42 },
    );
    await expectStillAnswering();
  });
});
