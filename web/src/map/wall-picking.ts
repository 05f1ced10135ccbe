/**
 * What a click on the wall's map selects: a point of a feed, a grid or a township — or, on the
 * forecast layer, a grid whose forecast to show against its history. Pure.
 */
import { isGridCode } from '../../../server/src/domain/codes.js';
import { rowPosition } from './feed-data.js';
import type { AreaFeature } from './layers/choropleth.js';
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

/** A grid clicked on the forecast layer, with the outline its history is counted in. */
export interface ForecastGridPick {
  gridCode: string;
  outline: AreaFeature;
}

/**
 * The grid a click on the forecast layer (wall or review: its areas or hot-spot outlines) picked,
 * or null for a unit or another layer.
 */
export function forecastGridOf(layerId: string, object: unknown): ForecastGridPick | null {
  if (!layerId.startsWith('forecast-')) return null;
  const feature = object as AreaFeature | null;
  const code = feature?.properties?.code;
  return code && isGridCode(code) && feature.geometry ? { gridCode: code, outline: feature } : null;
}
