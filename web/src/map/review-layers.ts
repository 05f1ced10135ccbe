/**
 * The review map's layers, bottom to top: the units (or grids) coloured by index — or, with the
 * forecast on, by the next week's expected cases — then hot and cold spots, and at close zoom the
 * cameras (clicked for their card and video). Pure.
 */
import type { PointFeed } from './feed-data.js';
import type { AreaFeature } from './layers/choropleth.js';
import { forecastBreaks, forecastLayers, type AreaForecast } from './layers/forecast.js';
import { hotspotLayer, indexAreasLayer, type AreaScore } from './layers/index-areas.js';
import { cameraConeLayers } from './layers/camera-cones.js';
import { cameraLayers } from './layers/points.js';
import type { LayerSpec } from './layers/spec.js';
import { ZOOM } from './layers/zoom.js';

export interface ReviewLayerInput {
  areas: readonly AreaFeature[];
  scores: ReadonlyMap<string, AreaScore>;
  selected: string | null;
  hotspots: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; visible: boolean };
  /** Changes whenever scores or bins change. */
  version: string;
  uiScale: number;
  /** The forecast by unit and grid code, the predicted hot spots' outlines and alerted grids. */
  forecast?: {
    forecasts: ReadonlyMap<string, AreaForecast>;
    hotSpots: readonly AreaFeature[];
    alerts: ReadonlySet<string>;
    version: string;
  } | null;
  /** The cameras around the view, read from ZOOM.reviewCamerasFrom on (null: none read). */
  cameras?: PointFeed | null;
  zoom?: number;
  /** The camera whose card is open (its position), its view cone highlighted. */
  selectedCamera?: readonly [number, number] | null;
}

/** The review reads only the cameras around its view: every one of them gets its cone. */
const ANYWHERE: [number, number, number, number] = [-180, -90, 180, 90];

/** The cameras as points by status from ZOOM.reviewCamerasFrom on, over their cones from ZOOM.conesFrom. */
function reviewCameraLayers(input: ReviewLayerInput): LayerSpec[] {
  const zoom = input.zoom ?? 0;
  const feed = input.cameras;
  if (!feed || zoom < ZOOM.reviewCamerasFrom) return [];
  const selected = input.selectedCamera ?? null;
  return [
    ...cameraConeLayers({ feed, visible: true, zoom, box: ANYWHERE, selected }),
    ...cameraLayers({ feed, visible: true, zoom, uiScale: input.uiScale }).filter(
      (s) => s.props.id === 'cameras-points',
    ),
  ];
}

/** The review's areas (units or grids, any level) shaded by their forecast. */
function reviewForecastLayers(input: ReviewLayerInput): LayerSpec[] {
  const f = input.forecast!;
  const expected = input.areas.map((a) => f.forecasts.get(a.properties.code)?.expected ?? 0);
  return forecastLayers({
    ...f,
    townships: input.areas,
    grids: [],
    breaks: { townships: forecastBreaks(expected), grids: [] },
    visible: true,
    zoom: 0,
    uiScale: input.uiScale,
  });
}

export function reviewLayerSpecs(input: ReviewLayerInput): LayerSpec[] {
  return [
    indexAreasLayer({
      id: 'review-areas',
      areas: input.areas,
      scores: input.scores,
      version: input.version,
      // One area fill at a time: the forecast's shades replace the index bands.
      visible: !input.forecast,
      uiScale: input.uiScale,
      selected: input.selected,
      alpha: 190,
    }),
    ...(input.forecast ? reviewForecastLayers(input) : []),
    hotspotLayer({
      id: 'review-hotspots',
      grids: input.hotspots.grids,
      bins: input.hotspots.bins,
      version: input.version,
      visible: input.hotspots.visible,
      uiScale: input.uiScale,
    }),
    ...reviewCameraLayers(input),
  ].filter((s) => s.props.visible);
}
