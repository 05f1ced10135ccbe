/**
 * The binary map feeds, mounted at /feeds: GET /feeds/cameras, /feeds/cases, /feeds/risk-points.
 * The same bearer token as GraphQL; everything limited to the viewer's jurisdiction. Answers
 * `application/vnd.zongzhi.columns` (see columns.ts), or JSON `{ error: { code, message, field? } }`
 * with 400 (bad parameter), 401 (no or bad token), 404 (a unit outside the jurisdiction: reading
 * outside it answers "not found", as GraphQL does), 500.
 *
 * Every feed is kept encoded between requests while its data does not change (cache.ts): each
 * request reads the feed's version (one row, migrations 011 and 013) and is served from memory
 * when it is the version the kept feed was built at, else the feed is built in one snapshot with
 * the version it read. The case feed judges `overdue` at the request's time, so it is kept only
 * until the next open case in it falls due. When only camera statuses changed since the kept
 * camera feed's version (migration 012 logs them), they are patched into it instead. Server-Timing
 * says `cache;desc=hit`, `update` or `miss`.
 *
 * Response headers: `Content-Type`, `Cache-Control: private, no-store` (jurisdiction-specific
 * data: no cache, shared or the browser's, may keep it), `X-Feed-Rows` (the row count),
 * `Vary: Accept-Encoding`, `Content-Length`, and `Content-Encoding: gzip` when the request's
 * Accept-Encoding takes gzip (every browser's does): compressed once per kept feed version
 * (gzip.ts), `gzip;dur` in Server-Timing.
 */
import { availableParallelism } from 'node:os';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { jurisdictionPrefix, narrowToJurisdiction } from '../auth/jurisdiction.js';
import type { Database, Queryable } from '../db/database.js';
import {
  findCameraFeedChunks,
  findCaseFeedChunks,
  findRiskPointFeedChunks,
  FEED_CHUNK_ROWS,
  cameraStatusChangesSince,
  feedVersion,
  nextOverdueAt,
  type FeedFilter,
  type VersionedLayer,
} from '../db/queries/feeds.js';
import { type AuthSettings } from '../auth/viewer.js';
import { authenticate, sendError } from '../http/bearer.js';
import { FeedCache, type CacheOutcome, type VersionedFeed } from './cache.js';
import { COLUMNS_MEDIA_TYPE } from '../domain/feed-columns.js';
import { gzipOnce } from './gzip.js';
import {
  buildFeed,
  buildPatchableFeed,
  CAMERA_LAYER,
  CASE_LAYER,
  RISK_POINT_LAYER,
  type FeedLayer,
  type PatchableFeed,
} from './layers.js';
import { parseFeedParams, type FeedParams } from './params.js';

/** A kept camera feed, with what it takes to patch statuses into it. */
interface CameraFeed extends VersionedFeed {
  patchable?: PatchableFeed;
}

export interface FeedsOptions {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  /** Rows per database round trip (tests make it small to cross chunk boundaries). */
  chunkRows?: number;
  /**
   * Connections one feed is read over at a time, on one snapshot (the server driver; the
   * embedded engine has one). Default: the cores, at most 4.
   */
  readers?: number;
  /** Percentage of pages sampled to split a feed between readers (tests raise it: tiny tables). */
  samplePercent?: number;
  /** Encoded feeds kept while their data does not change; null turns it off. */
  cache?: FeedCache | null;
}

/** Time spent waiting for the database, so Server-Timing can tell it from encoding. */
async function* timed<T>(source: AsyncIterable<T>, clock: { ms: number }): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const next = await it.next();
    clock.ms += performance.now() - started;
    if (next.done) return;
    yield next.value;
  }
}

type Build = (filter: FeedFilter, params: FeedParams, clock: { ms: number }) => Promise<BuiltFeed>;

/** A feed as a request gets it: its bytes, and their gzip made once per kept version. */
interface BuiltFeed {
  bytes: Uint8Array;
  rows: number;
  cache?: CacheOutcome;
  gzip(): Promise<Uint8Array>;
}

