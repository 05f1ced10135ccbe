/**
 * Random points that know their atom (hence grid) without any point-in-polygon test:
 * uniform inside an atom's convex cell, or along a road piece found by delaunay.find.
 * Points are pulled 3 % towards the cell centroid so rounding to 7 decimals (~1 cm)
 * can never push them across a boundary.
 */
import type { AtomMesh } from './atoms.js';
import type { Rng } from './prng.js';
import type { RoadClass } from '../../domain/dataset-format.js';
import type { RoadLine } from './roads.js';

const PULL_TO_CENTROID = 0.03;

export interface PlacedPoint {
  x: number;
  y: number;
  atom: number;
}

function pullInside(mesh: AtomMesh, atom: number, x: number, y: number): PlacedPoint {
  const cx = mesh.centroidX[atom]!;
  const cy = mesh.centroidY[atom]!;
  return { x: x + (cx - x) * PULL_TO_CENTROID, y: y + (cy - y) * PULL_TO_CENTROID, atom };
}

/** A uniform point in the atom's cell: pick a fan triangle by area, then a point in it. */
export function randomPointInAtom(mesh: AtomMesh, atom: number, rng: Rng): PlacedPoint {
  const start = mesh.cellStart[atom]!;
  const m = mesh.cellStart[atom + 1]! - start;
  const v = (k: number) => mesh.cellVertex[start + k]!;
  const x0 = mesh.vertexXY[2 * v(0)]!;
  const y0 = mesh.vertexXY[2 * v(0) + 1]!;
  const areas: number[] = [];
  for (let k = 1; k + 1 < m; k++) {
    const x1 = mesh.vertexXY[2 * v(k)]! - x0;
    const y1 = mesh.vertexXY[2 * v(k) + 1]! - y0;
    const x2 = mesh.vertexXY[2 * v(k + 1)]! - x0;
    const y2 = mesh.vertexXY[2 * v(k + 1) + 1]! - y0;
    areas.push(Math.abs(x1 * y2 - x2 * y1) / 2);
  }
  const k = rng.weightedIndex(areas) + 1;
  let r1 = rng.next();
  let r2 = rng.next();
  if (r1 + r2 > 1) {
    r1 = 1 - r1;
    r2 = 1 - r2;
  }
  const x1 = mesh.vertexXY[2 * v(k)]!;
  const y1 = mesh.vertexXY[2 * v(k) + 1]!;
  const x2 = mesh.vertexXY[2 * v(k + 1)]!;
  const y2 = mesh.vertexXY[2 * v(k + 1) + 1]!;
  return pullInside(mesh, atom, x0 + r1 * (x1 - x0) + r2 * (x2 - x0), y0 + r1 * (y1 - y0) + r2 * (y2 - y0));
}

export interface RoadPiece {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  lengthMeters: number;
  /** The atom under the piece's midpoint. */
  atom: number;
  roadClass: RoadClass;
  roadName: string;
}

/** The straight pieces of the roads whose midpoint lies in an allowed atom. */
export function roadPieces(
  mesh: AtomMesh,
  lines: readonly RoadLine[],
  allowed: (atom: number) => boolean,
): RoadPiece[] {
  const pieces: RoadPiece[] = [];
  let hint = 0;
  for (const line of lines) {
    for (let i = 0; i + 1 < line.points.length; i++) {
      const a = line.points[i]!;
      const b = line.points[i + 1]!;
      hint = mesh.delaunay.find((a.x + b.x) / 2, (a.y + b.y) / 2, hint);
      if (hint >= mesh.keptCount || !allowed(hint)) continue;
      pieces.push({
        ax: a.x,
        ay: a.y,
        bx: b.x,
        by: b.y,
        lengthMeters: Math.hypot(b.x - a.x, b.y - a.y),
        atom: hint,
        roadClass: line.roadClass,
        roadName: line.name,
      });
    }
  }
  return pieces;
}

/**
 * A point along the piece, up to `sideMeters` off its centre line, or null when that
 * point falls in an atom that is not allowed (the piece may straddle a boundary).
 */
export function randomPointOnPiece(
  mesh: AtomMesh,
  piece: RoadPiece,
  sideMeters: number,
  allowed: (atom: number) => boolean,
  rng: Rng,
): PlacedPoint | null {
  const t = rng.next();
  const nx = -(piece.by - piece.ay) / (piece.lengthMeters || 1);
  const ny = (piece.bx - piece.ax) / (piece.lengthMeters || 1);
  const side = rng.range(-sideMeters, sideMeters);
  const x = piece.ax + (piece.bx - piece.ax) * t + nx * side;
  const y = piece.ay + (piece.by - piece.ay) * t + ny * side;
  const atom = mesh.delaunay.find(x, y, piece.atom);
  if (atom >= mesh.keptCount || !allowed(atom)) return null;
  return pullInside(mesh, atom, x, y);
}
