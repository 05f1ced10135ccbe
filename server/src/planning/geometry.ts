/**
 * The planner's drawing helpers: split a polygon along a line, merge adjacent polygons. Both
 * take only well-formed, PostGIS-valid geometries, refused with the field and the place at fault.
 */
import type { Queryable } from '../db/database.js';
import { findGeometryValidity } from '../db/queries/geometry.js';
import { mergePolygons, splitPolygon, SplitError } from '../db/queries/grid-changes.js';
import { geometryProblem } from '../domain/geojson-checks.js';
import { validityProblem } from '../domain/grid-planning/rules.js';
import { badInput } from '../errors.js';

/** A well-formed, PostGIS-valid geometry of the type, or a bad input naming the field and place. */
async function validGeometry(db: Queryable, field: string, geometry: unknown, type: 'Polygon' | 'LineString') {
  const problem = geometryProblem(geometry, type);
  if (problem) throw badInput(field, problem);
  const validity = await findGeometryValidity(db, geometry);
  if (!validity.valid) {
    throw badInput(
      field,
      `invalid geometry: ${validity.reason}`,
      { location: validity.location },
      { reason: 'invalid_geometry', params: { problem: validityProblem(validity.reason) } },
    );
  }
}

/** The pieces `line` cuts `polygon` into, as GeoJSON polygons. */
export async function splitGridGeometry(db: Queryable, polygon: unknown, line: unknown): Promise<unknown[]> {
  await validGeometry(db, 'polygon', polygon, 'Polygon');
  await validGeometry(db, 'line', line, 'LineString');
  try {
    return (await splitPolygon(db, polygon, line)).map((p) => JSON.parse(p));
  } catch (error) {
    if (error instanceof SplitError) throw badInput('line', error.message, {}, { reason: error.reason });
    throw error;
  }
}

/** The one polygon 2 to 50 adjacent polygons make together. */
export async function mergeGridGeometries(db: Queryable, polygons: unknown[]): Promise<unknown> {
  if (polygons.length < 2 || polygons.length > 50)
    throw badInput(
      'polygons',
      'merge 2 to 50 polygons',
      {},
      {
        reason: 'out_of_range',
        params: { min: 2, max: 50 },
      },
    );
  for (const [i, p] of polygons.entries()) await validGeometry(db, `polygons[${i}]`, p, 'Polygon');
  const merged = await mergePolygons(db, polygons);
  if (!merged)
    throw badInput(
      'polygons',
      'the polygons are not adjacent: their union is not one polygon',
      {},
      {
        reason: 'not_adjacent',
      },
    );
  return JSON.parse(merged);
}