function feedRoute(layer: FeedLayer, options: FeedsOptions, build: Build) {
  return async (req: Request, res: Response) => {
    const viewer = await authenticate(req, res, options);
    if (!viewer) return;
    const parsed = parseFeedParams(layer, req.query as Record<string, unknown>);
    if (!parsed.ok) {
      const { field, message } = parsed.error;
      return sendError(res, 400, 'BAD_REQUEST', `${field}: ${message}`, field);
    }
    const params = parsed.value;
    if (params.area.unitCode && !narrowToJurisdiction(viewer.jurisdiction, params.area.unitCode).ok) {
      return sendError(res, 404, 'NOT_FOUND', `unit ${params.area.unitCode} not found in your jurisdiction`, 'unit');
    }
    const started = performance.now();
    const clock = { ms: 0 };
    const filter: FeedFilter = { prefix: viewer.prefix, area: params.area, unitPrefix: jurisdictionPrefix };
    const feed = await build(filter, params, clock);
    const built = performance.now();
    const encoding = req.acceptsEncodings('gzip', 'identity') === 'gzip' ? 'gzip' : null;
    const body = encoding ? await feed.gzip() : feed.bytes;
    const total = performance.now() - started;
    const cacheTiming = feed.cache ? `, cache;desc=${feed.cache}` : '';
    const gzipTiming = encoding ? `, gzip;dur=${(total - built).toFixed(1)}` : '';
    res.status(200);
    res.setHeader('Content-Type', COLUMNS_MEDIA_TYPE);
    // Jurisdiction-specific and changing by the minute: no cache may keep it.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Feed-Rows', String(feed.rows));
    // The body depends on Accept-Encoding: a cache between must not hand gzip to a client that did not ask.
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    // Stated up front, so the body goes out in one piece rather than in chunks.
    res.setHeader('Content-Length', String(body.byteLength));
    res.setHeader(
      'Server-Timing',
      `db;dur=${clock.ms.toFixed(1)}, encode;dur=${(built - started - clock.ms).toFixed(1)}${gzipTiming}${cacheTiming}`,
    );
    res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  };
}

/** What every feed's header says was asked for: the unit and the bbox. */
const areaMeta = (params: FeedParams) => ({ unit: params.area.unitCode, bbox: params.area.bbox });

export interface Feeds {
  /** Mount it at /feeds. */
  router: Router;
  /**
   * Builds and keeps the camera and risk-point feeds as a wall of each jurisdiction prefix asks
   * for them by default (the whole jurisdiction; a server warms up at start). The case feed is
   * left to the first request: its window is the wall's choice.
   */
  warm(prefixes: readonly string[]): Promise<void>;
}

