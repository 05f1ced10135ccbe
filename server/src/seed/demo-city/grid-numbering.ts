/**
 * Grid serials inside a village run west→east, north→south (as in DB6101/T 3185-2024):
 * centroids are cut into rows by latitude band from the north, each row read from the west.
 */
export interface Centroid {
  x: number;
  y: number;
}

/**
 * The order in which to number the given centroids: result[k] is the index of the item
 * that gets serial k+1. A row starts at the northernmost unplaced centroid and takes every
 * centroid within `rowHeightMeters` south of it.
 */
export function westEastNorthSouthOrder(centroids: readonly Centroid[], rowHeightMeters: number): number[] {
  const byNorth = centroids
    .map((_, i) => i)
    .sort((a, b) => centroids[b]!.y - centroids[a]!.y || centroids[a]!.x - centroids[b]!.x || a - b);
  const order: number[] = [];
  let start = 0;
  while (start < byNorth.length) {
    const top = centroids[byNorth[start]!]!.y;
    let end = start;
    while (end < byNorth.length && top - centroids[byNorth[end]!]!.y <= rowHeightMeters) end++;
    const row = byNorth.slice(start, end).sort((a, b) => centroids[a]!.x - centroids[b]!.x || a - b);
    order.push(...row);
    start = end;
  }
  return order;
}
