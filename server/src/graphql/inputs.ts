/** Turning GraphQL inputs into domain values, with BAD_USER_INPUT errors that name the field. */
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import { parseArea, type AreaFilter, type AreaInput } from '../domain/area-filter.js';
import type { Queryable } from '../db/database.js';
import { findGeometryValidity } from '../db/queries/geometry.js';
import { badInput } from '../errors.js';

/**
 * The checked Area filter. A polygon is also checked by PostGIS (ST_IsValidDetail) before any
 * query uses it: the embedded PostGIS can die on a GEOS exception from an invalid geometry.
 */
export async function areaFilter(db: Queryable, input: AreaInput | null | undefined): Promise<AreaFilter> {
  const parsed = parseArea(input);
  if (!parsed.ok) throw badInput(parsed.error.field, parsed.error.message);
  if (parsed.value.polygon) {
    const validity = await findGeometryValidity(db, parsed.value.polygon);
    if (!validity.valid) {
      const where = validity.location ? ` near ${validity.location[0]}, ${validity.location[1]}` : '';
      throw badInput('area.polygon', `invalid geometry: ${validity.reason}${where}`);
    }
  }
  return parsed.value;
}

/** The code prefix of a unit code that parseArea has already checked. */
export const unitPrefix = (code: string): string => jurisdictionPrefix(code);

export function timeRange(
  from: Date | null | undefined,
  to: Date | null | undefined,
): { from: Date | null; to: Date | null } {
  if (from && to && from >= to) throw badInput('from', 'must be before "to"');
  return { from: from ?? null, to: to ?? null };
}

export function coordinate(field: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw badInput(field, `(${lon}, ${lat}) is not a WGS-84 lon/lat position`);
  }
}
