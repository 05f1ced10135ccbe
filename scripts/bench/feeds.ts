/**
 * `npx tsx scripts/bench/feeds.ts [--runs 5]`: the binary camera feed against the JSON a client
 * would otherwise fetch, at city scale (250,000 cameras), logged in as demo-city.
 *
 * Against BENCH_DATABASE_URL (default the local `citybench` database, which must already hold
 * the city demo; this script applies pending migrations and adds the demo accounts there).
 * Compared, each the same cameras (id order, all of the city):
 * - `/feeds/cameras`, without and with the id column;
 * - the GraphQL `cameras` connection paged at 500 (the most a page may hold), asking only for
 *   what the map needs: id, status, kind, location;
 * - a flat JSON array of the same rows ({id, status, kind, lon, lat}), from a bench-only
 *   endpoint (one query, JSON.stringify): about what any single JSON endpoint would send.
 * The server keeps encoded camera feeds while no camera changes (server/src/feeds/cache.ts), so
 * the feed is measured twice: "cold" raises the cameras' feed version (migration 011) and marks
 * it as needing a rebuild (migration 012) before each request, as a camera added or moved
 * would, so the feed is built from the database; "cached"
 * asks again with nothing changed.
 * Times are wall time per complete download on localhost (for GraphQL, all pages), median of
 * `--runs` after one warm-up; "db" is the feed's own Server-Timing. Bytes per camera raw and
 * gzipped (level 6, each response compressed on its own, as HTTP would).
 */
import express from 'express';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../server/src/app.js';
import { ensureDemoAccounts } from '../../server/src/auth/demo-accounts.js';
import type { Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openServer } from '../../server/src/db/server.js';
import { decodeFeed } from '../../server/src/domain/feed-decode.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/citybench';

let db: Database;
try {
  db = await openServer(url, { max: 4 });
} catch (error) {
  console.error(`No city-scale database at ${url} (${(error as Error).message}).`);
  console.error('Load one first (npm run bench loads the city demo), or set BENCH_DATABASE_URL. Stopping.');
  process.exit(1);
}
const cameraCount = await db
  .query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')
  .then((r) => r.rows[0]!.n)
  .catch(() => 0);
if (cameraCount < 200_000) {
  console.error(`${url} holds ${cameraCount} cameras, not the city demo (250,000). Stopping.`);
  await db.close();
  process.exit(1);
}
const applied = await migrate(db);
await ensureDemoAccounts(db);

const app = await createApp(db, { auth: { secret: randomBytes(32), tokenTtlSeconds: 3600 } });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// The bench-only JSON array endpoint: the same cameras as the feed, in the same order, as JSON.
const json = express();
json.get('/cameras.json', async (_req, res) => {
  const started = performance.now();
  const { rows } = await db.query(
    `SELECT id, status, kind, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE grid_code LIKE '3717%' ORDER BY id`,
  );
  const body = JSON.stringify(rows);
  res.setHeader('Server-Timing', `total;dur=${(performance.now() - started).toFixed(1)}`);
  res.type('application/json').send(body);
});
const jsonServer = json.listen(0, '127.0.0.1');
await new Promise((resolve) => jsonServer.once('listening', resolve));
const jsonBase = `http://127.0.0.1:${(jsonServer.address() as AddressInfo).port}`;

const login = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: 'mutation { login(username: "demo-city", password: "demo") { token } }' }),
});
const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
const auth = { authorization: `Bearer ${token}` };

interface Download {
  ms: number;
  dbMs: number | null;
  rows: number;
  raw: number;
  gzip: number;
  requests: number;
}

/** What any camera change does to the feed cache: a new version, so the next feed is built. */
// As a camera added or moved would (migration 012): the kept feed cannot be patched, only rebuilt.
const invalidate = () =>
  db.query(`UPDATE feed_versions SET version = version + 1, rebuild_from = version + 1 WHERE layer = 'cameras'`);

