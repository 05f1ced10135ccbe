/**
 * `npx tsx scripts/bench/api.ts [--database-url URL | --data-dir DIR] [--seconds 10] [--only reportCase,feed]`
 * API latency at city scale with autocannon: summary, a page of 50 cases with bbox + time
 * filter, reportCase, caseStats by township for a year, and the 250,000-camera feed, the last
 * as served again while no camera changed (the server's feed cache), after a heartbeat batch
 * that changed 100 statuses (patched into the kept feed), and rebuilt from the database after
 * any other change (one request at a time; server time from its Server-Timing header).
 * `--only` runs the scenarios whose names contain one of the given words.
 * The database must already hold the city demo (`npm run seed -- --scale city`, or
 * `npm run bench` phases). Prints p50/p95/p99 per scenario from every response time.
 */
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/src/app.js';
import { ensureDemoAccounts } from '../../server/src/auth/demo-accounts.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';
import { demoToken } from './demo-token.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
    only: { type: 'string' },
  },
});
const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
await migrate(db);
await ensureDemoAccounts(db);
const counts = (
  await db.query<{ cameras: number; cases: number }>(
    'SELECT (SELECT count(*)::int FROM cameras) AS cameras, (SELECT count(*)::int FROM cases) AS cases',
  )
).rows[0]!;
if (counts.cameras < 200_000) throw new Error(`expected the city demo (250,000 cameras), found ${counts.cameras}`);

const app = await createApp(db, { auth: { secret: new Uint8Array(32).fill(3), tokenTtlSeconds: 3600 } });
await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const token = (username: string) => demoToken(base, username);
const cityToken = await token('demo-city');
const countyToken = await token('demo-county');

// Points inside grids of 牡丹区 for reportCase, and a bbox around its centre for the case page.
const points = (
  await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids
   WHERE valid_to IS NULL AND code LIKE '371702%' ORDER BY code LIMIT 500) s`,
  )
).rows;
const asOf = (await db.query<{ d: string }>(`SELECT to_char(max(reported_at), 'YYYY-MM-DD') AS d FROM cases`)).rows[0]!
  .d;

const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const headers = (t: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${t}` });

interface Scenario {
  name: string;
  target: string;
  request: autocannon.Request;
}
const scenarios: Scenario[] = [
  {
    name: 'summary (city)',
    target: 'p95 < 50 ms',
    request: {
      method: 'POST',
      path: '/graphql',
      headers: headers(cityToken),
      body: gql(
        '{ summary { inProgress overdue onTimeClosureRate today { newCases closedCases } cameras { onlineRate } riskPointsByLevel { level count } } }',
      ),
    },
  },
  {
    name: 'cases page: 50, bbox + 30 days',
    target: 'p95 < 30 ms',
    request: {
      method: 'POST',
      path: '/graphql',
      headers: headers(cityToken),
      body: gql(
        'query ($from: DateTime) { cases(area: { bbox: [115.3, 35.1, 115.6, 35.35] }, from: $from, first: 50) { totalCount edges { node { code status reportedAt } } } }',
        {
          from: new Date(Date.parse(`${asOf}T00:00:00+08:00`) - 30 * 86_400_000).toISOString(),
        },
      ),
    },
  },
  {
    name: 'caseStats by township, one year',
    target: '< 100 ms',
    request: {
      method: 'POST',
      path: '/graphql',
      headers: headers(cityToken),
      body: gql(
        'query ($from: DateTime, $to: DateTime) { caseStats(from: $from, to: $to, groupBy: township) { key count } }',
        {
          from: new Date(Date.parse(`${asOf}T00:00:00+08:00`) - 365 * 86_400_000).toISOString(),
          to: `${asOf}T23:59:59+08:00`,
        },
      ),
    },
  },
  {
    name: 'reportCase',
    target: 'p95 < 25 ms',
    request: {
      method: 'POST',
      path: '/graphql',
      headers: headers(countyToken),
      setupRequest: (req) => {
        const p = points[Math.floor(Math.random() * points.length)]!;
        return {
          ...req,
          body: gql('mutation ($i: ReportCaseInput!) { reportCase(input: $i) { code } }', {
            i: { category: 'neighbour', severity: 'low', source: 'hotline', lon: p.lon, lat: p.lat },
          }),
        };
      },
    },
  },
  {
    name: 'camera feed (250,000), cached',
    target: '< 300 ms server time',
    request: { method: 'GET', path: '/feeds/cameras', headers: { authorization: `Bearer ${cityToken}` } },
  },
];

