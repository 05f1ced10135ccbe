/**
 * GeoJSON text assembled from geometry that PostGIS already serialised: the geometry strings
 * are spliced in as they are, never parsed and re-stringified (a city's boundaries are megabytes).
 */

/** One feature per row: `properties` as given, geometry text as PostGIS wrote it. */
export function featureCollectionText(
  rows: readonly { properties: Record<string, unknown>; geojson: string }[],
): string {
  const parts = rows.map(
    (r) => `{"type":"Feature","properties":${JSON.stringify(r.properties)},"geometry":${r.geojson}}`,
  );
  return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
}
