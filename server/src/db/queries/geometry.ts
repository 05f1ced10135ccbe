/**
 * Geometry validation in PostGIS before any heavy GEOS operation. The embedded PostGIS
 * can hang or die on a GEOS exception, so callers validate first and only then run
 * intersections, unions or differences.
 */
import type { Queryable } from '../database.js';

export class InvalidGeometryError extends Error {
  constructor(
    readonly label: string,
    readonly reason: string,
    readonly location: [number, number] | null,
  ) {
    super(`${label}: invalid geometry: ${reason}${location ? ` near ${location[0]}, ${location[1]}` : ''}`);
    this.name = 'InvalidGeometryError';
  }
}

export interface GeometryValidity {
  valid: boolean;
  reason: string | null;
  location: [number, number] | null;
}

/** ST_IsValidDetail of a GeoJSON geometry (WGS-84): whether it is valid, and if not why and where. */
export async function findGeometryValidity(db: Queryable, geojson: unknown): Promise<GeometryValidity> {
  const { rows } = await db.query<{ valid: boolean; reason: string | null; x: number | null; y: number | null }>(
    `SELECT (d).valid, (d).reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
     FROM (SELECT ST_IsValidDetail(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS d) s`,
    [JSON.stringify(geojson)],
  );
  const row = rows[0]!;
  return {
    valid: row.valid,
    reason: row.reason,
    location: row.x === null || row.y === null ? null : [row.x, row.y],
  };
}

/** Throws {@link InvalidGeometryError} unless the geometry is valid. */
export async function assertValidGeometry(db: Queryable, geojson: unknown, label: string): Promise<void> {
  const validity = await findGeometryValidity(db, geojson);
  if (!validity.valid) throw new InvalidGeometryError(label, validity.reason ?? 'unknown reason', validity.location);
}
