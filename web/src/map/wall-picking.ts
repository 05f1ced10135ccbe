/** What a click on the wall's map selects: a point of a feed, a grid or a township. Pure. */
import { rowPosition } from './feed-data.js';
import type { Feeds } from './wall-layers.js';

export type MapSelection =
  { kind: 'case' | 'camera' | 'riskPoint'; position: [number, number] } | { kind: 'grid' | 'township'; code: string };

const LAYER_SELECTION: Record<string, 'case' | 'camera' | 'riskPoint'> = {
  'cases-points': 'case',
  'cameras-points': 'camera',
  'risk-points': 'riskPoint',
};

const GRID_LAYERS = new Set(['choropleth-grids', 'index-grids', 'hotspots', 'forecast-grids', 'forecast-hot-spots']);
const TOWNSHIP_LAYERS = new Set(['choropleth-townships', 'index-townships', 'forecast-townships']);

/** The selections a click on layer `layerId` makes: its point's row, or its area's code. */
export function selectionsOf(layerId: string, row: number, object: unknown, feeds: Feeds): MapSelection[] {
  const picked: MapSelection[] = [];
  const kind = LAYER_SELECTION[layerId];
  const feed = kind === 'case' ? feeds.cases : kind === 'camera' ? feeds.cameras : feeds.riskPoints;
  if (kind && feed) picked.push({ kind, position: rowPosition(feed, row) });
  const code = (object as { properties?: { code?: string } } | null)?.properties?.code;
  if (code && GRID_LAYERS.has(layerId)) picked.push({ kind: 'grid', code });
  if (code && TOWNSHIP_LAYERS.has(layerId)) picked.push({ kind: 'township', code });
  return picked;
}
