/**
 * Every deck.gl layer of the wall map, bottom to top, as specs: the choropleth, case heatmap and
 * hexagons, camera hexagons, view cones and points (cameras, cases), risk icons, labels. Pure.
 */
import type { LayerVisibility } from './layer-toggles.js';
import type { DictionaryValue } from '../../../server/src/domain/feed-columns.js';
import { dayRange, reportDays, type PointFeed, type ReportDays } from './feed-data.js';
import { choroplethLayers, type AreaFeature, type ChoroplethInput } from './layers/choropleth.js';
import { forecastBreaks, forecastLayers, type AreaForecast } from './layers/forecast.js';
import { hotspotLayer, indexAreasLayer, type AreaScore } from './layers/index-areas.js';
import { labelLayers, type LabelPlace } from './layers/labels.js';
import { cameraConeLayers } from './layers/camera-cones.js';
import { featureBbox, type Bbox } from './grid-view.js';
import { cameraLayers, caseLayers, riskPointLayer } from './layers/points.js';
import type { LayerSpec, TimeFilter } from './layers/spec.js';
import { ZOOM } from './layers/zoom.js';

export interface Feeds {
  cases: PointFeed | null;
  cameras: PointFeed | null;
  riskPoints: PointFeed | null;
}

const one = (value: DictionaryValue) => ({ values: Uint8Array.of(0), dictionary: [value] });

/**
 * A feed of one row at longitude 0, latitude 0 (far from any city in China), reported at `at`:
 * a layer drawing it builds what its real rows will need (a software renderer builds a pipeline
 * for each layer's first draw, not for a hidden layer) and shows nothing.
 */
function warmUpFeed(layer: string, at: Date): PointFeed {
  return {
    layer,
    rows: 1,
    origin: [0, 0],
    positions: new Float32Array(2),
    codes: { status: one('registered'), overdue: one(false), level: one(1) },
    minutes: Float32Array.of(60),
    epochMs: at.getTime(),
  };
}

/** The warm-up's feeds, one row each, reported an hour into `at`'s day of the window. */
export function warmUpFeeds(at: Date): Feeds {
  return {
    cases: warmUpFeed('cases', at),
    cameras: warmUpFeed('cameras', at),
    riskPoints: warmUpFeed('risk_points', at),
  };
}

/** A square about ten metres wide at longitude 0, latitude 0. */
const FAR_SQUARE: AreaFeature['geometry'] = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [0.0001, 0],
      [0.0001, 0.0001],
      [0, 0.0001],
      [0, 0],
    ],
  ],
};

/**
 * What deck.gl draws while the real data downloads: every layer the real input has, on stand-ins
 * far from any city in China (the warm-up feeds, one area moved away, the labels' own names
 * moved away). Drawing them builds each layer's programs, pipelines and font atlas and puts
 * nothing on screen; a software renderer then neither builds them on the first real frame nor
 * fills the screen for frames nobody sees.
 */
export function warmUpInput(input: WallLayerInput, feeds: Feeds): WallLayerInput {
  const far = (areas: readonly AreaFeature[]) => areas.slice(0, 1).map((a) => ({ ...a, geometry: FAR_SQUARE }));
  return {
    ...input,
    feeds,
    choropleth: { ...input.choropleth, townships: far(input.choropleth.townships), grids: far(input.choropleth.grids) },
    labels: { ...input.labels, places: input.labels.places.map((p) => ({ ...p, label: [0, 0] })) },
  };
}

export interface TimeSelection {
  from: Date;
  to: Date;
  /** The selected window: the rows the case points carry (playback narrows within it). */
  window: { from: Date; to: Date };
  /** Playback: where cases show at full strength; the rest of the range fades. */
  soft: { from: Date; to: Date } | null;
}

export interface WallLayerInput {
  feeds: Feeds;
  visibility: LayerVisibility;
  time: TimeSelection;
  choropleth: Omit<ChoroplethInput, 'visible' | 'zoom' | 'uiScale'>;
  labels: { places: readonly LabelPlace[]; prefix: string; ready: boolean };
  icon: { atlas: string; mapping: Record<string, unknown> } | null;
  zoom: number;
  uiScale: number;
  /** The start of the calendar day (display zone) an instant falls on. */
  dayStart: (at: Date) => Date;
  /** Townships (and, zoomed in, grids) coloured by their published stability index. */
  index?: WallIndexInput;
  /** Getis-Ord Gi* hot and cold spots: the significant grids' outlines and bins. */
  hotspots?: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; version: string };
  /** The next week's forecast: areas shaded by expected cases, hot spots outlined, alerts marked. */
  forecast?: WallForecastInput;
  /** The camera whose card is open (its position), its view cone highlighted. */
  selectedCamera?: readonly [number, number] | null;
}

const extents = new WeakMap<readonly AreaFeature[], Bbox | null>();
/**
 * Where cones are drawn: the extent of the grids on the map, which are those of the townships in
 * view once zoomed in; null without grids.
 */