const only = values.only?.split(',').map((w) => w.trim().toLowerCase());
const wanted = (name: string) => !only || only.some((w) => name.toLowerCase().includes(w));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(
  `driver ${db.kind}; ${counts.cameras} cameras, ${counts.cases} cases; ${values.connections} connections, ${values.seconds} s each`,
);
for (const s of scenarios.filter((x) => wanted(x.name))) {
  const times: number[] = [];
  let errors = 0;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: Number(values.connections), duration: Number(values.seconds), requests: [s.request] },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status !== 200) errors++;
      times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  const line = `${s.name.padEnd(34)} n=${String(times.length).padStart(6)}  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms  non-200: ${errors}  (target ${s.target})`;
  console.log(line);
}
/** Flips 100 cameras between online and offline, as a heartbeat batch does (flipped back at the end). */
const flipped: number[] = [];
async function heartbeatBatch(): Promise<void> {
  const offset = (flipped.length * 997) % 240_000;
  flipped.push(offset);
  await flip(offset);
}
async function flip(offset: number): Promise<void> {
  await db.query(
    `UPDATE cameras SET status = CASE status WHEN 'online' THEN 'offline' WHEN 'offline' THEN 'online' ELSE status END
     WHERE id IN (SELECT id FROM cameras ORDER BY id OFFSET $1 LIMIT 100)`,
    [offset],
  );
}

/**
 * The camera feed after a change, one request at a time: after a heartbeat batch that changed
 * statuses (patched into the kept feed), or after a change of anything else (the feed version
 * raised as an insert or a move raises it: built afresh from the database).
 */
async function changedFeed(name: string, change: () => Promise<void>, outcome: 'update' | 'miss'): Promise<void> {
  if (!wanted(name)) return;
  const wall: number[] = [];
  const server: number[] = [];
  const database: number[] = [];
  const until = performance.now() + Number(values.seconds) * 1000;
  while (performance.now() < until || wall.length < 3) {
    await change();
    const started = performance.now();
    const res = await fetch(`${base}/feeds/cameras`, { headers: { authorization: `Bearer ${cityToken}` } });
    await res.arrayBuffer();
    wall.push(performance.now() - started);
    const timing = res.headers.get('server-timing') ?? '';
    if (!timing.includes(`cache;desc=${outcome}`)) throw new Error(`expected cache ${outcome}, got "${timing}"`);
    server.push([...timing.matchAll(/dur=([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0));
    database.push(Number(/db;dur=([\d.]+)/.exec(timing)?.[1]));
  }
  for (const [label, times] of [
    ['', wall],
    [' server time', server],
    [' of it database', database],
  ] as const) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `${(name + label).padEnd(34)} n=${String(sorted.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms  (target < 300 ms server time)`,
    );
  }
}
await changedFeed('camera feed (250,000), after heartbeats', heartbeatBatch, 'update');
for (const offset of flipped) await flip(offset);
await changedFeed(
  'camera feed (250,000), rebuilt',
  async () => {
    await db.query(
      `UPDATE feed_versions SET version = version + 1, rebuild_from = version + 1 WHERE layer = 'cameras'`,
    );
  },
  'miss',
);

// A feed request that autocannon cut off at the end of its time is still being built; let it
// finish before the pool closes.
await new Promise((resolve) => setTimeout(resolve, 1500));
await app.stop();
await db.close();
