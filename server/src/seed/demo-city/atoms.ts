/**
 * Atoms: the Voronoi cells of the kept sites, the building blocks of every area.
 *
 * A cell's vertices are identified by the Delaunay triangle whose circumcentre they are,
 * so two neighbouring cells name their shared edge with the same two ids and the same two
 * floats. Unions of cells (edge-union.ts) therefore fit together exactly.
 */
import { Delaunay } from 'd3-delaunay';
import type { AtomGraph } from './region-growing.js';

export interface AtomMesh {
  /** Sites 0..keptCount-1 are atoms; the rest only bound them. */
  keptCount: number;
  sites: Float64Array;
  delaunay: Delaunay<unknown>;
  /** Circumcentre of triangle t at [2t, 2t+1]: the Voronoi vertex with id t. */
  vertexXY: Float64Array;
  /** Cell i's vertex ids, counter-clockwise: cellVertex[cellStart[i] .. cellStart[i+1]). */
  cellStart: Int32Array;
  cellVertex: Int32Array;
  areaSquareMeters: Float64Array;
  centroidX: Float64Array;
  centroidY: Float64Array;
  /** Atoms that share an edge of positive length. */
  graph: AtomGraph;
  /**
   * Atoms with a cell edge shorter than SHORT_EDGE_METERS. After rounding to 7 decimals
   * (~1 cm) such an edge could collapse and let a boundary touch itself, so the caller
   * nudges these sites and rebuilds.
   */
  shortEdgeAtoms: number[];
}

export const SHORT_EDGE_METERS = 0.05;

/** Shared edges shorter than this count as a touch at a point, not adjacency. */
const MIN_SHARED_EDGE_METERS = 1e-3;

function circumcentres(points: Float64Array, triangles: Uint32Array): Float64Array {
  const out = new Float64Array((triangles.length / 3) * 2);
  for (let t = 0; t < triangles.length / 3; t++) {
    const i0 = triangles[3 * t]! * 2;
    const i1 = triangles[3 * t + 1]! * 2;
    const i2 = triangles[3 * t + 2]! * 2;
    const x1 = points[i0]!;
    const y1 = points[i0 + 1]!;
    const dx = points[i1]! - x1;
    const dy = points[i1 + 1]! - y1;
    const ex = points[i2]! - x1;
    const ey = points[i2 + 1]! - y1;
    const ab = (dx * ey - dy * ex) * 2;
    if (Math.abs(ab) < 1e-9) {
      // Collinear hull triangle: it never bounds a kept cell (those are interior), so
      // any finite point will do.
      out[2 * t] = (x1 + points[i2]!) / 2;
      out[2 * t + 1] = (y1 + points[i2 + 1]!) / 2;
      continue;
    }
    const bl = dx * dx + dy * dy;
    const cl = ex * ex + ey * ey;
    out[2 * t] = x1 + (ey * bl - dy * cl) / ab;
    out[2 * t + 1] = y1 + (dx * cl - ex * bl) / ab;
  }
  return out;
}

export function buildAtomMesh(sites: Float64Array, keptCount: number): AtomMesh {
  const delaunay = new Delaunay(sites);
  const { triangles, halfedges, inedges } = delaunay;
  const vertexXY = circumcentres(sites, triangles);
  // Every halfedge ends at exactly one site, so the cells together have at most
  // triangles.length vertices.
  const cellStart = new Int32Array(keptCount + 1);
  const cellVertex = new Int32Array(triangles.length);
  const cellNeighbour = new Int32Array(triangles.length);
  const area = new Float64Array(keptCount);
  const cx = new Float64Array(keptCount);
  const cy = new Float64Array(keptCount);
  const shortEdgeAtoms: number[] = [];
  let used = 0;
  for (let i = 0; i < keptCount; i++) {
    const e0 = inedges[i]!;
    if (e0 === -1) throw new Error(`atom site ${i} coincides with another site`);
    const start = used;
    let e = e0;
    do {
      cellVertex[used] = Math.floor(e / 3);
      const out = e % 3 === 2 ? e - 2 : e + 1; // the halfedge from i to its next neighbour
      cellNeighbour[used] = triangles[out % 3 === 2 ? out - 2 : out + 1]!;
      used++;
      e = halfedges[out]!;
      if (e === -1) throw new Error(`atom site ${i} lies on the hull: its cell is unbounded`);
    } while (e !== e0);
    const m = used - start;
    // Signed area and centroid (shoelace). Edge k joins vertex k → k+1 and separates i
    // from neighbour k.
    let a2 = 0;
    let sx = 0;
    let sy = 0;
    let shortest = Infinity;
    for (let k = 0; k < m; k++) {
      const p = cellVertex[start + k]!;
      const q = cellVertex[start + ((k + 1) % m)]!;
      const x1 = vertexXY[2 * p]!;
      const y1 = vertexXY[2 * p + 1]!;
      const x2 = vertexXY[2 * q]!;
      const y2 = vertexXY[2 * q + 1]!;
      const dx = x2 - x1;
      const dy = y2 - y1;
      shortest = Math.min(shortest, dx * dx + dy * dy);
      const cross = x1 * y2 - x2 * y1;
      a2 += cross;
      sx += (x1 + x2) * cross;
      sy += (y1 + y2) * cross;
    }
    if (a2 < 0) reverseCell(cellVertex, cellNeighbour, start, m);
    if (shortest < SHORT_EDGE_METERS * SHORT_EDGE_METERS) shortEdgeAtoms.push(i);
    area[i] = Math.abs(a2) / 2;
    cx[i] = sx / (3 * a2);
    cy[i] = sy / (3 * a2);
    cellStart[i] = start;
  }
  cellStart[keptCount] = used;
  const cells = cellVertex.slice(0, used);
  const graph = buildGraph(sites, keptCount, cellStart, cells, cellNeighbour, vertexXY);
  return {
    keptCount,
    sites,
    delaunay,
    vertexXY,
    cellStart,
    cellVertex: cells,
    areaSquareMeters: area,
    centroidX: cx,
    centroidY: cy,
    graph,
    shortEdgeAtoms,
  };
}

