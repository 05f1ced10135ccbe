/**
 * `npx tsx scripts/bench/abuse.ts --database-url URL [--seconds 60] [--connections 20] [--mix summary,cases,feed]`
 *
 * Normal traffic beside abusive WebSocket clients. autocannon sends a mix of the city summary,
 * a page of cases and the camera feed over `--connections` connections for `--seconds`, twice:
 * alone, then with two WebSocket clients that send, as fast as the server answers, a
 * subscribe message carrying a 40-alias query of cases(first: 500) with their events (what
 * used to run unlimited over the socket). Prints, per run, the normal traffic's errors and
 * p50/p95/p99, and how many abusive messages were answered. The database must hold the city
 * demo (`npm run seed -- --scale city` with DATABASE_URL).
 *
 * Every request says `Accept-Encoding: gzip, deflate, br`, as a browser's does
 * (`--accept-encoding ''` sends none). Bodies are counted, not decoded into strings
 * (autocannon-bytes.ts), as a browser keeps a feed's bytes; `--string-bodies` runs autocannon
 * as it comes, which then needs `--workers 2` to keep up with the feeds it decodes.
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { startServerProcess } from '../../server/test/server-process.js';
import { countBodiesOnly } from './autocannon-bytes.js';
import { demoToken } from './demo-token.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '20' },
    /** Load-generator threads (more than one only with --string-bodies). */
    workers: { type: 'string', default: '1' },
    'string-bodies': { type: 'boolean', default: false },
    'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
    /** Which of the normal requests to send (default all three). */
    mix: { type: 'string', default: 'summary,cases,feed' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const workers = Number(values.workers);
if (!values['string-bodies']) {
  if (workers > 1)
    throw new Error('--workers above 1 needs --string-bodies (worker threads load their own autocannon)');
  countBodiesOnly();
}
const acceptEncoding = values['accept-encoding'] ? { 'accept-encoding': values['accept-encoding'] } : {};

// The server runs in its own process, as deployed: the load generator's own work (parsing a
// 2.5 MB feed per request) must not share the server's event loop and inflate its latency.
const databaseUrl = values['database-url'];
const server = await startServerProcess(databaseUrl ? 'server' : 'embedded', {
  data: {
    env: {
      ...process.env,
      DEMO_SCALE: 'none',
      DATABASE_URL: databaseUrl ?? '',
      DATA_DIR: values['data-dir'] ?? process.env.DATA_DIR ?? './data',
    },
    pgDir: null,
    remove: async () => {},
  },
  env: { JWT_SECRET: 'abuse-benchmark-secret-abuse-benchmark' },
  // Measured once the feeds the wall asks for are built, as a center's server is after start.
  readyLine: /^warm-up: /m,
});
const base = server.base;
const token = (username: string) => demoToken(base, username);
const city = await token('demo-city');
const wall = await token('demo-wall');
const headers = { 'content-type': 'application/json', authorization: `Bearer ${city}`, ...acceptEncoding };
const gql = (query: string) => JSON.stringify({ query });

const MIX: Record<string, autocannon.Request> = {
  summary: {
    method: 'POST',
    path: '/graphql',
    headers,
    body: gql('{ summary { inProgress overdue today { newCases closedCases } cameras { onlineRate } } }'),
  },
  cases: {
    method: 'POST',
    path: '/graphql',
    headers,
    body: gql(
      '{ cases(area: { bbox: [115.3, 35.1, 115.6, 35.35] }, first: 50) { totalCount edges { node { code status } } } }',
    ),
  },
  feed: { method: 'GET', path: '/feeds/cameras', headers: { authorization: `Bearer ${city}`, ...acceptEncoding } },
};
const NORMAL = values.mix.split(',').map((name) => {
  const request = MIX[name.trim()];
  if (!request) throw new Error(`--mix takes ${Object.keys(MIX).join(', ')}; got "${name}"`);
  return request;
});

const ABUSIVE_QUERY = `subscription { ${Array.from(
  { length: 40 },
  (_, i) => `a${i}: cases(first: 500) { edges { node { code events { at actor note } } } }`,
).join(' ')} }`;

/** A client that floods the socket with the abusive query; returns a stop function and a count. */
function abuser(): { stop: () => void; answered: () => number } {
  let answered = 0;
  let id = 0;
  const socket = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const next = () =>
    socket.send(JSON.stringify({ id: String(++id), type: 'subscribe', payload: { query: ABUSIVE_QUERY } }));
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${wall}` } })),
  );
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string };
    if (message.type === 'connection_ack') next();
    if (message.type === 'error' || message.type === 'complete' || message.type === 'next') {
      answered += 1;
      next();
    }
  });
  socket.on('error', () => undefined);
  return { stop: () => socket.terminate(), answered: () => answered };
}

async function run(label: string, withAbuse: boolean): Promise<void> {
  const abusers = withAbuse ? [abuser(), abuser()] : [];
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: NORMAL,
    ...(workers > 1 ? { workers } : {}),
  });
  for (const a of abusers) a.stop();
  const l = result.latency;
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${label.padEnd(28)} requests ${String(result.requests.total).padStart(7)}  errors ${errors}  ` +
      `p50 ${l.p50} ms  p97.5 ${l.p97_5} ms  p99 ${l.p99} ms  max ${l.max} ms` +
      (withAbuse ? `  abusive messages answered ${abusers.reduce((n, a) => n + a.answered(), 0)}` : ''),
  );
}

console.log(
  `driver ${databaseUrl ? 'server' : 'embedded'}; ${connections} connections, ${workers} load thread(s), ` +
    `${seconds} s each; mix ${values.mix}; accept-encoding "${values['accept-encoding']}"; ` +
    `bodies ${values['string-bodies'] ? 'as strings' : 'counted'}; node ${process.version}`,
);
await run('normal traffic alone', false);
await run('beside two abusive sockets', true);
// autocannon stops counting at the deadline; let the requests still in flight finish.
await new Promise((r) => setTimeout(r, 2000));
server.child.kill('SIGTERM');
await server.exitWithin(15_000);
