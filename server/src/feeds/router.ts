/**
 * The binary map feeds, mounted at /feeds: GET /feeds/cameras, /feeds/cases, /feeds/risk-points.
 * The same bearer token as GraphQL; everything limited to the viewer's jurisdiction. Answers
 * `application/vnd.apache.arrow.stream` (an Arrow IPC stream, see domain/feed-columns.ts and
 * docs/feeds.md), or JSON `{ error: { code, message, field? } }`
 * with 400 (bad parameter), 401 (no or bad token), 404 (a unit outside the jurisdiction: reading
 * outside it answers "not found", as GraphQL does), 500.
 *
 * Every feed is kept encoded between requests while its data does not change (kept-feeds.ts,
 * cache.ts): each request reads the feed's version (one row, migrations 011 and 013) and is
 * served from memory when it is the version the kept feed was built at, else the feed is built in
 * one snapshot with the version it read. The case feed judges `overdue` at the request's time, so
 * it is kept only until the next open case in it falls due. When only camera statuses changed
 * since the kept camera feed's version, they are patched into it instead
 * (camera-status-patch.ts). Server-Timing says `cache;desc=hit`, `update` or `miss`.
 *
 * Response headers: `Content-Type`, `Cache-Control: private, no-store` (jurisdiction-specific
 * data: no cache, shared or the browser's, may keep it), `ETag` (a hash of the bytes, per
 * content coding: `If-None-Match` with it answers 304 while the feed is unchanged, etag.ts),
 * `X-Feed-Rows` (the row count),
 * `Vary: Accept-Encoding`, `Content-Length`, and `Content-Encoding: gzip` when the request's
 * Accept-Encoding takes gzip (every browser's does): compressed once per kept feed version
 * (gzip.ts), `gzip;dur` in Server-Timing. The answer itself comes from feed-route.ts.
 */
import { availableParallelism } from 'node:os';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import type { AuthSettings } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import {
  findCameraFeedChunks,
  findCaseFeedChunks,
  findRiskPointFeedChunks,
  FEED_CHUNK_ROWS,
  feedVersion,
  nextOverdueAt,
  type FeedFilter,
} from '../db/queries/feeds.js';
import { sendError } from '../http/bearer.js';
import { FeedCache } from './cache.js';
import { cameraFeed, cameraStatusPatch, type CameraFeed } from './camera-status-patch.js';
import { feedRoute, timed, type Build } from './feed-route.js';
import { keptFeeds } from './kept-feeds.js';
import { buildFeed, CAMERA_LAYER, CASE_LAYER, RISK_POINT_LAYER } from './layers.js';
import { parseFeedParams, type FeedParams } from './params.js';
import { buildPatchableFeed } from './patchable-feed.js';

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

/** What every feed's metadata says was asked for: the unit and the bbox. */
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
  const kept = keptFeeds(db, options.cache === undefined ? new FeedCache() : options.cache, readers);
  const router = Router();
  const cameras: Build = (filter, params, clock) =>
    // Keyed by everything that decides the bytes: the jurisdiction, the area and the id column.
    kept<CameraFeed>(
      'cameras',
      JSON.stringify(['cameras', filter.prefix, params.area, params.ids]),
      clock,
      async (snapshot) => {
        const version = await feedVersion(snapshot[0]!, 'cameras');
        const chunks = findCameraFeedChunks(snapshot, filter, CAMERA_LAYER.fields, { ids: params.ids, ...read });
        const feed = await buildPatchableFeed(CAMERA_LAYER, timed(chunks, clock), {
          ids: params.ids,
          meta: areaMeta(params),
        });
        return cameraFeed(version, feed);
      },
      { update: cameraStatusPatch(db, filter, clock) },
    );
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
  const cases: Build = (filter, params, clock) => {
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
  };
  router.get('/cameras', feedRoute('cameras', options, cameras));
  router.get('/risk-points', feedRoute('risk-points', options, riskPoints));
  router.get('/cases', feedRoute('cases', options, cases));
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