/** The feeds: their router (mount it at /feeds) and their warm-up. */
export function createFeeds(options: FeedsOptions): Feeds {
  const { db } = options;
  const readers = options.readers ?? Math.min(4, availableParallelism());
  const read = { chunkRows: options.chunkRows ?? FEED_CHUNK_ROWS, samplePercent: options.samplePercent };
  const cache = options.cache === undefined ? new FeedCache() : options.cache;
  const router = Router();
  /**
   * A feed kept while its data's version stays the one it was built at (and, with `now`, while
   * the instant it holds until has not passed; with `update`, brought up to date when it can
   * be); `build` reads the version in its own snapshot.
   */
  const kept = async <F extends VersionedFeed>(
    layer: VersionedLayer,
    key: string,
    clock: { ms: number },
    build: (snapshot: Queryable[]) => Promise<F>,
    options: { now?: Date; update?: (kept: F) => Promise<F | null> } = {},
  ) => {
    const fresh = () => db.readSnapshot(readers, build);
    const store = cache as FeedCache<F> | null;
    if (!store) {
      const feed = await fresh();
      return { bytes: feed.bytes, rows: feed.rows, gzip: () => gzipOnce(feed.bytes) };
    }
    const started = performance.now();
    const version = await feedVersion(db, layer);
    clock.ms += performance.now() - started;
    const { feed, outcome } = await store.get(key, version, fresh, {
      now: options.now?.getTime(),
      update: options.update,
    });
    // The gzip is kept with the feed, and counted against the cache's limit with it.
    const gzip = () => gzipOnce(feed.bytes, (n) => store.addHeld(key, feed, n));
    return { bytes: feed.bytes, rows: feed.rows, cache: outcome, gzip };
  };
  const cameras: Build = (filter, params, clock) => {
    // Only statuses changed since the kept feed's version: patch them in, no rebuild.
    const update = async (previous: CameraFeed): Promise<CameraFeed | null> => {
      const since = performance.now();
      const patchable = previous.patchable;
      // The ids that find each changed camera's row are read once, the first time they are needed.
      const delta = patchable
        ? await cameraStatusChangesSince(db, previous.version, patchable.hasIds ? undefined : filter)
        : null;
      clock.ms += performance.now() - since;
      const changes = delta?.changes.map((c) => ({ id: c.id, value: c.status })) ?? [];
      const next = delta && patchable!.recode('status', changes, delta.ids ?? undefined);
      return (
        next && {
          version: delta.version,
          bytes: next.bytes,
          rows: next.rows,
          heldBytes: next.heldBytes,
          patchable: next,
        }
      );
    };
    // Everything that decides the bytes: the jurisdiction, the area and the id column.
    const key = JSON.stringify(['cameras', filter.prefix, params.area, params.ids]);
    return kept<CameraFeed>(
      'cameras',
      key,
      clock,
      async (snapshot) => {
        const version = await feedVersion(snapshot[0]!, 'cameras');
        const chunks = findCameraFeedChunks(snapshot, filter, CAMERA_LAYER.fields, { ids: params.ids, ...read });
        const feed = await buildPatchableFeed(CAMERA_LAYER, timed(chunks, clock), {
          ids: params.ids,
          meta: areaMeta(params),
        });
        return { version, bytes: feed.bytes, rows: feed.rows, heldBytes: feed.heldBytes, patchable: feed };
      },
      { update },
    );
  };
  const riskPoints: Build = (filter, params, clock) =>
    kept('risk_points', JSON.stringify(['risk-points', filter.prefix, params]), clock, async (snapshot) => {
      const version = await feedVersion(snapshot[0]!, 'risk_points');
      const chunks = findRiskPointFeedChunks(snapshot, filter, RISK_POINT_LAYER.fields, { ids: params.ids, ...read });
      const feed = await buildFeed(RISK_POINT_LAYER, timed(chunks, clock), {
        ids: params.ids,
        meta: areaMeta(params),
      });
      return { version, ...feed };
    });
  router.get('/cameras', feedRoute('cameras', options, cameras));
  router.get('/risk-points', feedRoute('risk-points', options, riskPoints));
  router.get(
    '/cases',
    feedRoute('cases', options, (filter, params, clock) => {
      const now = options.now();
      const caseFilter = { ...filter, ...params, now };
      // Overdue flags are judged at `now`: the feed holds until an open case's deadline passes.
      return kept(
        'cases',
        JSON.stringify(['cases', filter.prefix, params]),
        clock,
        async (snapshot) => {
          const version = await feedVersion(snapshot[0]!, 'cases');
          const until = await nextOverdueAt(snapshot[0]!, caseFilter);
          const chunks = findCaseFeedChunks(snapshot, caseFilter, CASE_LAYER.fields, { ids: params.ids, ...read });
          const feed = await buildFeed(CASE_LAYER, timed(chunks, clock), {
            ids: params.ids,
            meta: {
              ...areaMeta(params),
              from: params.from?.toISOString() ?? null,
              to: params.to?.toISOString() ?? null,
              status: params.statuses,
              category: params.categories,
              overdueAt: now.toISOString(),
            },
          });
          return { version, ...feed, ...(until ? { validUntil: until.getTime() } : {}) };
        },
        { now },
      );
    }),
  );
  router.use((req: Request, res: Response) =>
    sendError(res, 404, 'NOT_FOUND', `no feed at ${req.baseUrl}${req.path}; use cameras, cases or risk-points`),
  );
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('feed failed:', error);
    if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'the feed could not be built; see the server log');
  });
  const warm = async (prefixes: readonly string[]) => {
    const jobs = [...new Set(prefixes)].flatMap((prefix) =>
      (
        [
          ['cameras', cameras],
          ['risk-points', riskPoints],
        ] as const
      ).map(([layer, build]) => {
        const params = parseFeedParams(layer, {});
        if (!params.ok) throw new Error(`feeds: no default parameters for ${layer}`);
        const filter: FeedFilter = { prefix, area: params.value.area, unitPrefix: jurisdictionPrefix };
        return build(filter, params.value, { ms: 0 });
      }),
    );
    await Promise.all(jobs);
  };
  return { router, warm };
}