/**
 * Makes a clockwise cell counter-clockwise. Reversed, edge k joins old vertices
 * m-1-k → m-2-k, which is old edge m-2-k backwards, so the neighbours follow that map.
 */
function reverseCell(vertices: Int32Array, neighbours: Int32Array, start: number, m: number): void {
  const oldVertices = vertices.slice(start, start + m);
  const oldNeighbours = neighbours.slice(start, start + m);
  for (let k = 0; k < m; k++) {
    vertices[start + k] = oldVertices[m - 1 - k]!;
    neighbours[start + k] = oldNeighbours[(((m - 2 - k) % m) + m) % m]!;
  }
}

function buildGraph(
  sites: Float64Array,
  keptCount: number,
  cellStart: Int32Array,
  cellVertex: Int32Array,
  cellNeighbour: Int32Array,
  vertexXY: Float64Array,
): AtomGraph {
  const adjStart = new Int32Array(keptCount + 1);
  const adjList = new Int32Array(cellVertex.length);
  const adjLength = new Float64Array(cellVertex.length);
  let n = 0;
  for (let i = 0; i < keptCount; i++) {
    adjStart[i] = n;
    const s = cellStart[i]!;
    const m = cellStart[i + 1]! - s;
    for (let k = 0; k < m; k++) {
      const j = cellNeighbour[s + k]!;
      if (j >= keptCount) continue;
      const p = cellVertex[s + k]!;
      const q = cellVertex[s + ((k + 1) % m)]!;
      const ex = vertexXY[2 * p]! - vertexXY[2 * q]!;
      const ey = vertexXY[2 * p + 1]! - vertexXY[2 * q + 1]!;
      if (ex * ex + ey * ey < MIN_SHARED_EDGE_METERS * MIN_SHARED_EDGE_METERS) continue;
      const dx = sites[2 * i]! - sites[2 * j]!;
      const dy = sites[2 * i + 1]! - sites[2 * j + 1]!;
      adjList[n] = j;
      adjLength[n] = Math.sqrt(dx * dx + dy * dy);
      n++;
    }
  }
  adjStart[keptCount] = n;
  return { adjStart, adjList: adjList.slice(0, n), adjLength: adjLength.slice(0, n) };
}

/** The vertex ids of atom i's cell (counter-clockwise). */
export function cellOf(mesh: AtomMesh, i: number): Int32Array {
  return mesh.cellVertex.subarray(mesh.cellStart[i]!, mesh.cellStart[i + 1]!);
}

/** Atom ids reachable from atom 0 through the graph, to check the city is one piece. */
export function countConnected(graph: AtomGraph, atomCount: number): number {
  const seen = new Uint8Array(atomCount);
  const stack = [0];
  seen[0] = 1;
  let count = 1;
  while (stack.length > 0) {
    const a = stack.pop()!;
    for (let e = graph.adjStart[a]!; e < graph.adjStart[a + 1]!; e++) {
      const b = graph.adjList[e]!;
      if (!seen[b]) {
        seen[b] = 1;
        count++;
        stack.push(b);
      }
    }
  }
  return count;
}
