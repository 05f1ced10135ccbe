/**
 * A local planar frame in metres around the city (equirectangular about a fixed origin).
 * Over Heze's ~150 km extent the scale error is well under 1 %, which is plenty for
 * synthetic geometry; what matters is that the conversion is exact and repeatable.
 */
import type { Position } from '../../domain/dataset-format.js';

export const ORIGIN_LON = 115.5;
export const ORIGIN_LAT = 35.2;
const METRES_PER_DEGREE_LAT = 110540;
const METRES_PER_DEGREE_LON = Math.cos((ORIGIN_LAT * Math.PI) / 180) * 111320;

export interface XY {
  x: number;
  y: number;
}

export function lonLatToXY(lon: number, lat: number): XY {
  return { x: (lon - ORIGIN_LON) * METRES_PER_DEGREE_LON, y: (lat - ORIGIN_LAT) * METRES_PER_DEGREE_LAT };
}

/** Rounds a coordinate to 7 decimals (about 1 cm), the fixed output precision. */
export function round7(value: number): number {
  const r = Math.round(value * 1e7) / 1e7;
  return r === 0 ? 0 : r; // no "-0" in the output
}

/** Planar metres back to a rounded [lon, lat] position. */
export function xyToPosition(x: number, y: number): Position {
  return [round7(ORIGIN_LON + x / METRES_PER_DEGREE_LON), round7(ORIGIN_LAT + y / METRES_PER_DEGREE_LAT)];
}
