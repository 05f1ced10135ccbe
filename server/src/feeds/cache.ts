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
  /**
   * The last instant (ms since 1970) the bytes hold for, when they depend on the time as well as
   * on the data (the case feed's overdue flags); absent when they depend on the data alone.
   */
  validUntil?: number;
}

export interface CacheGetOptions<F> {
  /** Brings an older kept feed up to date; null when it cannot (then the feed is built afresh). */
  update?: (kept: F) => Promise<F | null>;
  /** The instant (ms since 1970) the feed is asked for, checked against `validUntil`. */
  now?: number;
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
   * snapshot as its rows (it may be newer than `version`, never older). A kept feed past its
   * `validUntil` at `now` is built afresh.
   */
  async get(
    key: string,
    version: string,
    build: () => Promise<F>,
    { update, now = Date.now() }: CacheGetOptions<F> = {},
  ): Promise<{ feed: F; outcome: CacheOutcome }> {
    const holds = (feed: F) => feed.validUntil === undefined || now <= feed.validUntil;
    const kept = this.entries.get(key);
    const cached = kept && holds(kept) ? kept : undefined;
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
    // A shared build made for an earlier instant may no longer hold at this one.
    const shared = await pending;
    const result = holds(shared.feed) ? shared : { feed: await build(), outcome: 'miss' as const };
    this.store(key, result.feed);
    return result;
  }

  /** Entries held now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Counts `byteLength` more memory against the limit for the entry `key` while it still is
   * `feed` (something kept beside its bytes, such as their gzip); nothing once the entry was
   * replaced or dropped.
   */
  addHeld(key: string, feed: F, byteLength: number): void {
    if (this.entries.get(key) !== feed) return;
    feed.heldBytes = (feed.heldBytes ?? 0) + byteLength;
    this.bytes += byteLength;
    this.evict();
  }

  /** Memory counted against the limit now (for tests and diagnostics). */
  get heldBytes(): number {
    return this.bytes;
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
    this.evict();
  }

  /** Drops the least recently used entries until the held memory is within the limit. */
  private evict(): void {
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= held(v);
    }
  }
}
