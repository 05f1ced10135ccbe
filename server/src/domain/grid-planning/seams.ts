/**
 * Where a partition's boundaries fail to pair up, for the browser mirror (mirror.ts) to look for
 * the gap there only. In a village tiled without gaps, each stretch of a grid's edge has, running
 * along it, either a neighbour's edge with the neighbour on the other side or the village's edge
 * with the outside on the other side; each stretch of the village's edge has a grid's edge with
 * the grid on the inside. Every piece of a gap is bounded by stretches without such a partner
 * ("open seams"), so it lies inside the box of the open seams around it: cutting the gap out of
 * those boxes alone gives the whole gap. Pure and planar (lon/lat as a plane, like planar.ts).
 */
import { boxesMeet, signedTwiceArea, type Rings } from './planar.js';

type Box = [number, number, number, number];

/**
 * Two stretches pair up when each end of one is within this of the other's line (~1 µm). Shared
 * edges are the same positions; a T-junction's vertex computed by PostGIS lies within ~1e-14°. A
 * wrongly paired stretch hides at most this × its length (~4e-14 deg², 0.0005 m², per 400 m).
 */
export const SEAM_EPSILON_DEGREES = 1e-11;

/** Margin around an open seam's box (~1 cm): the gap is cut out of a box a little larger than it. */
const MARGIN_DEGREES = 1e-7;

interface Edge {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  /** Index of the grid, or -1 for the village. */
  owner: number;
  /** The polygon's inside is left of a → b. */
  insideLeft: boolean;
  box: Box;
}

function edgesOf(rings: Rings, owner: number, out: Edge[]): void {
  rings.forEach((ring, r) => {
    // Outer ring counter-clockwise, or a hole clockwise: the inside is on the left.
    const ccw = signedTwiceArea(ring) > 0;
    const insideLeft = (r === 0) === ccw;
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k]!;
      const [bx, by] = ring[k + 1]!;
      if (ax === bx && ay === by) continue;
      out.push({
        ax: ax!,
        ay: ay!,
        bx: bx!,
        by: by!,
        owner,
        insideLeft,
        box: [Math.min(ax!, bx!), Math.min(ay!, by!), Math.max(ax!, bx!), Math.max(ay!, by!)],
      });
    }
  });
}

/** The stretch of `f` along `e`, as parameters of e, when f runs on e's line and pairs with it. */
function pairedStretch(e: Edge, f: Edge): [number, number] | null {
  if (e.owner === f.owner || (e.owner < 0 && f.owner < 0)) return null;
  const dx = e.bx - e.ax;
  const dy = e.by - e.ay;
  const length2 = dx * dx + dy * dy;
  // Distances of f's ends from e's line, squared and times |e|² (no closures: this is the hot loop).
  const offA = dx * (f.ay - e.ay) - dy * (f.ax - e.ax);
  const offB = dx * (f.by - e.ay) - dy * (f.bx - e.ax);
  const limit = SEAM_EPSILON_DEGREES * SEAM_EPSILON_DEGREES * length2;
  if (offA * offA > limit || offB * offB > limit) return null;
  const same = (f.bx - f.ax) * dx + (f.by - f.ay) * dy > 0;
  // Which side of e f's polygon is on.
  const fLeft = same ? f.insideLeft : !f.insideLeft;
  // Two grids pair when they lie on opposite sides; a grid and the village when on the same side.
  const pairs = e.owner >= 0 && f.owner >= 0 ? fLeft !== e.insideLeft : fLeft === e.insideLeft;
  if (!pairs) return null;
  const ta = ((f.ax - e.ax) * dx + (f.ay - e.ay) * dy) / length2;
  const tb = ((f.bx - e.ax) * dx + (f.by - e.ay) * dy) / length2;
  const t0 = Math.max(0, Math.min(ta, tb));
  const t1 = Math.min(1, Math.max(ta, tb));
  return t1 > t0 ? [t0, t1] : null;
}

/** Adds the box of e's stretch from t0 to t1, unless it is too short to matter. */
function addOpen(open: Box[], e: Edge, t0: number, t1: number, minimum: number): void {
  if (t1 - t0 <= minimum) return;
  const x0 = e.ax + t0 * (e.bx - e.ax);
  const y0 = e.ay + t0 * (e.by - e.ay);
  const x1 = e.ax + t1 * (e.bx - e.ax);
  const y1 = e.ay + t1 * (e.by - e.ay);
  open.push([
    Math.min(x0, x1) - MARGIN_DEGREES,
    Math.min(y0, y1) - MARGIN_DEGREES,
    Math.max(x0, x1) + MARGIN_DEGREES,
    Math.max(y0, y1) + MARGIN_DEGREES,
  ]);
}

