/** The layers a viewer can switch on and off, and which are on when the wall starts. */
export const LAYER_TOGGLES = [
  'boundaries',
  'roads',
  'choropleth',
  'index',
  'hotspots',
  'forecast',
  'cameras',
  'riskPoints',
  'casePoints',
  'heatmap',
  'hexagons',
] as const;

export type LayerToggle = (typeof LAYER_TOGGLES)[number];
export type LayerVisibility = Readonly<Record<LayerToggle, boolean>>;

export const DEFAULT_VISIBILITY: LayerVisibility = {
  boundaries: true,
  roads: true,
  choropleth: true,
  // The index, hot-spot and forecast layers read extra data: off until asked for, so the first frame stays light.
  index: false,
  hotspots: false,
  forecast: false,
  cameras: true,
  riskPoints: true,
  casePoints: true,
  heatmap: false,
  hexagons: false,
};

/** The toggles that switch the basemap's own (MapLibre) layers rather than deck.gl's. */
export const BASEMAP_TOGGLES = ['boundaries', 'roads'] as const satisfies readonly LayerToggle[];

export const isBasemapToggle = (layer: LayerToggle) => (BASEMAP_TOGGLES as readonly LayerToggle[]).includes(layer);

/**
 * The layers that fill the grids and townships, one colour per area: at most one is on, since
 * translucent fills laid over each other mix into colours no legend can be read against.
 */
export const AREA_FILLS = ['choropleth', 'index', 'hotspots', 'forecast'] as const satisfies readonly LayerToggle[];

export const isAreaFill = (layer: LayerToggle) => (AREA_FILLS as readonly LayerToggle[]).includes(layer);

/** The visibility after a viewer flips `layer`: an area fill switched on switches the other fills off. */
export function toggleLayer(v: LayerVisibility, layer: LayerToggle): LayerVisibility {
  const on = !v[layer];
  const next: Record<LayerToggle, boolean> = { ...v, [layer]: on };
  if (on && isAreaFill(layer)) for (const fill of AREA_FILLS) next[fill] = fill === layer;
  return next;
}

/**
 * `?layers=cameras,heatmap` starts with exactly those layers on; of several area fills asked for,
 * only the first in AREA_FILLS' order.
 */
export function visibilityFromSearch(search: string): LayerVisibility {
  const asked = new URLSearchParams(search).get('layers');
  if (asked === null) return DEFAULT_VISIBILITY;
  const on = new Set(asked.split(','));
  const fill = AREA_FILLS.find((f) => on.has(f));
  return Object.fromEntries(LAYER_TOGGLES.map((l) => [l, isAreaFill(l) ? l === fill : on.has(l)])) as Record<
    LayerToggle,
    boolean
  >;
}
