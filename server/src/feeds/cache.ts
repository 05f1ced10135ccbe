/**
 * Encoded feeds kept between requests. Building the 250,000-camera feed costs a few hundred
 * milliseconds, most of it in the database; a wall screen asks for the same feed again and
 * again while nothing changed. Each entry is keyed by everything that decides its bytes (layer,
 * jurisdiction prefix, area, ids) and tagged with the feed version it was built at (the
 * `feed_versions` row of migration 011, raised in the same transaction as any change the feed
 * shows). A request reads the current version first and is served from the cache only when the
 * entry's version is that one, so a stale feed is never served, whoever made the change.
 *
 * Pure: no database; the caller reads versions and builds feeds.
 */

export interface VersionedFeed {
  /** The feed version the bytes were built at (a bigint as text). */
  version: string;
  bytes: Uint8Array;
  rows: number;
  /** Memory held for the entry besides `bytes` (what an update needs), counted against the limit. */
  heldBytes?: number;
}

export type CacheOutcome = 'hit' | 'update' | 'miss';

/** What the city camera feed and its decoded columns need, twice over (with and without ids). */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

const newer = (a: string, b: string) => BigInt(a) > BigInt(b);
const held = (feed: VersionedFeed) => feed.bytes.byteLength + (feed.heldBytes ?? 0);

export class FeedCache<F extends VersionedFeed = VersionedFeed> {
  /** Map order is least recently used first. */
  private readonly entries = new Map<string, F>();
  /** Builds in progress, by key and the version asked for: concurrent misses share one. */
  private readonly building = new Map<string, Promise<{ feed: F; outcome: CacheOutcome }>>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /**
   * The feed for `key` at `version` (the current version, just read): from the cache when it
   * holds that version, else from `build`, which must read the version it returns in the same
   * snapshot as its rows (it may be newer than `version`, never older).
   */
  async get(
    key: string,
    version: string,
    build: () => Promise<F>,
    update?: (kept: F) => Promise<F | null>,
  ): Promise<{ feed: F; outcome: CacheOutcome }> {
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { feed: cached, outcome: 'hit' };
    }
    const flight = `${key}@${version}`;
    let pending = this.building.get(flight);
    if (!pending) {
      // An older kept feed is brought up to date when `update` can (null: it cannot, build).
      const work = async (): Promise<{ feed: F; outcome: CacheOutcome }> => {
        const updated = cached && update ? await update(cached) : null;
        return updated ? { feed: updated, outcome: 'update' } : { feed: await build(), outcome: 'miss' };
      };
      pending = work().finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    const result = await pending;
    this.store(key, result.feed);
    return result;
  }

  /** Entries held now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private store(key: string, feed: F): void {
    const old = this.entries.get(key);
    // A slow build of an older snapshot must not replace a newer entry.
    if (old && newer(old.version, feed.version)) return;
    if (old) {
      this.entries.delete(key);
      this.bytes -= held(old);
    }
    if (held(feed) > this.maxBytes) return;
    this.entries.set(key, feed);
    this.bytes += held(feed);
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= held(v);
    }
  }
}
