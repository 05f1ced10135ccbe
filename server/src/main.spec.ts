/**
 * The server process stops when a service manager or an operator tells it to, whatever clients
 * still hold open, and leaves its database closed cleanly.
 */
import { createClient, type Client } from 'graphql-ws';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openEmbedded } from './db/embedded.js';
import { eachDriver } from '../test/databases.js';
import { startServerProcess, type ServerProcess } from '../test/server-process.js';

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "demo-wall", password: "demo") { token } }' }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}

/** A graphql-ws client with one live subscription, resolved once the server acknowledged it. */
async function subscribed(base: string, token: string): Promise<Client> {
  const client = createClient({
    url: `${base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe(
    { query: 'subscription { caseChanged { caseCode } }' },
    { next: () => undefined, error: () => undefined, complete: () => undefined },
  );
  await connected;
  return client;
}

/** A WebSocket whose peer stops reading once upgraded, as a frozen wall screen's does. */
async function silentWebSocket(base: string): Promise<Socket> {
  const { port } = new URL(base);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (b: Buffer) => resolve(b.toString())));
  expect(head).toMatch(/^HTTP\/1.1 101/);
  socket.pause();
  socket.on('error', () => undefined);
  return socket;
}

/** An HTTP connection left idle in a keep-alive pool after one request. */
async function idleKeepAlive(base: string): Promise<Agent> {
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) =>
    get(`${base}/healthz`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject),
  );
  expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
  return agent;
}

/** DBState in global/pg_control (a 4-byte enum after two 8 bytes of header): 1 is "shut down". */
async function clusterState(pgDir: string): Promise<number> {
  return (await readFile(join(pgDir, 'global', 'pg_control'))).readUInt32LE(16);
}

eachDriver('the server process', (driver) => {
  let server: ServerProcess | undefined;
  const opened: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
    await server?.cleanup();
    server = undefined;
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits with code 0 within 10 s of ${signal} while subscriptions, a silent WebSocket and an idle keep-alive connection are open`, async () => {
      server = await startServerProcess(driver);
      const token = await login(server.base);
      const clients = await Promise.all([subscribed(server.base, token), subscribed(server.base, token)]);
      const silent = await silentWebSocket(server.base);
      const agent = await idleKeepAlive(server.base);
      opened.push({ close: () => Promise.all(clients.map((c) => c.dispose())) });
      opened.push({ close: () => silent.destroy() }, { close: () => agent.destroy() });

      if (server.pgDir) {
        const lock = JSON.parse(await readFile(`${server.pgDir}.lock`, 'utf8'));
        expect(lock).toMatchObject({ pid: server.child.pid, label: 'the server' });
      }

      const started = performance.now();
      server.child.kill(signal);
      const exit = await server.exitWithin(15_000);
      const ms = performance.now() - started;

      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(10_000);
      expect(server.output()).toContain(`${signal}: shutting down`);
      expect(server.output()).not.toMatch(/^shutdown: /m);
      if (server.pgDir) {
        expect(await clusterState(server.pgDir)).toBe(1);
        expect(existsSync(`${server.pgDir}.lock`)).toBe(false);
        const again = await openEmbedded({ dataDir: server.pgDir });
        opened.push(again);
        expect((await again.query("SELECT count(*) AS n FROM users WHERE username = 'demo-wall'")).rows).toEqual([
          { n: 1 },
        ]);
      }
    }, 180_000);
  }
});
