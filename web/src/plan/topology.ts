/**
 * Keeping shared edges shared while a planner drags vertices. terra-draw edits one feature at a
 * time; a boundary between two grids is stored twice (once in each polygon), so a vertex moved in
 * one must move in the other too, or a gap and an overlap open at once. The neighbours are found by
 * position: every ring holding the dragged vertex's old position gets the new one. Before editing,
 * vertices that lie on a neighbour's edge without being its vertex (a T-junction, as a split
 * leaves) are inserted into that edge ("noding"), so every shared edge has the same vertices on
 * both sides. Pure: closed rings of [lon, lat] in, new rings out; inputs are never mutated.
 */
import { samePosition, SAME_VERTEX_DEGREES, type Position, type Ring } from '../geometry/positions.js';

/** The ring without its closing position. */
const open = (ring: Ring): Position[] =>
  ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!, 0) ? ring.slice(0, -1) : ring.slice();
const close = (positions: Position[]): Ring => [...positions, [positions[0]![0], positions[0]![1]]];

/** What one edit step of terra-draw did to a ring. */
export type RingEdit =
  | { kind: 'move'; from: Position; to: Position }
  /** A vertex inserted between a and b (a midpoint handle), possibly already dragged away. */
  | { kind: 'insert'; a: Position; b: Position; at: Position };

/**
 * The one vertex move or insertion that turns `before` into `after`; null when nothing changed or
 * the change is more than one step (which the planner does not offer, e.g. dragging a whole grid).
 */
export function diffRing(before: Ring, after: Ring): RingEdit | null {
  const b = open(before);
  const a = open(after);
  if (a.length === b.length) {
    const changed = b.flatMap((p, i) => (samePosition(p, a[i]!, 0) ? [] : [i]));
    if (changed.length !== 1) return null;
    const i = changed[0]!;
    return { kind: 'move', from: b[i]!, to: a[i]! };
  }
  if (a.length === b.length + 1) {
    // The first index where they differ is the new vertex; the rest must match shifted by one.
    let i = 0;
    while (i < b.length && samePosition(b[i]!, a[i]!, 0)) i++;
    for (let j = i; j < b.length; j++) if (!samePosition(b[j]!, a[j + 1]!, 0)) return null;
    return { kind: 'insert', a: b[(i - 1 + b.length) % b.length]!, b: b[i % b.length]!, at: a[i]! };
  }
  return null;
}

/** Every vertex at `from` moved to `to`. */
export function moveVertex(ring: Ring, from: Position, to: Position): Ring {
  let hit = false;
  const out = ring.map((p): Position => {
    if (!samePosition(p, from)) return p;
    hit = true;
    return [to[0], to[1]];
  });
  return hit ? out : ring;
}

/** `at` inserted on the edge between a and b, whichever way round the ring runs; as is otherwise. */
export function insertOnEdge(ring: Ring, a: Position, b: Position, at: Position): Ring {
  const pts = open(ring);
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[(i + 1) % pts.length]!;
    if ((samePosition(p, a) && samePosition(q, b)) || (samePosition(p, b) && samePosition(q, a))) {
      return close([...pts.slice(0, i + 1), [at[0], at[1]], ...pts.slice(i + 1)]);
    }
  }
  return ring;
}

/**
 * The rings after ring `index` became `after` in one edit step, with the same step applied to
 * every neighbour sharing the edited vertex or edge; null when the step is not one vertex move or
 * insertion.
 */
export function applyRingEdit(rings: readonly Ring[], index: number, after: Ring): Ring[] | null {
  const edit = diffRing(rings[index]!, after);
  if (!edit) return null;
  return rings.map((ring, i) => {
    if (i === index) return after;
    return edit.kind === 'move' ? moveVertex(ring, edit.from, edit.to) : insertOnEdge(ring, edit.a, edit.b, edit.at);
  });
}

/** Whether p lies on the segment a–b, strictly between its ends (within eps, in degrees). */
function onSegmentInterior(p: Position, a: Position, b: Position, eps: number): boolean {
  if (samePosition(p, a, eps) || samePosition(p, b, eps)) return false;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return false;
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  if (t <= 0 || t >= 1) return false;
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y <= eps * eps;
}

/**
 * The rings with every vertex of any ring that lies on another ring's edge inserted into that
 * edge, in order along it, so shared edges carry the same vertices on both sides.
 */
export function nodeRings(rings: readonly Ring[], eps = SAME_VERTEX_DEGREES): Ring[] {
  const all = rings.flatMap((r) => open(r));
  const boxes = rings.map((r) => bbox(r, eps));
  return rings.map((ring, index) => {
    const pts = open(ring);
    const box = boxes[index]!;
    const out: Position[] = [];
    let changed = false;
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      out.push(a);
      const extra: { t: number; p: Position }[] = [];
      for (const p of all) {
        if (p[0] < box[0] || p[0] > box[2] || p[1] < box[1] || p[1] > box[3]) continue;
        if (!onSegmentInterior(p, a, b, eps)) continue;
        const t = Math.hypot(p[0] - a[0], p[1] - a[1]);
        if (!extra.some((e) => samePosition(e.p, p))) extra.push({ t, p });
      }
      if (extra.length > 0) {
        changed = true;
        extra.sort((x, y) => x.t - y.t).forEach((e) => out.push([e.p[0], e.p[1]]));
      }
    }
    return changed ? close(out) : ring;
  });
}

function bbox(ring: Ring, pad: number): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
}

/**
 * Whether `ring` is `original` with only vertices added on its edges (what noding does): the same
 * shape, so it need not be sent as a change.
 */
export function onlyNoded(original: Ring, ring: Ring, eps = SAME_VERTEX_DEGREES): boolean {
  const base = open(original);
  const pts = open(ring);
  if (pts.length < base.length) return false;
  let j = 0;
  for (const p of pts) {
    if (j < base.length && samePosition(p, base[j]!, 0)) {
      j++;
      continue;
    }
    const a = base[(j - 1 + base.length) % base.length]!;
    const b = base[j % base.length]!;
    if (j === 0 || !onSegmentInterior(p, a, b, eps)) return false;
  }
  return j === base.length;
}

/** Positions rounded to `digits` decimals (terra-draw refuses coordinates finer than its precision). */
export const roundRing = (ring: Ring, digits = 9): Ring => {
  const f = 10 ** digits;
  return ring.map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f]);
};
