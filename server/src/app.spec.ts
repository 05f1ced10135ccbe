import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../test/databases.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { decodeFeed } from './domain/feed-decode.js';

eachDriver('the HTTP server', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  });
  afterAll(() => api.stop());

  const sqlCount = async (sql: string) => (await api.db.query<{ n: number }>(sql)).rows[0]!.n;

  it('reports health with the loaded data, without a token and without counts', async () => {
    const res = await fetch(`${api.base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ok',
      database: { reachable: true, driver },
      migrationsApplied: true,
      data: { loaded: true, synthetic: true },
      timeZone: 'Asia/Shanghai',
    });
  });

  it("adds the data set's details and the counts of its jurisdiction for an administrator's token only", async () => {
    const health = async (token: string) =>
      (await fetch(`${api.base}/healthz`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<{
        data: Record<string, unknown>;
      }>;
    const admin = await health(await api.login('demo-admin'));
    expect(admin.data).toMatchObject({ loaded: true, synthetic: true, scale: 'tiny', asOf: '2026-06-30' });
    expect(admin.data.counts).toMatchObject({
      grids: await sqlCount('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL'),
      caseEvents: await sqlCount('SELECT count(*)::int AS n FROM case_events'),
    });
    expect((await health(await api.login('demo-city'))).data).toEqual({ loaded: true, synthetic: true });
  });

  it('refuses a health check with a bad token instead of answering it as anonymous', async () => {
    const res = await fetch(`${api.base}/healthz`, { headers: { authorization: 'Bearer nonsense' } });
    expect(res.status).toBe(401);
  });

  it('answers layer counts over GraphQL that equal the tables', async () => {
    const token = await api.login('demo-admin');
    const { data } = await api.gql(
      '{ layerCounts { adminUnits grids cameras riskPoints cases } dataset { synthetic scale asOf } }',
      {},
      token,
    );
    expect(data.layerCounts).toEqual({
      adminUnits: await sqlCount('SELECT count(*)::int AS n FROM admin_units'),
      grids: await sqlCount('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL'),
      cameras: await sqlCount('SELECT count(*)::int AS n FROM cameras'),
      riskPoints: await sqlCount('SELECT count(*)::int AS n FROM risk_points'),
      cases: await sqlCount('SELECT count(*)::int AS n FROM cases'),
    });
    expect(data.dataset).toEqual({ synthetic: true, scale: 'tiny', asOf: '2026-06-30' });
  });

  it('gzips text answers for clients that accept it, and the binary feeds once (by the feed router, not again)', async () => {
    const boundaries = await fetch(`${api.base}/basemap/boundaries/township.geojson`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(boundaries.headers.get('content-encoding')).toBe('gzip');
    expect(((await boundaries.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
    const token = await api.login('demo-wall');
    const feed = await fetch(`${api.base}/feeds/cameras`, {
      headers: { 'accept-encoding': 'gzip', authorization: `Bearer ${token}` },
    });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-encoding')).toBe('gzip');
    // Decoded once, the body is the feed itself (an Arrow stream opens with 0xFFFFFFFF), not a second gzip stream.
    const body = new Uint8Array(await feed.arrayBuffer());
    expect(Array.from(body.subarray(0, 4))).toEqual([255, 255, 255, 255]);
    expect(decodeFeed(body).layer).toBe('cameras');
  });

  it('refuses GraphQL queries without a token, except login', async () => {
    const res = await api.gql('{ layerCounts { grids } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data?.layerCounts ?? null).toBeNull();
  });

  it('refuses a forged token', async () => {
    const token = await api.login('demo-admin');
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await api.gql('{ me { username } }', {}, forged);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reports unavailable health when the data is gone', async () => {
    await api.db.query('TRUNCATE dataset_loads');
    const res = await fetch(`${api.base}/healthz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { data: { loaded: boolean } }).data.loaded).toBe(false);
  });
});
