/** The layers a viewer can switch on and off, and which are on when the wall starts. */
export const LAYER_TOGGLES = [
  'boundaries',
  'roads',
  'choropleth',
  'index',
  'hotspots',
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
  // The index and hot-spot layers read extra data: off until asked for, so the first frame stays light.
  index: false,
  hotspots: false,
  cameras: true,
  riskPoints: true,
  casePoints: true,
  heatmap: false,
  hexagons: false,
};

/** `?layers=cameras,heatmap` starts with exactly those layers on. */
export function visibilityFromSearch(search: string): LayerVisibility {
  const asked = new URLSearchParams(search).get('layers');
  if (asked === null) return DEFAULT_VISIBILITY;
  const on = new Set(asked.split(','));
  return Object.fromEntries(LAYER_TOGGLES.map((l) => [l, on.has(l)])) as Record<LayerToggle, boolean>;
}
