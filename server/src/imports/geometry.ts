/**
 * Geometry as imported files carry it, made fit for the map: converted to WGS-84, Z dropped,
 * repeated vertices removed, rings closed and wound as RFC 7946 says (outer counter-clockwise,
 * holes clockwise). Each repair is reported; what cannot be repaired is refused with the reason.
 * Self-intersections are left for PostGIS to judge (ST_IsValidReason), since "fixing" a
 * surveyed boundary by guessing would hide the mistake. Pure.
 */
import type { Result } from '../domain/result.js';
import type { ToWgs84 } from './crs.js';

type Position = [number, number];
type Ring = Position[];

export interface Repaired<G> {
  geometry: G;
  repairs: string[];
}

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

function isNumberPair(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

/** Twice the signed area (shoelace): positive for counter-clockwise in lon/lat. */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function convertPosition(
  p: unknown,
  toWgs84: ToWgs84,
  where: string,
): Result<{ position: Position; hadZ: boolean }, string> {
  if (!isNumberPair(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    return { ok: false, error: `${where} is not a pair of numbers` };
  }
  const [lon, lat] = toWgs84(p[0]!, p[1]!);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return {
      ok: false,
      error: `${where} (${p[0]}, ${p[1]}) is not a position in the stated coordinate system (x and y swapped, or another system?)`,
    };
  }
  return { ok: true, value: { position: [lon, lat], hadZ: p.length > 2 } };
}

interface RingFix {
  ring: Ring;
  duplicates: number;
  closed: boolean;
  hadZ: boolean;
}

function fixRing(raw: unknown, toWgs84: ToWgs84, where: string): Result<RingFix, string> {
  if (!Array.isArray(raw)) return { ok: false, error: `${where} is not a list of positions` };
  const ring: Ring = [];
  let duplicates = 0;
  let hadZ = false;
  for (let i = 0; i < raw.length; i++) {
    const converted = convertPosition(raw[i], toWgs84, `${where} position ${i + 1}`);
    if (!converted.ok) return converted;
    hadZ ||= converted.value.hadZ;
    const [x, y] = converted.value.position;
    const last = ring[ring.length - 1];
    if (last && last[0] === x && last[1] === y) {
      duplicates++;
      continue;
    }
    ring.push([x, y]);
  }
  let closed = false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && ring.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    ring.push([first[0], first[1]]);
    closed = true;
  }
  if (ring.length < 4) {
    return { ok: false, error: `${where} has ${ring.length} distinct positions; a ring needs at least 3 corners` };
  }
  return { ok: true, value: { ring, duplicates, closed, hadZ } };
}

/**
 * One polygon in WGS-84, from a GeoJSON Polygon or a MultiPolygon of exactly one part (desktop
 * GIS writes those). A grid is one piece of land, so several parts are refused.
 */
export function repairPolygon(geometry: unknown, toWgs84: ToWgs84): Result<Repaired<PolygonGeometry>, string> {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object' || g.type === undefined) return { ok: false, error: 'the geometry is empty' };
  let rings: unknown;
  const repairs: string[] = [];
  if (g.type === 'Polygon') {
    rings = g.coordinates;
  } else if (g.type === 'MultiPolygon') {
    const parts = Array.isArray(g.coordinates) ? g.coordinates : [];
    if (parts.length === 0) return { ok: false, error: 'the geometry is empty' };
    if (parts.length > 1)
      return { ok: false, error: `a multipolygon of ${parts.length} parts; a grid must be one polygon` };
    rings = parts[0];
    repairs.push('a multipolygon of one part taken as a polygon');
  } else {
    return { ok: false, error: `the geometry is a ${String(g.type)}, expected a Polygon` };
  }
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, error: 'the geometry is empty' };
  const out: Ring[] = [];
  let duplicates = 0;
  let closed = 0;
  let rewound = 0;
  let hadZ = false;
  for (let i = 0; i < rings.length; i++) {
    const fixed = fixRing(rings[i], toWgs84, i === 0 ? 'outer ring' : `hole ${i}`);
    if (!fixed.ok) return fixed;
    duplicates += fixed.value.duplicates;
    closed += fixed.value.closed ? 1 : 0;
    hadZ ||= fixed.value.hadZ;
    const ring = fixed.value.ring;
    const area = signedArea2(ring);
    if (area === 0) return { ok: false, error: `${i === 0 ? 'outer ring' : `hole ${i}`} has no area` };
    const wantCounterClockwise = i === 0;
    if (area > 0 !== wantCounterClockwise) {
      ring.reverse();
      rewound++;
    }
    out.push(ring);
  }
  if (hadZ) repairs.push('Z values dropped');
  if (duplicates > 0) repairs.push(`${duplicates} repeated vertices removed`);
  if (closed > 0) repairs.push(`${closed} unclosed rings closed`);
  if (rewound > 0) repairs.push(`winding of ${rewound} rings corrected (outer counter-clockwise, holes clockwise)`);
  return { ok: true, value: { geometry: { type: 'Polygon', coordinates: out }, repairs } };
}

/** A point in WGS-84 from a GeoJSON Point (or a MultiPoint of one), Z dropped. */
export function repairPoint(geometry: unknown, toWgs84: ToWgs84): Result<Repaired<PointGeometry>, string> {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object' || g.type === undefined) return { ok: false, error: 'the geometry is empty' };
  let raw: unknown;
  const repairs: string[] = [];
  if (g.type === 'Point') raw = g.coordinates;
  else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1) {
    raw = g.coordinates[0];
    repairs.push('a multipoint of one point taken as a point');
  } else return { ok: false, error: `the geometry is a ${String(g.type)}, expected a Point` };
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, error: 'the geometry is empty' };
  const converted = convertPosition(raw, toWgs84, 'the point');
  if (!converted.ok) return converted;
  if (converted.value.hadZ) repairs.push('Z value dropped');
  return { ok: true, value: { geometry: { type: 'Point', coordinates: converted.value.position }, repairs } };
}
