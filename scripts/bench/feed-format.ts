/**
 * `npx tsx scripts/bench/feed-format.ts [--runs 9]`: the camera feed at city scale (250,000
 * cameras, all of the city) as the Arrow IPC stream the server sends and, side by side, in the
 * format it replaced (zzcf-baseline.ts, kept in this folder only as the baseline), from the same
 * rows read once.
 *
 * Read-only against BENCH_DATABASE_URL (default the local `citybench` database holding the city
 * demo): no migrations, no accounts, no login, so nothing is written there; the feed path is
 * driven in-process (feeds/kept-feeds.ts, the same code the route calls) instead of over HTTP.
 * Printed, medians of `--runs` after one warm-up:
 * - bytes per camera, raw and gzipped at the level the server sends (feeds/gzip.ts), without
 *   and with ids;
 * - build: the rows read from the database and encoded; encode: the rows (already read) to bytes;
 * - cached: a request's server time for a kept feed (its version read, the cache, its gzip);
 * - decode: bytes to what deck.gl takes (web/src/map/feed-data.ts's toPointFeed, run in Node),
 *   and then the per-row status colours the wall computes from the codes.
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { jurisdictionPrefix } from '../../server/src/auth/jurisdiction.js';
import type { Database } from '../../server/src/db/database.js';
import { feedVersion, findCameraFeedChunks, type FeedFilter } from '../../server/src/db/queries/feeds.js';
import { openServer } from '../../server/src/db/server.js';
import { positionColumn } from '../../server/src/domain/feed-columns.js';
import { FeedCache } from '../../server/src/feeds/cache.js';
import { FEED_GZIP_LEVEL } from '../../server/src/feeds/gzip.js';
import { keptFeeds } from '../../server/src/feeds/kept-feeds.js';
import { CAMERA_LAYER, collect, encode, type Collected } from '../../server/src/feeds/layers.js';
import { buildPatchableFeed } from '../../server/src/feeds/patchable-feed.js';
import { colorsByCode, toPointFeed } from '../../web/src/map/feed-data.js';
import { encodeZzcf, zzcfPointFeed } from './zzcf-baseline.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/citybench';

let db: Database;
try {
  db = await openServer(url, { max: 5 });
} catch (error) {
  console.error(`No city-scale database at ${url} (${(error as Error).message}). Stopping.`);
  process.exit(1);
}
const city: FeedFilter = {
  prefix: jurisdictionPrefix('371700000000'),
  area: { unitCode: null, bbox: null, near: null, polygon: null },
  unitPrefix: jurisdictionPrefix,
};
const readers = 4;
const read = (ids: boolean) =>
  db.readSnapshot(readers, (snapshot) =>
    collect(CAMERA_LAYER, findCameraFeedChunks(snapshot, city, CAMERA_LAYER.fields, { ids }), ids),
  );

/** The same rows in the old format, as the old server encoded them. */
function encodeOld(rows: Collected, ids: boolean): Uint8Array {
  const [lon, lat, status, kind] = rows.merged as [Float64Array, Float64Array, Uint8Array, Uint8Array];
  const lonLat = new Float64Array(rows.rows * 2);
  for (let i = 0; i < rows.rows; i++) {
    lonLat[2 * i] = lon[i]!;
    lonLat[2 * i + 1] = lat[i]!;
  }
  const position = positionColumn('position', lonLat);
  const columns = [
    {
      name: 'position',
      type: 'float32' as const,
      size: 2,
      values: position.values as Float32Array,
      origin: (position as { origin: [number, number] }).origin,
    },
    {
      name: 'status',
      type: 'uint8' as const,
      size: 1,
      values: status,
      dictionary: [...CAMERA_LAYER.fields[2]!.dictionary!],
    },
    {
      name: 'kind',
      type: 'uint8' as const,
      size: 1,
      values: kind,
      dictionary: [...CAMERA_LAYER.fields[3]!.dictionary!],
    },
  ];
  if (ids) {
    const bytes = new Uint8Array(rows.ids.length);
    for (let i = 0; i < rows.ids.length; i++) bytes[i] = rows.ids.charCodeAt(i);
    columns.push({ name: 'id', type: 'ascii' as const, size: CAMERA_LAYER.idLength, values: bytes } as never);
  }
  return encodeZzcf('cameras', rows.rows, columns, { unit: null, bbox: null });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(work: () => unknown): Promise<number> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return median(ms);
}
const arrayBuffer = (bytes: Uint8Array) => bytes.slice().buffer as ArrayBuffer;
const STATUS_COLORS = { online: [0, 200, 0], offline: [128, 128, 128], fault: [220, 0, 0] } as const;

