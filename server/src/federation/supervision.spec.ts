/**
 * Supervision down the hierarchy and jurisdiction at the province, end to end on the three real
 * PostgreSQL 15 clusters (server/test/federation-clusters.ts), through each server's GraphQL API.
 * Its cities (3705, 3706) are not join.spec.ts's, so that the two files' slots never meet.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ensureProvinceDemoAccounts } from '../auth/demo-accounts.js';
import { hashPassword } from '../auth/passwords.js';
import { CLUSTERS, clustersUnavailable, ensureClusters, lockClusters } from '../../test/federation-clusters.js';
import { eventually, insertCase, insertMiniCity, type MiniCity } from '../../test/federation-fixtures.js';
import { startApiOn, type TestApi } from '../../test/api.js';
import type { Database } from '../db/database.js';
import { setSubscriptionEnabled, upSubscription } from '../db/federation.js';
import { migrate } from '../db/migrate.js';
import { insertMissingUsers } from '../db/queries/users.js';
import { openServer } from '../db/server.js';
import { databaseUrlFor, dropDatabase, recreateDatabase } from '../db/server-admin.js';
import { initProvince, joinCity, removeCity } from './join.js';
import { checkServerRole } from './role.js';

const unavailable = clustersUnavailable();
if (unavailable) console.log(`federation supervision tests skipped: ${unavailable}`);

const DONGYING = { lon: 118.5, lat: 37.4 };
const YANTAI = { lon: 121.4, lat: 37.5 };
const DAY_MS = 86_400_000;

interface Node {
  url: string;
  db: Database;
}

const ORDER = 'code targetCode targetCity issuerLevel state version demand responses { seq kind note }';

describe.skipIf(unavailable !== null)('supervision orders and jurisdiction across a province', () => {
  const name = `zz_fed_sup_${randomBytes(4).toString('hex')}`;
  let a: Node, b: Node, p: Node;
  let dongying: MiniCity, yantai: MiniCity;
  let caseA: string, caseB: string;
  let province: TestApi, cityA: TestApi;
  const now = () => new Date();

  async function node(adminUrl: string): Promise<Node> {
    await recreateDatabase(adminUrl, name);
    const url = databaseUrlFor(adminUrl, name);
    const db = await openServer(url, { max: 3 });
    await migrate(db);
    return { url, db };
  }

  async function addLeader(db: Database, username: string, jurisdictionCode: string): Promise<void> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await insertMissingUsers(db, [{ username, displayName: username, role: 'leader', jurisdictionCode, passwordHash }]);
  }

  const count = async (n: Node, sql: string, params: unknown[] = []) =>
    (await n.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await lockClusters();
    ensureClusters();
    [a, b, p] = await Promise.all([
      node(CLUSTERS.cityA.adminUrl),
      node(CLUSTERS.cityB.adminUrl),
      node(CLUSTERS.province.adminUrl),
    ]);
    dongying = await a.db.transaction((tx) => insertMiniCity(tx, '3705', '东营市', DONGYING.lon, DONGYING.lat));
    yantai = await b.db.transaction((tx) => insertMiniCity(tx, '3706', '烟台市', YANTAI.lon, YANTAI.lat));
    caseA = await insertCase(a.db, dongying, 1, DONGYING.lon, DONGYING.lat);
    caseB = await insertCase(b.db, yantai, 1, YANTAI.lon, YANTAI.lat);
    await initProvince(p.db, '370000000000', '山东省');
    await joinCity({ db: a.db, conninfo: a.url }, { db: p.db, conninfo: p.url });
    await joinCity({ db: b.db, conninfo: b.url }, { db: p.db, conninfo: p.url });
    await ensureProvinceDemoAccounts(p.db, '370000000000');
    await addLeader(p.db, 'dongying-at-province', dongying.cityCode);
    await addLeader(a.db, 'dongying-leader', dongying.cityCode);
    province = await startApiOn(await openServer(p.url, { max: 3 }), now);
    cityA = await startApiOn(await openServer(a.url, { max: 3 }), now);
    await eventually('the initial copy', async () => (await count(p, 'cases')) === 2);
  });

  afterAll(async () => {
    try {
      await province?.stop();
      await cityA?.stop();
      if (!p) return;
      for (const [city, city4] of [
        [a, '3705'],
        [b, '3706'],
      ] as const) {
        await removeCity(p.db, city4, { city: city.db }).catch((e) => console.error('remove failed:', e));
      }
      await Promise.all([a, b, p].map((n) => n.db.close()));
      await Promise.all([CLUSTERS.cityA, CLUSTERS.cityB, CLUSTERS.province].map((c) => dropDatabase(c.adminUrl, name)));
    } finally {
      release?.();
    }
  });

  it('sends an order issued at the province down to its city only, and brings the answers back up', async () => {
    const leader = await province.login('demo-province');
    const deadline = new Date(Date.now() + 7 * DAY_MS).toISOString();
    const issued = await province.gql(
      `mutation ($t: ID!, $by: DateTime!) { issueSupervisionOrder(target: $t, demand: "限期化解", deadline: $by) { ${ORDER} } }`,
      { t: dongying.villageCode, by: deadline },
      leader,
    );
    expect(issued.errors).toBeUndefined();
    const order = issued.data.issueSupervisionOrder;
    expect(order).toMatchObject({
      code: `${dongying.villageCode}P000001`,
      targetCity: '3705',
      issuerLevel: 'province',
      state: 'open',
      version: 0,
    });

    const cityLeader = await cityA.login('dongying-leader');
    const list = `query ($s: SupervisionState) { supervisionOrders(state: $s) { ${ORDER} } }`;
    await eventually('the order at city A', async () => {
      const res = await cityA.gql(list, { s: 'open' }, cityLeader);
      return res.data?.supervisionOrders.some((o: { code: string }) => o.code === order.code);
    });
    // An order for city B, once there, shows B's stream has passed the first: B holds its own only.
    const forB = await province.gql(
      `mutation ($t: ID!, $by: DateTime!) { issueSupervisionOrder(target: $t, demand: "督办", deadline: $by) { code } }`,
      { t: yantai.villageCode, by: deadline },
      leader,
    );
    expect(forB.errors).toBeUndefined();
    await eventually('the order for city B there', async () => (await count(b, 'supervision_orders')) > 0);
    const { rows } = await b.db.query<{ code: string }>('SELECT code FROM supervision_orders');
    expect(rows.map((r) => r.code)).toEqual([forB.data.issueSupervisionOrder.code]);
    expect(await count(a, 'supervision_orders WHERE code = $1', [forB.data.issueSupervisionOrder.code])).toBe(0);

    const atProvince = await province.gql(
      `mutation ($c: ID!) { acknowledgeSupervisionOrder(code: $c, expectedVersion: 0) { code } }`,
      { c: order.code },
      leader,
    );
    expect(atProvince.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'answered_in_city' });

    const ack = await cityA.gql(
      `mutation ($c: ID!) { acknowledgeSupervisionOrder(code: $c, expectedVersion: 0, note: "已签收") { ${ORDER} } }`,
      { c: order.code },
      cityLeader,
    );
    expect(ack.errors).toBeUndefined();
    const closed = await cityA.gql(
      `mutation ($c: ID!) { closeSupervisionOrder(code: $c, expectedVersion: 1, note: "已化解") { ${ORDER} } }`,
      { c: order.code },
      cityLeader,
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeSupervisionOrder.state).toBe('closed');

    const back = await eventually('the answers at the province', async () => {
      const res = await province.gql(list, { s: 'closed' }, leader);
      return res.data?.supervisionOrders.find((o: { code: string }) => o.code === order.code);
    });
    expect(back.responses).toEqual([
      { seq: 1, kind: 'acknowledged', note: '已签收' },
      { seq: 2, kind: 'closed', note: '已化解' },
    ]);
    // The answers never reach the other city either.
    expect(await count(b, 'supervision_responses')).toBe(0);
  });

  it("takes the province's code from its database as its home unit, and refuses a role the database is not", async () => {
    expect(await checkServerRole(p.db, 'province')).toBe('370000000000');
    expect(await checkServerRole(a.db, 'city')).toBeNull();
    await expect(checkServerRole(p.db, 'city')).rejects.toThrow(
      'this database is the province 370000000000: start it with ROLE=province',
    );
    await expect(checkServerRole(a.db, 'province')).rejects.toThrow(
      /not set up as a province: run `npm run federation/,
    );
  });

  it("sends an order a city's own leader issues up to the province, and never to the other city", async () => {
    const cityLeader = await cityA.login('dongying-leader');
    const issued = await cityA.gql(
      `mutation ($t: ID!, $by: DateTime!) { issueSupervisionOrder(target: $t, demand: "本市督办", deadline: $by) { code issuerLevel } }`,
      { t: caseA, by: new Date(Date.now() + DAY_MS).toISOString() },
      cityLeader,
    );
    expect(issued.errors).toBeUndefined();
    const { code, issuerLevel } = issued.data.issueSupervisionOrder;
    expect([code.slice(0, 13), issuerLevel]).toEqual([`${dongying.villageCode}C`, 'city']);
    const leader = await province.login('demo-province');
    const atProvince = await eventually('the city order at the province', async () => {
      const res = await province.gql('{ supervisionOrders { code issuerLevel targetCode } }', {}, leader);
      return res.data?.supervisionOrders.find((o: { code: string }) => o.code === code);
    });
    expect(atProvince).toEqual({ code, issuerLevel: 'city', targetCode: caseA });
    expect(await count(b, 'supervision_orders WHERE code = $1', [code])).toBe(0);
  });

  it('tells per joined city its lag, and since when a city whose link is down is stale', async () => {
    const leader = await province.login('demo-province');
    const q = '{ federationCities { code city name running lagSeconds lastReceivedAt stale staleSince } }';
    const current = await eventually('both links running', async () => {
      const res = await province.gql(q, {}, leader);
      const cities = res.data?.federationCities ?? [];
      return cities.length === 2 && cities.every((c: { running: boolean }) => c.running) ? cities : undefined;
    });
    expect(current.map((c: { code: string; stale: boolean }) => [c.code, c.stale])).toEqual([
      ['370500000000', false],
      ['370600000000', false],
    ]);
    expect(typeof current[0].lagSeconds).toBe('number');
    await setSubscriptionEnabled(p.db, upSubscription('3706'), false);
    try {
      const stale = await eventually('city B stale', async () => {
        const res = await province.gql(q, {}, leader);
        return res.data?.federationCities.find((c: { city: string; stale: boolean }) => c.city === '3706' && c.stale);
      });
      // Stale since the last time the province heard from it, while its link ran.
      expect(stale.name).toBe('烟台市');
      expect(stale.staleSince).not.toBeNull();
      expect(Date.parse(stale.staleSince)).toBeGreaterThanOrEqual(Date.parse(current[1].lastReceivedAt));
      expect(Date.parse(stale.staleSince)).toBeLessThanOrEqual(Date.now());
    } finally {
      await setSubscriptionEnabled(p.db, upSubscription('3706'), true);
    }
    const cityAccount = await province.login('dongying-at-province');
    const own = await province.gql('{ federationCities { code } }', {}, cityAccount);
    expect(own.data.federationCities).toEqual([{ code: '370500000000' }]);
  });

  it("lets a province account see every joined city's cases", async () => {
    const leader = await province.login('demo-province');
    const res = await province.gql('{ cases(first: 50) { totalCount edges { node { code } } } }', {}, leader);
    expect(res.errors).toBeUndefined();
    expect(res.data.cases.edges.map((e: { node: { code: string } }) => e.node.code).sort()).toEqual(
      [caseA, caseB].sort(),
    );
    // Its home unit is the province of federation_node, named there: the wall's headline reads it.
    const home = await province.gql(
      `{ summary { unitCode unitName inProgress }
         inArea: cases(area: { unitCode: "370000000000" }, first: 50) { totalCount } }`,
      {},
      leader,
    );
    expect(home.errors).toBeUndefined();
    expect(home.data).toEqual({
      summary: { unitCode: '370000000000', unitName: '山东省', inProgress: 2 },
      inArea: { totalCount: 2 },
    });
  });

  it("shows a city's account at the province that city only: another city's case is not found", async () => {
    const token = await province.login('dongying-at-province');
    const own = await province.gql('{ cases(first: 50) { totalCount edges { node { code } } } }', {}, token);
    expect(own.errors).toBeUndefined();
    expect(own.data.cases.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([caseA]);
    const other = await province.gql('query ($c: ID!) { case(code: $c) { code } }', { c: caseB }, token);
    expect(other).toEqual({ data: { case: null } });
    const order = await province.gql(
      `mutation ($t: ID!, $by: DateTime!) { issueSupervisionOrder(target: $t, demand: "督办", deadline: $by) { code } }`,
      { t: caseB, by: new Date(Date.now() + DAY_MS).toISOString() },
      token,
    );
    expect(order.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', params: { thing: 'case', id: caseB } });
  });
});
