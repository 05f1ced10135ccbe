/**
 * From atoms to GeoJSON rings: union by edge cancellation in the planar frame, then
 * lon/lat rounded to 7 decimals. RFC 7946 winding: outer rings counter-clockwise, holes
 * clockwise, every ring closed.
 */
import type { PolygonCoords, Position } from '../../domain/dataset-format.js';
import type { AtomMesh } from './atoms.js';
import { cellOf } from './atoms.js';
import { unionCells, type RingPolygon, type VertexXY } from './edge-union.js';
import { xyToPosition } from './planar.js';

export function meshVertexXY(mesh: AtomMesh): VertexXY {
  return (v) => [mesh.vertexXY[2 * v]!, mesh.vertexXY[2 * v + 1]!];
}

/** The union of some atoms' cells, as rings of vertex ids. */
export function unionAtoms(mesh: AtomMesh, atoms: ArrayLike<number>): RingPolygon[] {
  const cells = Array.from({ length: atoms.length }, (_, i) => cellOf(mesh, atoms[i]!));
  return unionCells(cells, meshVertexXY(mesh));
}

/** The union of already-unioned parts (their outer rings and holes cancel the same way). */
export function unionParts(mesh: AtomMesh, parts: readonly RingPolygon[]): RingPolygon[] {
  return unionCells(
    parts.flatMap((p) => [p.outer, ...p.holes]),
    meshVertexXY(mesh),
  );
}

/** A closed ring of rounded positions, with repeats from rounding dropped. */
function ringPositions(mesh: AtomMesh, ring: readonly number[]): Position[] {
  const out: Position[] = [];
  for (const v of ring) {
    const p = xyToPosition(mesh.vertexXY[2 * v]!, mesh.vertexXY[2 * v + 1]!);
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  if (out.length < 3) throw new Error('a ring collapsed to fewer than 3 positions after rounding');
  out.push([first[0], first[1]]);
  return out;
}

export function polygonCoords(mesh: AtomMesh, polygon: RingPolygon): PolygonCoords {
  return [ringPositions(mesh, polygon.outer), ...polygon.holes.map((h) => ringPositions(mesh, h))];
}

/** Signed area of a lon/lat ring in square degrees (positive = counter-clockwise). */
export function positionRingSignedArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return twice / 2;
}
