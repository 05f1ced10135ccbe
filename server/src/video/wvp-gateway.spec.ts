/**
 * The WVP adapter against WVP-GB28181-pro's answers as its source documents them (written
 * from its code, not recorded from a running WVP: see test/fixtures/wvp/README.md), served by
 * a real HTTP server so that the adapter's own requests, headers and timeouts are exercised.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoGatewayError } from './gateway.js';
import { wvpGateway, type WvpOptions } from './wvp-gateway.js';

const CAMERA = '37170200001325000001';
const FIXTURES = join(process.cwd(), 'server', 'test', 'fixtures', 'wvp');

/** A fixture with its placeholders filled in. */
const fixture = (name: string, fill: Record<string, string> = {}) =>
  Object.entries(fill).reduce(
    (text, [k, v]) => text.replaceAll(`{${k}}`, v),
    readFileSync(join(FIXTURES, name), 'utf8'),
  );

interface Asked {
  path: string;
  token: string | undefined;
}

describe('the WVP-GB28181-pro adapter', () => {
  let server: Server;
  let base: string;
  let asked: Asked[];
  /** The fixture each path answers with, in turn (the last one repeats). */
  let answers: Record<string, string[]>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://wvp');
      asked.push({ path: `${url.pathname}${url.search}`, token: req.headers['access-token'] as string | undefined });
      const [, device, channel] = /\/api\/play\/\w+\/(\d+)\/(\d+)/.exec(url.pathname) ?? [];
      const key = url.pathname.startsWith('/api/play/') ? url.pathname.split('/').slice(0, 4).join('/') : url.pathname;
      const list = answers[key];
      if (!list) {
        res.statusCode = 404;
        res.end('<html>not found</html>');
        return;
      }
      const name = list.length > 1 ? list.shift()! : list[0]!;
      res.setHeader('content-type', 'application/json');
      res.end(fixture(name, { device: device ?? '', channel: channel ?? '', media: 'http://127.0.0.1:8080' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    asked = [];
    answers = {
      '/api/user/login': ['login.json'],
      '/api/play/start': ['play-start.json'],
      '/api/play/stop': ['play-stop.json'],
    };
  });

  const gateway = (options: Partial<WvpOptions> = {}) =>
    wvpGateway({ baseUrl: base, username: 'admin', password: 'admin', protocol: 'HLS', ...options });

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VideoGatewayError);
    return error as VideoGatewayError;
  };

  it("logs in with the password's MD5, then plays with the token and relays the HLS address", async () => {
    const stream = await gateway().play(CAMERA);
    expect(stream).toEqual({
      protocol: 'HLS',
      url: new URL(`http://127.0.0.1:8080/rtp/${CAMERA}_${CAMERA}/hls.m3u8`),
    });
    const md5 = createHash('md5').update('admin').digest('hex');
    expect(asked).toEqual([
      { path: `/api/user/login?username=admin&password=${md5}`, token: undefined },
      { path: `/api/play/start/${CAMERA}/${CAMERA}`, token: 'eyJhbGciOiJSUzI1NiJ9.recorded.token' },
    ]);
  });

  it('relays the HTTP-FLV address when asked for FLV, and names the configured device with the camera as channel', async () => {
    const stream = await gateway({ protocol: 'FLV', deviceId: '37170200001180000001' }).play(CAMERA);
    expect(stream.protocol).toBe('FLV');
    expect(stream.url.href).toBe(`http://127.0.0.1:8080/rtp/37170200001180000001_${CAMERA}.live.flv`);
  });

  it('logs in once for many plays, and stops a stream with the same token', async () => {
    const wvp = gateway();
    await wvp.play(CAMERA);
    await wvp.play(CAMERA);
    await wvp.stop(CAMERA);
    expect(asked.map((a) => a.path.split('?')[0])).toEqual([
      '/api/user/login',
      `/api/play/start/${CAMERA}/${CAMERA}`,
      `/api/play/start/${CAMERA}/${CAMERA}`,
      `/api/play/stop/${CAMERA}/${CAMERA}`,
    ]);
  });

  it('logs in again when WVP says the token is no longer good, and retries once', async () => {
    const wvp = gateway();
    await wvp.play(CAMERA);
    answers['/api/play/start'] = ['login-again.json', 'play-start.json'];
    await wvp.play(CAMERA);
    expect(asked.map((a) => a.path.split('?')[0])).toEqual([
      '/api/user/login',
      `/api/play/start/${CAMERA}/${CAMERA}`,
      `/api/play/start/${CAMERA}/${CAMERA}`,
      '/api/user/login',
      `/api/play/start/${CAMERA}/${CAMERA}`,
    ]);
  });

  it("refuses a device WVP says is offline, with WVP's own words", async () => {
    answers['/api/play/start'] = ['play-device-offline.json'];
    const error = await failure(gateway().play(CAMERA));
    expect(error.reason).toBe('gateway_refused');
    expect(error.gatewayMessage).toBe('设备离线');
    expect(error.message).toContain(CAMERA);
  });

  it('refuses a play that timed out at the device', async () => {
    answers['/api/play/start'] = ['play-timeout.json'];
    expect((await failure(gateway().play(CAMERA))).gatewayMessage).toBe('点播超时');
  });

  it('says the login was refused, naming the account', async () => {
    answers['/api/user/login'] = ['login-refused.json'];
    const error = await failure(gateway().play(CAMERA));
    expect(error.reason).toBe('gateway_refused');
    expect(error.message).toContain('admin');
    expect(error.gatewayMessage).toBe('用户名或密码错误');
  });

  it('says the gateway is unreachable when nothing listens', async () => {
    const error = await failure(gateway({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 }).play(CAMERA));
    expect(error.reason).toBe('gateway_unreachable');
    expect(error.message).toContain('127.0.0.1:9');
  });

  it('says the answer cannot be read when it is not a WVP result', async () => {
    delete answers['/api/user/login'];
    expect((await failure(gateway().play(CAMERA))).reason).toBe('gateway_bad_answer');
  });
});