async function binaryFeed(path: string, cold = false): Promise<Download> {
  if (cold) await invalidate();
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { headers: auth });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${new TextDecoder().decode(bytes)}`);
  const dbMs = Number(/db;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  return { ms, dbMs, rows: decodeFeed(bytes).rows, raw: bytes.length, gzip: gzipSync(bytes).length, requests: 1 };
}

async function jsonArray(): Promise<Download> {
  const started = performance.now();
  const res = await fetch(`${jsonBase}/cameras.json`);
  const text = await res.text();
  const ms = performance.now() - started;
  const bytes = Buffer.from(text);
  return {
    ms,
    dbMs: null,
    rows: (JSON.parse(text) as unknown[]).length,
    raw: bytes.length,
    gzip: gzipSync(bytes).length,
    requests: 1,
  };
}

const PAGE = `query ($after: String) { cameras(first: 500, after: $after) {
  edges { node { id status kind location } } pageInfo { hasNextPage endCursor } } }`;

async function graphqlPages(): Promise<Download> {
  const out: Download = { ms: 0, dbMs: null, rows: 0, raw: 0, gzip: 0, requests: 0 };
  const started = performance.now();
  let after: string | null = null;
  for (;;) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: PAGE, variables: { after } }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const page = JSON.parse(bytes.toString('utf8')) as {
      data?: { cameras: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      errors?: unknown;
    };
    if (!page.data) throw new Error(`GraphQL page failed: ${JSON.stringify(page.errors)}`);
    out.rows += page.data.cameras.edges.length;
    out.raw += bytes.length;
    out.gzip += gzipSync(bytes).length;
    out.requests++;
    if (!page.data.cameras.pageInfo.hasNextPage) break;
    after = page.data.cameras.pageInfo.endCursor;
  }
  out.ms = performance.now() - started;
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const variants: [string, () => Promise<Download>][] = [
  ['feed /feeds/cameras, cold', () => binaryFeed('/feeds/cameras', true)],
  ['feed /feeds/cameras, cached', () => binaryFeed('/feeds/cameras')],
  ['feed /feeds/cameras?ids=1, cold', () => binaryFeed('/feeds/cameras?ids=1', true)],
  ['JSON array (bench endpoint)', jsonArray],
  ['GraphQL cameras, 500 a page', graphqlPages],
];

console.log(
  `${url.replace(/\/\/[^@]*@/, '//')}: ${cameraCount} cameras; node ${process.version}; ${runs} runs after a warm-up` +
    (applied.length ? `; applied migrations ${applied.join(', ')}` : ''),
);
console.log(
  `${'variant'.padEnd(34)}${'rows'.padStart(8)}${'reqs'.padStart(6)}${'median ms'.padStart(11)}${'min–max ms'.padStart(17)}` +
    `${'db ms'.padStart(8)}${'B/cam'.padStart(8)}${'gzip B/cam'.padStart(12)}`,
);
for (const [name, run] of variants) {
  await run();
  const results: Download[] = [];
  for (let i = 0; i < runs; i++) results.push(await run());
  const ms = results.map((r) => r.ms);
  const last = results.at(-1)!;
  if (results.some((r) => r.rows !== cameraCount)) throw new Error(`${name}: expected ${cameraCount} rows`);
  const dbMs = results[0]!.dbMs === null ? '' : median(results.map((r) => r.dbMs!)).toFixed(0);
  console.log(
    `${name.padEnd(34)}${String(last.rows).padStart(8)}${String(last.requests).padStart(6)}` +
      `${median(ms).toFixed(0).padStart(11)}${`${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`.padStart(17)}` +
      `${dbMs.padStart(8)}${(last.raw / last.rows).toFixed(1).padStart(8)}${(last.gzip / last.rows).toFixed(1).padStart(12)}`,
  );
}

jsonServer.close();
await app.stop();
await db.close();
