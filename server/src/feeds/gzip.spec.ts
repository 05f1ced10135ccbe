import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import { arrowRows } from '../../test/arrow-rows.js';
import { decodeFeed } from '../domain/feed-decode.js';
import { gzipOnce } from './gzip.js';

describe('gzipOnce', () => {
  it('compresses bytes that gunzip gives back exactly', async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
    expect(Buffer.from(gunzipSync(await gzipOnce(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('compresses one bytes object once, however many ask at once or later', async () => {
    const bytes = new Uint8Array(5_000).fill(3);
    const made: number[] = [];
    const [a, b] = await Promise.all([gzipOnce(bytes, (n) => made.push(n)), gzipOnce(bytes, (n) => made.push(n))]);
    const later = await gzipOnce(bytes, (n) => made.push(n));
    expect(b).toBe(a);
    expect(later).toBe(a);
    expect(made).toEqual([a.byteLength]);
  });

  it('compresses equal bytes in another object on their own (each kept feed version has its own)', async () => {
    const first = await gzipOnce(new Uint8Array(100).fill(1));
    const second = await gzipOnce(new Uint8Array(100).fill(1));
    expect(second).not.toBe(first);
  });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET without fetch's own decoding, so the bytes on the wire can be checked. */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

eachDriver('gzip-compressed feeds', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny');
    token = await api.login('demo-township');
  });
  afterAll(() => api.stop());

  const feed = (path: string, acceptEncoding?: string, more: Record<string, string> = {}) =>
    rawGet(`${api.base}${path}`, {
      authorization: `Bearer ${token}`,
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      ...more,
    });

  it('answers 304 to If-None-Match with the ETag while the feed is unchanged, each coding with its own tag', async () => {
    const plain = await feed('/feeds/risk-points');
    const zipped = await feed('/feeds/risk-points', 'gzip');
    const tag = plain.headers.etag as string;
    expect(tag).toMatch(/^"[\w-]{27}"$/);
    expect(zipped.headers.etag).toBe(tag.replace(/"$/, '-gzip"'));
    const again = await feed('/feeds/risk-points', undefined, { 'if-none-match': `"other", ${tag}` });
    expect([again.status, again.body.byteLength, again.headers.etag]).toEqual([304, 0, tag]);
    // The gzip's tag does not stand for the plain bytes.
    expect(
      (await feed('/feeds/risk-points', undefined, { 'if-none-match': zipped.headers.etag as string })).status,
    ).toBe(200);
    await api.db.query(
      `UPDATE risk_points SET level = 5 - level WHERE id = (SELECT min(id) FROM risk_points WHERE grid_code LIKE '371702005%')`,
    );
    const changed = await feed('/feeds/risk-points', undefined, { 'if-none-match': tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
  });

  it.each(['cameras', 'cases', 'risk-points'])(
    'sends the %s feed gzipped to a client that accepts gzip, decoding to the same bytes as uncompressed',
    async (layer) => {
      const plain = await feed(`/feeds/${layer}?ids=1`);
      const zipped = await feed(`/feeds/${layer}?ids=1`, 'gzip, deflate, br');
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.byteLength);
      expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect(zipped.headers['x-feed-rows']).toBe(plain.headers['x-feed-rows']);
      for (const res of [plain, zipped]) {
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
    },
  );

  it('sends the feed uncompressed to a client that refuses gzip', async () => {
    const res = await feed('/feeds/cameras', 'gzip;q=0, identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(decodeFeed(res.body).rows).toBe(Number(res.headers['x-feed-rows']));
  });

  it('sends the new version gzipped after a change, never the gzip of the one before', async () => {
    const before = await feed('/feeds/cameras?ids=1', 'gzip');
    const { rows } = await api.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM cameras WHERE grid_code LIKE '371702005%' ORDER BY id LIMIT 1`,
    );
    const camera = rows[0]!;
    const status = camera.status === 'fault' ? 'online' : 'fault';
    await api.db.query('UPDATE cameras SET status = $2 WHERE id = $1', [camera.id, status]);
    const after = await feed('/feeds/cameras?ids=1', 'gzip');
    expect(after.body.equals(before.body)).toBe(false);
    const row = arrowRows(gunzipSync(after.body)).find((r) => r.id === camera.id);
    expect(row?.status).toBe(status);
    expect(gunzipSync(after.body).equals((await feed('/feeds/cameras?ids=1')).body)).toBe(true);
  });
});