export function gridsExtent(grids: readonly AreaFeature[]): Bbox | null {
  if (extents.has(grids)) return extents.get(grids)!;
  let box: Bbox | null = null;
  for (const g of grids) {
    const b = featureBbox(g);
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  extents.set(grids, box);
  return box;
}

export interface WallForecastInput {
  townships: readonly AreaFeature[];
  grids: readonly AreaFeature[];
  /** By grid code and (summed) township code. */
  forecasts: ReadonlyMap<string, AreaForecast>;
  /** Outlines of the predicted hot spots. */
  hotSpots: readonly AreaFeature[];
  alerts: ReadonlySet<string>;
  version: string;
}

/** The forecast's layers, class bounds from the areas drawn at this zoom. */
export function wallForecastLayers(f: WallForecastInput, visible: boolean, zoom: number, uiScale: number): LayerSpec[] {
  const expected = (areas: readonly AreaFeature[]) =>
    areas.map((a) => f.forecasts.get(a.properties.code)?.expected ?? 0);
  return forecastLayers({
    ...f,
    breaks: { townships: forecastBreaks(expected(f.townships)), grids: forecastBreaks(expected(f.grids)) },
    visible,
    zoom,
    uiScale,
  });
}

export interface WallIndexInput {
  townships: readonly AreaFeature[];
  grids: readonly AreaFeature[];
  scores: ReadonlyMap<string, AreaScore>;
  version: string;
}

/** Index areas: townships zoomed out; zoomed in, the grids that have a score replace their township. */
export function wallIndexLayers(index: WallIndexInput, visible: boolean, zoom: number, uiScale: number): LayerSpec[] {
  const grids = zoom >= ZOOM.gridsFrom ? index.grids.filter((g) => index.scores.has(g.properties.code)) : [];
  const covered = new Set(grids.map((g) => g.properties.code.slice(0, 9)));
  const townships = index.townships.filter((t) => !covered.has(t.properties.code.slice(0, 9)));
  const common = { scores: index.scores, version: index.version, visible, uiScale, alpha: 165 };
  return [
    indexAreasLayer({ ...common, id: 'index-townships', areas: townships }),
    indexAreasLayer({
      ...common,
      id: 'index-grids',
      areas: grids,
      visible: visible && grids.length > 0,
      outlined: zoom >= ZOOM.gridOutlinesFrom,
    }),
  ];
}

export function caseTimeFilter(days: ReportDays, time: TimeSelection): TimeFilter {
  return {
    range: dayRange(days.base, time.from, time.to),
    soft: time.soft ? dayRange(days.base, time.soft.from, time.soft.to) : null,
  };
}

const daysCache = new WeakMap<PointFeed, ReportDays>();
/** Report days of a feed, computed once per feed. */
export function feedDays(feed: PointFeed, dayStart: (at: Date) => Date): ReportDays {
  let days = daysCache.get(feed);
  if (!days) daysCache.set(feed, (days = reportDays(feed, dayStart)));
  return days;
}

export function wallLayerSpecs(input: WallLayerInput): LayerSpec[] {
  const { feeds, visibility: v, zoom, uiScale } = input;
  const style = { zoom, uiScale };
  const specs: LayerSpec[] = [...choroplethLayers({ ...input.choropleth, visible: v.choropleth, zoom, uiScale })];
  if (input.index) specs.push(...wallIndexLayers(input.index, v.index, zoom, uiScale));
  if (input.hotspots) specs.push(hotspotLayer({ ...input.hotspots, visible: v.hotspots, uiScale }));
  if (input.forecast) specs.push(...wallForecastLayers(input.forecast, v.forecast, zoom, uiScale));
  const days = feeds.cases ? feedDays(feeds.cases, input.dayStart) : null;
  const cases =
    feeds.cases && days
      ? caseLayers({
          ...style,
          feed: feeds.cases,
          days,
          filter: caseTimeFilter(days, input.time),
          rowDays: dayRange(days.base, input.time.window.from, input.time.window.to),
          show: { points: v.casePoints, heatmap: v.heatmap, hexagons: v.hexagons },
        })
      : [];
  const byId = (id: string) => cases.filter((s) => s.props.id === id);
  specs.push(...byId('cases-heatmap'), ...byId('cases-hexagons'));
  if (feeds.cameras) {
    specs.push(
      ...cameraConeLayers({
        feed: feeds.cameras,
        visible: v.cameras,
        zoom,
        // Measured only where cones are drawn: further out the grids change with every move.
        box: zoom >= ZOOM.conesFrom ? gridsExtent(input.choropleth.grids) : null,
        selected: input.selectedCamera ?? null,
      }),
      ...cameraLayers({ ...style, feed: feeds.cameras, visible: v.cameras }),
    );
  }
  specs.push(...byId('cases-points'));
  if (feeds.riskPoints && input.icon) {
    specs.push(riskPointLayer({ ...style, feed: feeds.riskPoints, visible: v.riskPoints, icon: input.icon }));
  }
  if (input.labels.ready) {
    specs.push(
      ...labelLayers({
        places: input.labels.places,
        prefix: input.labels.prefix,
        visible: v.boundaries,
        zoom,
        uiScale,
      }),
    );
  }
  // Hidden layers are left out rather than kept invisible: deck.gl would still build their
  // shaders and buffers, which a software-rendered first frame cannot afford.
  return specs.filter((spec) => spec.props.visible);
}
