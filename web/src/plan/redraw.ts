/**
 * Redrawing one grid with its neighbours giving or taking the area. The planner draws the grid's
 * new outline; the village must stay covered exactly (横到边、纵到底、全覆盖、无缝隙), so:
 *  - the grid becomes the drawn polygon clipped to the village (G' = drawn ∩ village);
 *  - every other grid gives up what G' now covers (N' = N − G'). A grid G' covers entirely is
 *    retired, its area merged into G (its code is retired, as in a merge);
 *  - what G gave up (G − G') goes, piece by piece, to the grid sharing the longest boundary with
 *    the piece; a piece no grid borders (only G' and the village edge) stays with G.
 * Every grid must stay one polygon: a neighbour cut in two by G', a G' in several pieces, or a G'
 * inside a neighbour (leaving it a hole) is refused with a reason rather than answered with a
 * multipolygon or a new hole. Pure (turf only).
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Position } from '../geometry/positions.js';

/** Pieces smaller than this (m²) are slivers of floating-point overlay, not area anyone drew. */
export const SLIVER_M2 = 0.05;
/** A shared boundary shorter than this (m) is a touch at a point, not a neighbour. */
export const MIN_SHARED_M = 0.5;

export type RedrawErrorCode =
  /** The drawn polygon does not overlap the village. */
  | 'REDRAW_EMPTY'
  /** The drawn polygon, clipped to the village, falls apart in several pieces. */
  | 'REDRAW_TARGET_SPLIT'
  /** The new grid cuts a neighbour in two. */
  | 'REDRAW_NEIGHBOUR_CUT'
  /** The new grid lies inside a neighbour, leaving it a hole (the planner edits outer rings only). */
  | 'REDRAW_ENCLAVE'
  /** A piece the grid gave up touches neither a neighbour nor the new grid. */
  | 'REDRAW_DETACHED'
  /** The drawn ring is not a valid polygon (too few points, crossing itself). */
  | 'REDRAW_INVALID';

export type RedrawOutcome =
  | {
      ok: true;
      /** Each grid's new polygon, in the input order; null for a grid retired into the redrawn one. */
      grids: (Position[][] | null)[];
      /** Indexes of the grids retired (covered entirely by the new outline). */
      retired: number[];
      /** Pieces given up that no neighbour borders, so they stayed with the redrawn grid. */
      keptPieces: number;
    }
  | { ok: false; code: RedrawErrorCode; gridIndex: number | null };

type Area = Feature<Polygon | MultiPolygon>;

/** Degrees (about 1 mm): a vertex this close to the line through its neighbours is on it. */
const ON_LINE_DEGREES = 1e-8;

/**
 * The ring without spikes: a vertex where the boundary runs out and straight back along itself
 * (overlay leaves these where a drawn edge crosses a boundary, its crossing point a hair off the
 * line), which a validator reads as the boundary crossing itself. Collinear vertices that go on
 * in the same direction stay (they are shared-edge nodes).
 */
export function dropSpikes(ring: readonly Position[]): Position[] {
  let pts = ring.slice(0, -1);
  for (let changed = true; changed && pts.length > 3;) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length > 3; i++) {
      const a = pts[(i - 1 + pts.length) % pts.length]!;
      const b = pts[i]!;
      const c = pts[(i + 1) % pts.length]!;
      const [abx, aby, bcx, bcy] = [b[0] - a[0], b[1] - a[1], c[0] - b[0], c[1] - b[1]];
      const same = abx === 0 && aby === 0;
      const back = abx * bcx + aby * bcy < 0;
      const acx = c[0] - a[0];
      const acy = c[1] - a[1];
      const ac = Math.hypot(acx, acy);
      // Back to where it came from (a = c) is a spike whatever its length.
      const off = ac === 0 ? 0 : Math.abs(abx * acy - aby * acx) / ac;
      if (same || (back && off <= ON_LINE_DEGREES)) {
        pts = [...pts.slice(0, i), ...pts.slice(i + 1)];
        changed = true;
        i--;
      }
    }
  }
  return [...pts, [pts[0]![0], pts[0]![1]]];
}

