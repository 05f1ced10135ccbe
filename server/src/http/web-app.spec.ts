import compression from 'compression';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRouter } from './web-app.js';

/** A raw GET: the body's bytes as sent (Node's fetch would undo the gzip) and the headers. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('the web app as served', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const script = 'export const x = 1;\n'.repeat(200);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-app-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), script);
    // A copy that differs from the file, so a test can tell which one was sent.
    writeFileSync(join(dir, 'assets', 'main-abc123.js.gz'), gzipSync('/* the build-time copy */'));
    writeFileSync(join(dir, 'assets', 'style-def456.css'), 'body { color: red; }\n'.repeat(100));
    const app = express();
    app.use(compression());
    app.get('/healthz', (_req, res) => res.json({ ok: true }));
    app.use(webAppRouter(dir));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the gzipped copy made at build time, as JavaScript, cached for a year', async () => {
    const res = await get(`${base}/assets/main-abc123.js`, { 'accept-encoding': 'gzip, deflate' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body).toEqual(gzipSync('/* the build-time copy */'));
  });

  it('sends the file itself to a client that takes no gzip', async () => {
    const res = await get(`${base}/assets/main-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(script);
  });

  it('still gzips an asset the build left no copy of', async () => {
    const res = await fetch(`${base}/assets/style-def456.css`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('body { color: red; }\n'.repeat(100));
  });

  it('answers a missing asset with 404, not with the app shell', async () => {
    const res = await fetch(`${base}/assets/main-old999.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('/assets/main-old999.js');
  });

  it('does not serve files outside the assets folder', async () => {
    const res = await get(`${base}/assets/..%2findex.html`);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('<title>shell</title>');
  });

  it('serves the app shell for client-side routes, revalidated on every load', async () => {
    for (const path of ['/', '/wall', '/review/370000', '/plan']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('<title>shell</title>');
    }
    const direct = await fetch(`${base}/index.html`);
    expect(direct.headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves the API paths to their own routers', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/feeds/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/basemap/nothing.json`)).status).toBe(404);
  });
});
