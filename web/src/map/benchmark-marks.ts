/**
 * The performance marks the wall's benchmarks read (scripts/bench/wall.ts, scripts/bench/gpu):
 * every mark the web app sets goes through here, so their names stay the ones the scripts know.
 */

/** The moments of a wall's load, in the order they usually come. */
export type WallMark =
  | 'style'
  | 'feeds'
  | 'forecast'
  | 'forecast-outlines'
  | 'map-created'
  | 'basemap-data'
  | 'map-loaded'
  | `labels-${string}`
  | 'drawing'
  | 'first-frame';

/** Sets the performance mark `wall:<name>`. */
export function markWall(name: WallMark): void {
  performance.mark(`wall:${name}`);
}