/** The significant polygons of an overlay result (slivers dropped, spikes removed). */
function piecesOf(f: Area | null): Position[][][] {
  if (!f) return [];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return (polys as Position[][][])
    .filter((p) => turf.area(turf.polygon(p)) > SLIVER_M2)
    .map((p) => p.map((r) => dropSpikes(r)));
}

const perimeter = (p: Position[][]): number =>
  p.reduce((s, ring) => s + turf.length(turf.lineString(ring), { units: 'meters' }), 0);

/**
 * The union of two polygons and the length of boundary they share: the union's perimeter is both
 * perimeters less twice the shared part. Robust where the shared vertices differ slightly, unlike
 * matching segments.
 */
function joined(a: Position[][], b: Position[][]): { union: Position[][][]; shared: number } {
  const u = piecesOf(turf.union(turf.featureCollection([turf.polygon(a), turf.polygon(b)])) as Area | null);
  const shared = (perimeter(a) + perimeter(b) - u.reduce((s, p) => s + perimeter(p), 0)) / 2;
  return { union: u, shared };
}

const minus = (a: Position[][], b: Position[][]): Position[][][] =>
  piecesOf(turf.difference(turf.featureCollection([turf.polygon(a), turf.polygon(b)])) as Area | null);

/**
 * The partition after grid `index` was redrawn as `drawn` (an outer ring, closed or not).
 * `grids` are the current grids (polygon coordinates), assumed to tile `village`.
 */
export function redrawPartition(
  village: Polygon | MultiPolygon,
  grids: readonly (readonly Position[][])[],
  index: number,
  drawn: readonly Position[],
): RedrawOutcome {
  const fail = (code: RedrawErrorCode, gridIndex: number | null = index): RedrawOutcome => ({
    ok: false,
    code,
    gridIndex,
  });
  const ring = drawn.map((p): Position => [p[0], p[1]]);
  if (ring.length > 0 && (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])) ring.push(ring[0]!);
  if (ring.length < 4) return fail('REDRAW_INVALID');
  const drawnPolygon = turf.polygon([ring]);
  if (turf.kinks(drawnPolygon).features.length > 0) return fail('REDRAW_INVALID');

  const clipped = piecesOf(turf.intersect(turf.featureCollection([drawnPolygon, turf.feature(village) as Area])));
  if (clipped.length === 0) return fail('REDRAW_EMPTY');
  if (clipped.length > 1) return fail('REDRAW_TARGET_SPLIT');
  const holes = clipped[0]!.length;
  let target = clipped[0]!;

  // The neighbours give up what the new outline covers.
  const out: (Position[][] | null)[] = grids.map((g) => g.map((r) => r.slice()));
  const retired: number[] = [];
  for (let i = 0; i < grids.length; i++) {
    if (i === index) continue;
    const rest = minus(out[i]!, target);
    if (rest.length === 0) {
      out[i] = null;
      retired.push(i);
    } else if (rest.length > 1) return fail('REDRAW_NEIGHBOUR_CUT', i);
    else out[i] = rest[0]!;
  }

  // What the grid gave up goes to the neighbour sharing the longest boundary with each piece.
  let keptPieces = 0;
  for (const piece of minus(grids[index]! as Position[][], target)) {
    let best: { i: number; union: Position[][]; shared: number } | null = null;
    for (let i = 0; i < out.length; i++) {
      const n = out[i];
      if (i === index || !n) continue;
      const j = joined(n, piece);
      if (j.union.length === 1 && j.shared >= MIN_SHARED_M && (!best || j.shared > best.shared)) {
        best = { i, union: j.union[0]!, shared: j.shared };
      }
    }
    if (best) {
      out[best.i] = best.union;
      continue;
    }
    const j = joined(target, piece);
    if (j.union.length !== 1 || j.shared < MIN_SHARED_M) return fail('REDRAW_DETACHED');
    target = j.union[0]!;
    keptPieces++;
  }
  out[index] = target;
  // A grid with a hole it did not have means one grid now lies inside another (G' drawn inside a
  // neighbour, or inside G itself so that a neighbour would surround it).
  for (let i = 0; i < out.length; i++) {
    const was = i === index ? holes : grids[i]!.length;
    if (out[i] && out[i]!.length > was) return fail('REDRAW_ENCLAVE', i);
  }
  return { ok: true, grids: out, retired, keptPieces };
}
