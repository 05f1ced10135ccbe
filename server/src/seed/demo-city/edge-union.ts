/**
 * The union of polygon cells that share vertex ids, by exact edge cancellation.
 *
 * Every cell lists its vertex ids counter-clockwise. An edge used by two cells of the set
 * appears once in each direction and cancels; the edges left over are the boundary. They
 * chain into rings: counter-clockwise rings are outer boundaries, clockwise ones are holes.
 * No coordinates are compared, so two neighbouring unions share their boundary exactly.
 */

const VERTEX_LIMIT = 2 ** 26;

export interface RingPolygon {
  /** Counter-clockwise, not closed (first vertex not repeated). */
  outer: number[];
  /** Clockwise, not closed. */
  holes: number[][];
}

export type VertexXY = (vertex: number) => readonly [number, number];

function edgeKey(a: number, b: number): number {
  return a * VERTEX_LIMIT + b;
}

export function ringSignedArea(ring: readonly number[], xy: VertexXY): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = xy(ring[i]!);
    const [x2, y2] = xy(ring[(i + 1) % ring.length]!);
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

function ringContainsPoint(ring: readonly number[], xy: VertexXY, px: number, py: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = xy(ring[i]!);
    const [xj, yj] = xy(ring[j]!);
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The boundary edges of a set of cells: directed edges whose reverse is not in the set. */
export function boundaryEdges(cells: Iterable<ArrayLike<number>>): Map<number, number> {
  const edges = new Map<number, number>(); // key → start vertex, in insertion order
  for (const cell of cells) {
    const n = cell.length;
    for (let i = 0; i < n; i++) {
      const a = cell[i]!;
      const b = cell[(i + 1) % n]!;
      if (a >= VERTEX_LIMIT || b >= VERTEX_LIMIT) throw new Error(`vertex id over ${VERTEX_LIMIT}`);
      const reverse = edgeKey(b, a);
      if (edges.has(reverse)) edges.delete(reverse);
      else if (edges.has(edgeKey(a, b))) throw new Error(`edge ${a}→${b} used twice in one direction: cells overlap`);
      else edges.set(edgeKey(a, b), a);
    }
  }
  return edges;
}

/** Chains boundary edges into closed rings of vertex ids. */
export function chainRings(edges: Map<number, number>): number[][] {
  const next = new Map<number, number>();
  for (const [key, a] of edges) {
    if (next.has(a)) throw new Error(`boundary touches itself at vertex ${a}`);
    next.set(a, key - a * VERTEX_LIMIT);
  }
  const rings: number[][] = [];
  for (const start of next.keys()) {
    if (!next.has(start)) continue; // already used by an earlier ring
    const ring: number[] = [];
    let v = start;
    do {
      ring.push(v);
      const w = next.get(v);
      if (w === undefined) throw new Error(`boundary is open at vertex ${v}`);
      next.delete(v);
      v = w;
    } while (v !== start);
    rings.push(ring);
  }
  return rings;
}

/**
 * The union of the cells as polygons with holes. Each hole goes to the smallest outer
 * ring that contains it; a hole with no container means the input was inconsistent.
 */
export function unionCells(cells: Iterable<ArrayLike<number>>, xy: VertexXY): RingPolygon[] {
  const rings = chainRings(boundaryEdges(cells));
  const outers: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const ring of rings) {
    const area = ringSignedArea(ring, xy);
    if (area > 0) outers.push({ ring, area, holes: [] });
    else if (area < 0) holes.push(ring);
    else throw new Error('a boundary ring has zero area');
  }
  for (const hole of holes) {
    const [px, py] = xy(hole[0]!);
    let best: (typeof outers)[number] | null = null;
    for (const outer of outers) {
      if ((!best || outer.area < best.area) && ringContainsPoint(outer.ring, xy, px, py)) best = outer;
    }
    if (!best) throw new Error('a hole lies in no outer ring');
    best.holes.push(hole);
  }
  return outers.map((o) => ({ outer: o.ring, holes: o.holes }));
}
