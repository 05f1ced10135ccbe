/**
 * The cache policy of the feeds: a feed is kept while its data's version stays the one it was
 * built at (cache.ts), and, when it says so, while the instant it holds until has not passed;
 * when it can be brought up to date (camera-status-patch.ts), it is. Each request reads the
 * version first (one row), then serves the kept feed, patches it, or builds it afresh in one
 * snapshot that reads its own version.
 */
import type { Database, Queryable } from '../db/database.js';
import { feedVersion, type VersionedLayer } from '../db/queries/feeds.js';
import type { FeedCache, VersionedFeed } from './cache.js';
import type { BuiltFeed, Clock } from './feed-route.js';
import { gzipOnce } from './gzip.js';

export interface KeepOptions<F> {
  /** The request's instant, checked against the kept feed's `validUntil`. */
  now?: Date;
  /** Brings an older kept feed up to date; null when it cannot (then it is built afresh). */
  update?: (kept: F) => Promise<F | null>;
}

/** Gives a feed from the cache, from `update` or from `build` (on `readers` connections of one snapshot). */
export type Kept = <F extends VersionedFeed>(
  layer: VersionedLayer,
  key: string,
  clock: Clock,
  build: (snapshot: Queryable[]) => Promise<F>,
  options?: KeepOptions<F>,
) => Promise<BuiltFeed>;

/** The policy over `cache` (null: every request builds its feed). */
export function keptFeeds(db: Database, cache: FeedCache | null, readers: number): Kept {
  return async <F extends VersionedFeed>(
    layer: VersionedLayer,
    key: string,
    clock: Clock,
    build: (snapshot: Queryable[]) => Promise<F>,
    options: KeepOptions<F> = {},
  ): Promise<BuiltFeed> => {
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
}
