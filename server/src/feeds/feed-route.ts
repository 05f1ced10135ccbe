/**
 * One feed's HTTP answer: the viewer's token, the parameters, the jurisdiction, then the kept or
 * built feed with its headers (router.ts lists them), gzipped when the request takes it.
 */
import type { Request, Response } from 'express';
import { jurisdictionPrefix, narrowToJurisdiction } from '../auth/jurisdiction.js';
import type { AuthSettings } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import type { FeedFilter } from '../db/queries/feeds.js';
import { FEED_MEDIA_TYPE } from '../domain/feed-columns.js';
import { authenticate, sendError } from '../http/bearer.js';
import type { CacheOutcome } from './cache.js';
import { etagOf, matchesNoneMatch } from './etag.js';
import type { FeedLayer } from './layers.js';
import { parseFeedParams, type FeedParams } from './params.js';

/** Milliseconds spent waiting for the database, so Server-Timing can tell it from encoding. */
export interface Clock {
  ms: number;
}

/** Time spent waiting for `source`, added to the clock. */
export async function* timed<T>(source: AsyncIterable<T>, clock: Clock): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const next = await it.next();
    clock.ms += performance.now() - started;
    if (next.done) return;
    yield next.value;
  }
}

/** A feed as a request gets it: its bytes, and their gzip made once per kept version. */
export interface BuiltFeed {
  bytes: Uint8Array;
  rows: number;
  cache?: CacheOutcome;
  gzip(): Promise<Uint8Array>;
}

export type Build = (filter: FeedFilter, params: FeedParams, clock: Clock) => Promise<BuiltFeed>;

/** The handler of GET /feeds/<layer>. */
export function feedRoute(
  layer: FeedLayer,
  options: { db: Database; auth: AuthSettings; now: () => Date },
  build: Build,
) {
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
    const etag = etagOf(feed.bytes, encoding);
    // Jurisdiction-specific and changing by the minute: no cache may keep it.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', etag);
    // The body depends on Accept-Encoding: a cache between must not hand gzip to a client that did not ask.
    res.setHeader('Vary', 'Accept-Encoding');
    if (matchesNoneMatch(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    const body = encoding ? await feed.gzip() : feed.bytes;
    const total = performance.now() - started;
    const cacheTiming = feed.cache ? `, cache;desc=${feed.cache}` : '';
    const gzipTiming = encoding ? `, gzip;dur=${(total - built).toFixed(1)}` : '';
    res.status(200);
    res.setHeader('Content-Type', FEED_MEDIA_TYPE);
    res.setHeader('X-Feed-Rows', String(feed.rows));
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
