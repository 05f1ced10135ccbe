import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { eachDriver } from '../../../test/databases.js';
import { SEGMENT_BYTES, startVideoUpstream, type VideoUpstream } from '../../../test/video-upstream.js';
import { templateGateway } from '../../video/template-gateway.js';
import { wvpGateway } from '../../video/wvp-gateway.js';

const STREAM = 'query ($c: ID!) { cameraStream(cameraId: $c) { url protocol expiresAt } }';
const TOKEN_TTL_MS = 60_000;

/** Polls `check` until it holds or a couple of seconds have passed. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

eachDriver('camera video through our origin', (driver) => {
  let upstream: VideoUpstream;
  let hls: TestApi;
  let flv: TestApi;
  let clock = TEST_NOW.getTime();
  const now = () => new Date(clock);
  let village: string;
  /** Online cameras of demo-village's own village, and one online camera outside it. */
  let own: string[];
  let outside: string;
  let offline: string;

  const camera = (where: string, status: string) =>
    hls.db
      .query<{ id: string }>(`SELECT id FROM cameras WHERE ${where} AND status = $1 ORDER BY id LIMIT 2`, [status])
      .then((r) => r.rows.map((row) => row.id));

  beforeAll(async () => {
    upstream = await startVideoUpstream();
    hls = await startTestApi(driver, 'tiny', now, undefined, undefined, {
      gateway: templateGateway(`${upstream.origin}/live/{id}/index.m3u8`),
      tokenTtlMs: TOKEN_TTL_MS,
      idleMs: 20_000,
    });
    flv = await startTestApi(driver, 'tiny', now, undefined, undefined, {
      gateway: templateGateway(`${upstream.origin}/live/{id}.flv`),
    });
    village = await hls.login('demo-village');
    own = await camera("grid_code LIKE '371702005001%'", 'online');
    outside = (await camera("grid_code NOT LIKE '371702005001%'", 'online'))[0]!;
    offline = (await camera("grid_code LIKE '371702005001%'", 'offline'))[0]!;
  });
  afterAll(async () => {
    await hls?.stop();
    await flv?.stop();
    await upstream?.stop();
  });

  const stream = async (api: TestApi, id: string, token: string) => {
    const res = await api.gql(STREAM, { c: id }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.cameraStream as { url: string; protocol: string; expiresAt: string };
  };
  const auditRows = (api: TestApi, target: string) =>
    api.db
      .query<{ username: string; operation: string; detail: string }>(
        `SELECT username, operation, detail FROM audit_log WHERE target = $1 AND operation IN ('watchCamera', 'stopWatchingCamera') ORDER BY id`,
        [target],
      )
      .then((r) => r.rows);

  it('gives an HLS stream on our own origin with a token that expires a minute from now', async () => {
    const s = await stream(hls, own[0]!, village);
    expect(s.protocol).toBe('HLS');
    expect(s.url).toMatch(new RegExp(`^/video/${own[0]}/[\\w-]+\\.[\\w-]+/index\\.m3u8$`));
    expect(s.url).not.toContain('127.0.0.1');
    expect(new Date(s.expiresAt).getTime()).toBe(clock + TOKEN_TTL_MS);
  });

  it("relays the playlist with every address under the view's path and the segments' bytes", async () => {
    const s = await stream(hls, own[0]!, village);
    const res = await fetch(`${hls.base}${s.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const lines = (await res.text()).split('\n').filter((l) => l && !l.startsWith('#'));
    const folder = s.url.slice(0, s.url.lastIndexOf('/') + 1);
    expect(lines).toEqual([`${folder}seg0.ts`, `${folder}seg1.ts?sign=abc`]);
    for (const line of lines) {
      const segment = await fetch(`${hls.base}${line}`);
      expect(Buffer.from(await segment.arrayBuffer())).toEqual(SEGMENT_BYTES);
    }
    expect(upstream.requests).toContain(`/live/${own[0]}/seg1.ts?sign=abc`);
  });

  it('refuses the token for another camera, for a path leaving the stream, or after its view was closed', async () => {
    const s = await stream(hls, own[0]!, village);
    const other = s.url.replace(`/video/${own[0]}/`, `/video/${own[1]}/`);
    expect((await fetch(`${hls.base}${other}`)).status).toBe(404);
    const forged = s.url.replace(/\.([\w-]+)\/index/, '.AAAA/index');
    expect((await fetch(`${hls.base}${forged}`)).status).toBe(404);
    const escape = s.url.replace('index.m3u8', '..%2F..%2F1%2Findex.m3u8');
    expect((await fetch(`${hls.base}${escape}`)).status).toBe(404);
    expect((await fetch(`${hls.base}${s.url}`)).status).toBe(200);
    const close = await fetch(`${hls.base}${s.url.slice(0, s.url.lastIndexOf('/'))}`, { method: 'DELETE' });
    expect(close.status).toBe(204);
    const again = await fetch(`${hls.base}${s.url}`);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('refuses a token first used after it expired, and ends that view as never opened', async () => {
    const s = await stream(hls, own[1]!, village);
    clock += TOKEN_TTL_MS + 1;
    try {
      expect((await fetch(`${hls.base}${s.url}`)).status).toBe(404);
    } finally {
      clock = TEST_NOW.getTime();
    }
  });

  it('audits who watched which camera from when to when', async () => {
    const target = own[1]!;
    const before = (await auditRows(hls, target)).length;
    const s = await stream(hls, target, village);
    await fetch(`${hls.base}${s.url}`);
    clock += 5_000;
    await fetch(`${hls.base}${s.url.slice(0, s.url.lastIndexOf('/'))}`, { method: 'DELETE' });
    clock = TEST_NOW.getTime();
    const rows = (await auditRows(hls, target)).slice(before);
    expect(rows.map((r) => [r.username, r.operation])).toEqual([
      ['demo-village', 'watchCamera'],
      ['demo-village', 'stopWatchingCamera'],
    ]);
    const start = JSON.parse(rows[0]!.detail) as { view: string; protocol: string };
    expect(start.protocol).toBe('HLS');
    expect(JSON.parse(rows[1]!.detail)).toEqual({
      view: start.view,
      from: TEST_NOW.toISOString(),
      to: new Date(TEST_NOW.getTime() + 5_000).toISOString(),
      why: 'closed',
    });
  });

  it('answers NOT_FOUND for a camera outside the jurisdiction, exactly as for one that does not exist', async () => {
    const res = await hls.gql(STREAM, { c: outside }, village);
    const none = await hls.gql(STREAM, { c: '11000000001325000001' }, village);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toBe(`camera ${outside} not found`);
    expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
  });

  it('refuses an offline camera with its reason, and a malformed id naming the argument', async () => {
    const res = await hls.gql(STREAM, { c: offline }, village);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'camera_offline' });
    const bad = await hls.gql(STREAM, { c: '12' }, village);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cameraId' });
  });

  it('ends the upstream HTTP-FLV connection when the player closes its view, and ends its answer cleanly', async () => {
    const token = await flv.login('demo-village');
    const s = await stream(flv, own[0]!, token);
    expect(s.protocol).toBe('FLV');
    const res = await fetch(`${flv.base}${s.url}`);
    const reader = res.body!.getReader();
    expect((await reader.read()).value!.byteLength).toBeGreaterThan(0);
    await eventually(() => upstream.openStreams() === 1);
    expect(upstream.openStreams()).toBe(1);
    const close = await fetch(`${flv.base}${s.url.slice(0, s.url.lastIndexOf('/'))}`, { method: 'DELETE' });
    expect(close.status).toBe(204);
    await eventually(() => upstream.openStreams() === 0);
    expect(upstream.openStreams()).toBe(0);
    // The player's answer ends as a stream does (its last chunk), not as a broken connection.
    let last = await reader.read();
    while (!last.done) last = await reader.read();
    expect(last.done).toBe(true);
  });

  it('ends the upstream HTTP-FLV connection when the player goes away', async () => {
    const token = await flv.login('demo-village');
    const s = await stream(flv, own[1]!, token);
    const abort = new AbortController();
    const res = await fetch(`${flv.base}${s.url}`, { signal: abort.signal });
    await res.body!.getReader().read();
    await eventually(() => upstream.openStreams() === 1);
    abort.abort();
    await eventually(() => upstream.openStreams() === 0);
    expect(upstream.openStreams()).toBe(0);
  });

  describe('without a reachable gateway', () => {
    let none: TestApi;
    let down: TestApi;
    beforeAll(async () => {
      none = await startTestApi(driver, 'tiny', now, undefined, undefined, null);
      down = await startTestApi(driver, 'tiny', now, undefined, undefined, {
        gateway: wvpGateway({
          baseUrl: 'http://127.0.0.1:9',
          username: 'admin',
          password: 'admin',
          protocol: 'HLS',
          timeoutMs: 2_000,
        }),
      });
    });
    afterAll(async () => {
      await none?.stop();
      await down?.stop();
    });

    it('says no gateway is configured', async () => {
      const res = await none.gql(STREAM, { c: own[0] }, await none.login('demo-village'));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'no_video_gateway' });
    });

    it('says the gateway is unreachable, and the server keeps answering', async () => {
      const token = await down.login('demo-village');
      const res = await down.gql(STREAM, { c: own[0] }, token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'gateway_unreachable' });
      expect((await down.gql('{ cameras(first: 1) { totalCount } }', {}, token)).errors).toBeUndefined();
    });
  });
});