/**
 * Boxes (lon/lat, with a small margin) that together hold every piece of the village covered by
 * no grid, merged until no two meet; none when every stretch of every boundary pairs up.
 * `grids` and `villageParts` are polygons' rings, outer ring first.
 */
export function openSeamBoxes(grids: readonly Rings[], villageParts: readonly Rings[]): Box[] {
  const edges: Edge[] = [];
  grids.forEach((rings, i) => edgesOf(rings, i, edges));
  for (const rings of villageParts) edgesOf(rings, -1, edges);
  // Sorted by west end, so that the partners of an edge are found in a short window.
  edges.sort(byWestEnd);
  // Each pair of edges whose boxes meet is met once, from the one further west (a sweep).
  const stretches: [number, number][][] = edges.map(() => []);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j]!;
      if (f.box[0] > e.box[2] + SEAM_EPSILON_DEGREES) break;
      if (!boxesMeet(e.box, f.box, SEAM_EPSILON_DEGREES)) continue;
      const ef = pairedStretch(e, f);
      if (ef) stretches[i]!.push(ef);
      const fe = pairedStretch(f, e);
      if (fe) stretches[j]!.push(fe);
    }
  }
  const open: Box[] = [];
  edges.forEach((e, i) => {
    const paired = stretches[i]!.sort(byStart);
    const minimum = SEAM_EPSILON_DEGREES / Math.sqrt((e.bx - e.ax) ** 2 + (e.by - e.ay) ** 2);
    let from = 0;
    for (const [t0, t1] of paired) {
      addOpen(open, e, from, t0, minimum);
      from = Math.max(from, t1);
    }
    addOpen(open, e, from, 1, minimum);
  });
  return mergeBoxes(open);
}

function byStart(a: [number, number], b: [number, number]): number {
  return a[0] - b[0];
}

function byWestEnd(a: Edge, b: Edge): number {
  return a.box[0] - b.box[0];
}

/** Merges boxes that meet until none do (a gap's seams form a closed chain of meeting boxes). */
function mergeBoxes(boxes: Box[]): Box[] {
  let merged = boxes;
  for (let changed = true; changed;) {
    changed = false;
    const out: Box[] = [];
    for (const box of merged) {
      const hit = out.find((o) => boxesMeet(o, box, 0));
      if (hit) {
        hit[0] = Math.min(hit[0], box[0]);
        hit[1] = Math.min(hit[1], box[1]);
        hit[2] = Math.max(hit[2], box[2]);
        hit[3] = Math.max(hit[3], box[3]);
        changed = true;
      } else out.push([...box]);
    }
    merged = out;
  }
  return merged;
}

/**
 * The rings clipped to a box (Sutherland–Hodgman, one box side at a time), rings left with no
 * area dropped. A concave ring may come back with zero-width runs along the box's sides; turf's
 * overlay reads rings by the non-zero rule, so they add no area. An edge is cut at the same
 * point whichever way it runs (computed from its lesser end), so shared edges stay shared.
 */
export function clipRings(rings: Rings, box: Box): number[][][] {
  const out: number[][][] = [];
  for (const ring of rings) {
    let points = ring.slice(0, -1).map((p) => [p[0]!, p[1]!]);
    for (let side = 0; side < 4 && points.length > 0; side++) points = clipSide(points, box, side);
    if (points.length >= 3) out.push([...points, points[0]!]);
  }
  return out;
}

/** Side 0: x ≥ west, 1: y ≥ south, 2: x ≤ east, 3: y ≤ north. */
function clipSide(points: number[][], box: Box, side: number): number[][] {
  const axis = side % 2;
  const limit = box[side]!;
  const keep = side < 2 ? (p: number[]) => p[axis]! >= limit : (p: number[]) => p[axis]! <= limit;
  const out: number[][] = [];
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    const q = points[(k + 1) % points.length]!;
    const pin = keep(p);
    const qin = keep(q);
    if (pin) out.push(p);
    if (pin !== qin) out.push(cut(p, q, axis, limit));
  }
  return out;
}

function cut(p: number[], q: number[], axis: number, limit: number): number[] {
  const [a, b] = p[0]! < q[0]! || (p[0] === q[0] && p[1]! < q[1]!) ? [p, q] : [q, p];
  const t = (limit - a[axis]!) / (b[axis]! - a[axis]!);
  const other = 1 - axis;
  const point = [0, 0];
  point[axis] = limit;
  point[other] = a[other]! + t * (b[other]! - a[other]!);
  return point;
}
