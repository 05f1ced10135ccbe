/**
 * Where a dragged boundary vertex snaps: the nearest vertex of any grid within a few pixels,
 * else the nearest point on a grid edge. The vertex being dragged and the edges that move with it
 * (in every grid sharing it) are left out, or the vertex would snap back to where it is. terra-draw
 * calls this through its custom snapping hook; screen distances come from the map's projection.
 * Pure.
 */
import { samePosition, type Position, type Ring } from '../geometry/positions.js';

export type Project = (p: Position) => { x: number; y: number };

export const SNAP_PIXELS = 10;

export function snapTarget(
  rings: readonly Ring[],
  moving: Position,
  pointer: Position,
  project: Project,
  tolerancePx = SNAP_PIXELS,
): Position | undefined {
  const at = project(pointer);
  const dist = (p: Position) => {
    const s = project(p);
    return Math.hypot(s.x - at.x, s.y - at.y);
  };
  let best: { p: Position; d: number } | null = null;
  for (const ring of rings) {
    for (const p of ring) {
      if (samePosition(p, moving)) continue;
      const d = dist(p);
      if (d <= tolerancePx && (!best || d < best.d)) best = { p, d };
    }
  }
  if (best) return [best.p[0], best.p[1]];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      if (samePosition(a, moving) || samePosition(b, moving)) continue;
      const sa = project(a);
      const sb = project(b);
      const dx = sb.x - sa.x;
      const dy = sb.y - sa.y;
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((at.x - sa.x) * dx + (at.y - sa.y) * dy) / len2));
      const d = Math.hypot(sa.x + t * dx - at.x, sa.y + t * dy - at.y);
      if (d <= tolerancePx && (!best || d < best.d)) {
        // Interpolated in lon/lat: at a village's scale the projection is linear to well under a millimetre.
        best = { p: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], d };
      }
    }
  }
  return best?.p;
}
