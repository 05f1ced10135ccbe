/**
 * Structural checks on GeoJSON geometry before it reaches PostGIS: the right type, finite
 * lon/lat in range, closed rings of at least four positions. PostGIS then judges validity
 * (self-intersection and the like) with ST_IsValid. Pure.
 */

type Expected = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

function positionProblem(p: unknown, where: string): string | null {
  if (!Array.isArray(p) || p.length < 2) return `${where} is not a [lon, lat] position`;
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `${where} has a non-numeric coordinate`;
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `${where} (${lon}, ${lat}) is outside lon -180..180 / lat -90..90 (are lon and lat swapped, or is it projected?)`;
  }
  return null;
}

function ringProblem(ring: unknown, where: string): string | null {
  if (!Array.isArray(ring)) return `${where} is not an array of positions`;
  if (ring.length < 4) return `${where} has ${ring.length} positions; a ring needs at least 4`;
  for (let i = 0; i < ring.length; i++) {
    const problem = positionProblem(ring[i], `${where} position ${i}`);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed (first and last positions differ)`;
  return null;
}

function polygonProblem(rings: unknown, where: string): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return `${where} has no rings`;
  for (let i = 0; i < rings.length; i++) {
    const problem = ringProblem(rings[i], `${where} ring ${i}`);
    if (problem) return problem;
  }
  return null;
}

/** Why `geometry` is not a well-formed GeoJSON geometry of type `expected`, or null. */
export function geometryProblem(geometry: unknown, expected: Expected): string | null {
  if (geometry === null || typeof geometry !== 'object') return 'geometry is missing';
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== expected) return `geometry type is ${String(g.type)}, expected ${expected}`;
  const c = g.coordinates;
  switch (expected) {
    case 'Point':
      return positionProblem(c, 'point');
    case 'LineString': {
      if (!Array.isArray(c) || c.length < 2) return 'line needs at least 2 positions';
      for (let i = 0; i < c.length; i++) {
        const problem = positionProblem(c[i], `line position ${i}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'Polygon':
      return polygonProblem(c, 'polygon');
    case 'MultiPolygon': {
      if (!Array.isArray(c) || c.length === 0) return 'multipolygon has no polygons';
      for (let i = 0; i < c.length; i++) {
        const problem = polygonProblem(c[i], `polygon ${i}`);
        if (problem) return problem;
      }
      return null;
    }
  }
}
