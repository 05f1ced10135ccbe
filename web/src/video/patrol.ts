/**
 * The video patrol (视频轮巡): which cameras to show, and in what turn. Pure: the places that
 * want watching (newest early warnings, overdue cases, Gi* hot spots), the cameras found near
 * each, the tiles shown at each turn, skipping streams that died, and how many tiles the
 * screen has room for.
 */

/**
 * A screen with this many device pixels each way is a 4K wall (3840 × 2160, less a little for
 * a browser not quite full screen): it shows a 3 × 3 patrol, each tile as sharp as a 2 × 2
 * tile of a 1080p wall.
 */
export const PATROL_9_FROM = { width: 3600, height: 2000 } as const;

/** The patrol's tiles on a screen of `width` × `height` CSS pixels at `pixelRatio`: 9 at 4K, else 4. */
export function patrolTileCount(width: number, height: number, pixelRatio: number): 4 | 9 {
  const ratio = Number.isFinite(pixelRatio) && pixelRatio > 0 ? pixelRatio : 1;
  return width * ratio >= PATROL_9_FROM.width && height * ratio >= PATROL_9_FROM.height ? 9 : 4;
}

export type PatrolReason = 'alert' | 'overdue' | 'hotspot';

/** A place that wants watching: a grid, and where in it when known (a case's position). */
export interface PatrolSpot {
  why: PatrolReason;
  gridCode: string;
  near: { lon: number; lat: number } | null;
}

/** A camera to show, with why. */
export interface PatrolCamera {
  id: string;
  name: string;
  gridCode: string;
  why: PatrolReason;
}

export interface PatrolSources {
  /** Early warnings, any order; the newest come first. */
  warnings: readonly { gridCode: string; raisedAt: string }[];
  /** Overdue cases, most overdue first. */
  overdue: readonly { gridCode: string; location: { coordinates: number[] } }[];
  /** Hot-spot cells; only hot ones (bin > 0) count, the most significant first. */
  hotspots: readonly { gridCode: string; bin: number; zScore: number | null }[];
}

/** Spots taken in turns from each source (an alert, an overdue case, a hot spot, …), each grid once. */
export function patrolSpots(sources: PatrolSources, limit = 12): PatrolSpot[] {
  const alerts = [...sources.warnings]
    .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
    .map((w): PatrolSpot => ({ why: 'alert', gridCode: w.gridCode, near: null }));
  const overdue = sources.overdue.map((c): PatrolSpot => ({
    why: 'overdue',
    gridCode: c.gridCode,
    near: { lon: c.location.coordinates[0]!, lat: c.location.coordinates[1]! },
  }));
  const hot = sources.hotspots
    .filter((h) => h.bin > 0)
    .sort((a, b) => b.bin - a.bin || (b.zScore ?? 0) - (a.zScore ?? 0))
    .map((h): PatrolSpot => ({ why: 'hotspot', gridCode: h.gridCode, near: null }));
  const spots: PatrolSpot[] = [];
  const seen = new Set<string>();
  for (let i = 0; spots.length < limit && i < Math.max(alerts.length, overdue.length, hot.length); i++) {
    for (const list of [alerts, overdue, hot]) {
      const spot = list[i];
      if (spot && !seen.has(spot.gridCode) && spots.length < limit) {
        seen.add(spot.gridCode);
        spots.push(spot);
      }
    }
  }
  return spots;
}

/** The cameras found for each spot (in the spots' order), each camera once. */
export function patrolQueue(found: readonly (readonly PatrolCamera[])[]): PatrolCamera[] {
  const seen = new Set<string>();
  return found.flat().filter((c) => !seen.has(c.id) && seen.add(c.id));
}

/**
 * The tiles of turn `turn`: `count` cameras of the queue from position turn × count on, going
 * round, skipping dead ones; fewer when fewer are alive.
 */
export function patrolTiles(
  queue: readonly PatrolCamera[],
  dead: ReadonlySet<string>,
  turn: number,
  count: number,
): PatrolCamera[] {
  const alive = queue.filter((c) => !dead.has(c.id));
  if (alive.length <= count) return alive;
  const start = (turn * count) % alive.length;
  return Array.from({ length: count }, (_, i) => alive[(start + i) % alive.length]!);
}
