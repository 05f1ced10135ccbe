/** Looking up what was clicked on the map: by position for feed points, by code for areas. */
import type { MapSelection } from '../map/wall-picking.js';
import type { ApiClient } from '../api/client.js';
import { CAMERA_NEAR, CASE_NEAR, GRID_DETAIL, RISK_POINT_NEAR } from './queries.js';

/** Feed positions are exact to a few centimetres; this finds the clicked point and nothing else. */
const NEAR_METERS = 1.5;

export type Detail = { kind: MapSelection['kind']; fields: [string, string][] } | null;

type Fields = Record<string, unknown>;
type Connection = Record<string, { edges: { node: Fields }[] }>;

export async function lookUp(
  api: ApiClient,
  selection: MapSelection,
): Promise<{ kind: MapSelection['kind']; record: Fields | null }> {
  if (selection.kind === 'grid') {
    const data = await api.query<{ grid: Fields | null }>(GRID_DETAIL, { code: selection.code });
    return { kind: 'grid', record: data.grid };
  }
  if (selection.kind === 'township') return { kind: 'township', record: { code: selection.code } };
  if (!('position' in selection)) throw new Error(`nothing to look up for ${selection.kind}`);
  const [lon, lat] = selection.position;
  const near = { lon, lat, radiusMeters: NEAR_METERS };
  const [query, field] =
    selection.kind === 'case'
      ? [CASE_NEAR, 'cases']
      : selection.kind === 'camera'
        ? [CAMERA_NEAR, 'cameras']
        : [RISK_POINT_NEAR, 'riskPoints'];
  const data = await api.query<Connection>(query, { near });
  return { kind: selection.kind, record: data[field]?.edges[0]?.node ?? null };
}