const bare = await read(false);
const withIds = await read(true);
const n = bare.rows;
const options = { ids: false, meta: { unit: null, bbox: null } };
const formats = {
  'ZZCF (old)': {
    bytes: encodeOld(bare, false),
    idBytes: encodeOld(withIds, true),
    encode: () => encodeOld(bare, false),
    decode: (b: ArrayBuffer) => zzcfPointFeed(b),
  },
  'Arrow IPC': {
    bytes: encode(CAMERA_LAYER, bare, options),
    idBytes: encode(CAMERA_LAYER, withIds, { ...options, ids: true }),
    encode: () => encode(CAMERA_LAYER, bare, options),
    decode: (b: ArrayBuffer) => toPointFeed(b),
  },
};
const old = toPointFeed(arrayBuffer(formats['Arrow IPC'].bytes));
const check = zzcfPointFeed(arrayBuffer(formats['ZZCF (old)'].bytes));
if (old.rows !== check.rows || old.positions.some((v, i) => v !== check.positions[i])) {
  throw new Error('the two formats do not hold the same cameras');
}

const arrowBuild = () =>
  db.readSnapshot(readers, (snapshot) =>
    buildPatchableFeed(
      CAMERA_LAYER,
      findCameraFeedChunks(snapshot, city, CAMERA_LAYER.fields, { ids: false }),
      options,
    ),
  );
const builds = { 'ZZCF (old)': async () => encodeOld(await read(false), false), 'Arrow IPC': arrowBuild };
const kept = keptFeeds(db, new FeedCache(), readers);
const key = JSON.stringify(['cameras', city.prefix]);
const cachedFeed = () =>
  kept('cameras', key, { ms: 0 }, async (snapshot) => {
    const version = await feedVersion(snapshot[0]!, 'cameras');
    const feed = await buildPatchableFeed(
      CAMERA_LAYER,
      findCameraFeedChunks(snapshot, city, CAMERA_LAYER.fields, { ids: false }),
      options,
    );
    return { version, bytes: feed.bytes, rows: feed.rows };
  }).then((f) => f.gzip());
const cached = await time(cachedFeed);

console.log(
  `${url.replace(/\/\/[^@]*@/, '//')}: ${n} cameras; node ${process.version}; median of ${runs} after a warm-up`,
);
console.log(
  `${'format'.padEnd(12)}${'B/cam'.padStart(7)}${'gzip'.padStart(7)}${'ids B/cam'.padStart(11)}${'ids gzip'.padStart(10)}` +
    `${'build ms'.padStart(10)}${'encode ms'.padStart(11)}${'decode ms'.padStart(11)}${'+colours ms'.padStart(13)}`,
);
// Both decoders warmed up together first, so neither is timed while the JIT still learns the other.
for (let i = 0; i < 5; i++) {
  for (const f of Object.values(formats))
    colorsByCode(f.decode(arrayBuffer(f.bytes)).codes.status as never, STATUS_COLORS as never);
}
for (const [name, f] of Object.entries(formats)) {
  const gz = (b: Uint8Array) => gzipSync(b, { level: FEED_GZIP_LEVEL }).length / n;
  const ab = arrayBuffer(f.bytes);
  const buildMs = await time(builds[name as keyof typeof builds]);
  const encodeMs = await time(f.encode);
  const decodeMs = await time(() => f.decode(ab));
  const coloursMs = await time(() => {
    const feed = f.decode(ab);
    return colorsByCode(feed.codes.status as never, STATUS_COLORS as never);
  });
  console.log(
    `${name.padEnd(12)}${(f.bytes.length / n).toFixed(2).padStart(7)}${gz(f.bytes).toFixed(2).padStart(7)}` +
      `${(f.idBytes.length / n).toFixed(2).padStart(11)}${gz(f.idBytes).toFixed(2).padStart(10)}` +
      `${buildMs.toFixed(0).padStart(10)}${encodeMs.toFixed(1).padStart(11)}${decodeMs.toFixed(2).padStart(11)}${coloursMs.toFixed(2).padStart(13)}`,
  );
}
console.log(`Arrow camera feed kept, asked again (version read, cache, gzip): ${cached.toFixed(1)} ms server time`);
await db.close();
