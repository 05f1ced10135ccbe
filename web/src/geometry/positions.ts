/**
 * Positions and rings as GeoJSON holds them, [lon, lat] in degrees, shared by the map (snapping)
 * and the planner (ring edits). Pure.
 */
export type Position = [number, number];
/** A closed ring: the last position repeats the first. */
export type Ring = Position[];

/** Degrees; about 1 mm. Two positions closer than this are the same vertex. */
export const SAME_VERTEX_DEGREES = 1e-8;

/** Whether two positions are the same vertex (within `eps` degrees on each axis). */
export const samePosition = (a: Position, b: Position, eps = SAME_VERTEX_DEGREES): boolean =>
  Math.abs(a[0] - b[0]) <= eps && Math.abs(a[1] - b[1]) <= eps;
