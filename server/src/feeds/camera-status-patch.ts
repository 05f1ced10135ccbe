/**
 * Heartbeats change camera statuses all day, and nothing else about the cameras: when only
 * statuses changed since the kept camera feed's version (migration 012 logs them), they are
 * patched into its bytes (patchable-feed.ts) instead of reading every camera again.
 */
import type { Database } from '../db/database.js';
import { cameraStatusChangesSince, type FeedFilter } from '../db/queries/feeds.js';
import type { VersionedFeed } from './cache.js';
import type { Clock } from './feed-route.js';
import type { PatchableFeed } from './patchable-feed.js';

/** A kept camera feed, with what it takes to patch statuses into it. */
export interface CameraFeed extends VersionedFeed {
  patchable?: PatchableFeed;
}

/** The kept camera feed as a CameraFeed at `version`. */
export const cameraFeed = (version: string, feed: PatchableFeed): CameraFeed => ({
  version,
  bytes: feed.bytes,
  rows: feed.rows,
  heldBytes: feed.heldBytes,
  patchable: feed,
});

/**
 * The update for the cache: `previous` with the statuses changed since its version, or null
 * when more than statuses changed or the log no longer reaches back (the feed is built afresh).
 */
export function cameraStatusPatch(db: Database, filter: FeedFilter, clock: Clock) {
  return async (previous: CameraFeed): Promise<CameraFeed | null> => {
    const since = performance.now();
    const patchable = previous.patchable;
    // The ids that find each changed camera's row are read once, the first time they are needed.
    const delta = patchable
      ? await cameraStatusChangesSince(db, previous.version, patchable.hasIds ? undefined : filter)
      : null;
    clock.ms += performance.now() - since;
    if (!delta) return null;
    const changes = delta.changes.map((c) => ({ id: c.id, value: c.status }));
    const next = patchable!.recode('status', changes, delta.ids ?? undefined);
    return next && cameraFeed(delta.version, next);
  };
}
