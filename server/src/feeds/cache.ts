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
}

/** What the city camera feed needs, twice over (with and without ids), with room to spare. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

const newer = (a: string, b: string) => BigInt(a) > BigInt(b);

export class FeedCache {
  /** Map order is least recently used first. */
  private readonly entries = new Map<string, VersionedFeed>();
  /** Builds in progress, by key and the version asked for: concurrent misses share one. */
  private readonly building = new Map<string, Promise<VersionedFeed>>();
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
    build: () => Promise<VersionedFeed>,
  ): Promise<{ feed: VersionedFeed; hit: boolean }> {
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { feed: cached, hit: true };
    }
    const flight = `${key}@${version}`;
    let pending = this.building.get(flight);
    if (!pending) {
      pending = build().finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    const feed = await pending;
    this.store(key, feed);
    return { feed, hit: false };
  }

  /** Entries held now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private store(key: string, feed: VersionedFeed): void {
    const old = this.entries.get(key);
    // A slow build of an older snapshot must not replace a newer entry.
    if (old && newer(old.version, feed.version)) return;
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes.byteLength;
    }
    if (feed.bytes.byteLength > this.maxBytes) return;
    this.entries.set(key, feed);
    this.bytes += feed.bytes.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes.byteLength;
    }
  }
}
