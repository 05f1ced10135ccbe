/**
 * The `Area` filter of the API, checked and normalised: a unit code, a bbox, a circle
 * ("near") and a polygon, in any combination (all must hold). Pure; PostGIS validity of the
 * polygon is checked separately before it is used.
 */
import { adminLevelOfCode, isProvinceCode } from './codes.js';
import { geometryProblem } from './geojson-checks.js';
import type { Result } from './result.js';

export interface AreaInput {
  unitCode?: string | null;
  bbox?: readonly number[] | null;
  near?: { lon: number; lat: number; radiusMeters: number } | null;
  polygon?: unknown;
}

export interface AreaFilter {
  unitCode: string | null;
  bbox: [number, number, number, number] | null;
  near: { lon: number; lat: number; radiusMeters: number } | null;
  polygon: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
}

export interface FieldError {
  field: string;
  message: string;
}

/** The largest circle a query may ask for: the whole of a large city. */
export const MAX_RADIUS_METERS = 200_000;
/** Polygons with more vertices than this are refused (a drawn area, not a survey file). */
export const MAX_POLYGON_VERTICES = 10_000;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function countVertices(coordinates: unknown): number {
  if (!Array.isArray(coordinates)) return 0;
  if (coordinates.length > 0 && typeof coordinates[0] === 'number') return 1;
  return coordinates.reduce((sum: number, c: unknown) => sum + countVertices(c), 0);
}

export function parseArea(input: AreaInput | null | undefined, field = 'area'): Result<AreaFilter, FieldError> {
  const fail = (sub: string, message: string) => ({ ok: false as const, error: { field: `${field}.${sub}`, message } });
  const filter: AreaFilter = { unitCode: null, bbox: null, near: null, polygon: null };
  if (!input) return { ok: true, value: filter };

  if (input.unitCode != null) {
    if (adminLevelOfCode(input.unitCode) === null && !isProvinceCode(input.unitCode))
      return fail('unitCode', `"${input.unitCode}" is not a 12-digit division code`);
    filter.unitCode = input.unitCode;
  }
  if (input.bbox != null) {
    const b = input.bbox;
    if (b.length !== 4 || !b.every(finite))
      return fail('bbox', 'must be [minLon, minLat, maxLon, maxLat], four numbers');
    const [minLon, minLat, maxLon, maxLat] = b as [number, number, number, number];
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
      return fail('bbox', 'is outside lon -180..180 / lat -90..90');
    if (minLon >= maxLon || minLat >= maxLat)
      return fail('bbox', 'min must be less than max (west, south, east, north)');
    filter.bbox = [minLon, minLat, maxLon, maxLat];
  }
  if (input.near != null) {
    const { lon, lat, radiusMeters } = input.near;
    if (!finite(lon) || !finite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      return fail('near', 'lon/lat must be numbers within -180..180 / -90..90');
    }
    if (!finite(radiusMeters) || radiusMeters <= 0 || radiusMeters > MAX_RADIUS_METERS) {
      return fail('near.radiusMeters', `must be more than 0 and at most ${MAX_RADIUS_METERS}`);
    }
    filter.near = { lon, lat, radiusMeters };
  }
  if (input.polygon != null) {
    const type = (input.polygon as { type?: unknown }).type;
    const problem = geometryProblem(input.polygon, type === 'MultiPolygon' ? 'MultiPolygon' : 'Polygon');
    if (problem) return fail('polygon', problem);
    const vertices = countVertices((input.polygon as { coordinates: unknown }).coordinates);
    if (vertices > MAX_POLYGON_VERTICES)
      return fail('polygon', `has ${vertices} vertices; at most ${MAX_POLYGON_VERTICES}`);
    filter.polygon = input.polygon as AreaFilter['polygon'];
  }
  return { ok: true, value: filter };
}
