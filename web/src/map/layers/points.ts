/**
 * The point layers straight from the binary feeds: cases (points by stage, heatmap, hexagons,
 * filtered by report day), cameras (hexagons of the share down when far, points by status when
 * close) and risk points (icons by warning level).
 *
 * How each layer takes the columns, found by trying them in Chromium (deck.gl 9.4):
 * - points and icons: binary attributes as they came (Float32 lon/lat offsets from the origin);
 * - hexagons (GPU aggregation): binary attributes draw nothing, so they get `{ length }` data
 *   and accessors that read the same typed arrays by index (packed once per feed, no objects);
 * - heatmap: the DataFilterExtension range does not reach its weight passes, so the time filter
 *   is folded into a per-row weight instead (recomputed when the days change, O(rows)).
 */
import {
  CAMERA_DOWN_RAMP,
  CAMERA_STATUS_COLORS,
  CASE_STATUS_COLORS,
  HEAT_RAMP,
  CASE_HEX_RAMP,
  RISK_LEVEL_COLORS,
} from '../../theme/palette.js';
import {
  colorsByCode,
  gatherRows,
  numbersByCode,
  rowsWithin,
  weightsWhere,
  type PointFeed,
  type ReportDays,
} from '../feed-data.js';
import type { BinaryData, LayerSpec, TimeFilter } from './spec.js';
import { hexRadiusMeters, ZOOM } from './zoom.js';

/** Overdue cases wear a red ring. */
const RING_COLORS = { true: [255, 60, 60], false: [5, 12, 24] } as const;

const cache = new WeakMap<PointFeed, Map<string, unknown>>();

/** Something derived from a feed, built once per feed and name so deck.gl uploads it once. */
function once<T>(feed: PointFeed, name: string, build: () => T): T {
  let byName = cache.get(feed);
  if (!byName) cache.set(feed, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, build());
  return byName.get(name) as T;
}

/** Like once, but keeps only the latest `key` per name (the heatmap's weights follow the playback day). */
function latest<T>(feed: PointFeed, name: string, key: string, build: () => T): T {
  const slot = once(feed, name, () => ({ key: '', value: null as T | null }));
  if (slot.value === null || slot.key !== key) {
    slot.key = key;
    slot.value = build();
  }
  return slot.value;
}

function binary(feed: PointFeed, name: string, build: () => BinaryData['attributes']): BinaryData {
  return once(feed, name, () => ({
    length: feed.rows,
    attributes: { getPosition: { value: feed.positions, size: 2 }, ...build() },
  }));
}

/**
 * `full` cut down to the rows `rows()` names (every attribute gathered, `sourceRows` kept for
 * picking), or `full` itself when it names none; built once per feed, name and key.
 */
function withRows(
  feed: PointFeed,
  name: string,
  key: string,
  full: BinaryData,
  rows: () => Uint32Array | null,
): BinaryData {
  return latest(feed, name, key, () => {
    const kept = rows();
    if (!kept) return full;
    const attributes = Object.fromEntries(
      Object.entries(full.attributes).map(([id, a]) => [id, { ...a, value: gatherRows(a.value, a.size, kept) }]),
    );
    return { length: kept.length, attributes, sourceRows: kept };
  });
}

/** Data for accessor-fed layers: a row count, and accessors reading the feed's arrays by index. */
type IndexAccessor<T> = (object: unknown, info: { index: number }) => T;
function rowsOf(feed: PointFeed): { length: number } {
  return once(feed, 'rows', () => ({ length: feed.rows }));
}
function absolutePosition(feed: PointFeed): IndexAccessor<[number, number]> {
  return once(feed, 'position-accessor', () => (_: unknown, { index }: { index: number }) => [
    feed.origin[0] + feed.positions[2 * index]!,
    feed.origin[1] + feed.positions[2 * index + 1]!,
  ]);
}

const offsets = (feed: PointFeed) => ({
  coordinateSystem: 'lnglat-offsets',
  coordinateOrigin: [feed.origin[0], feed.origin[1], 0],
});

const alpha = (ramp: readonly (readonly number[])[], a: number) => ramp.map(([r, g, b]) => [r, g, b, a]);

/** 1 inside the filter's full-strength range, fading over the rest of its range, 0 outside. */
export function heatWeights(days: Float32Array, filter: TimeFilter): Float32Array {
  const [from, to] = filter.range;
  const [softFrom] = filter.soft ?? filter.range;
  const out = new Float32Array(days.length);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d < from || d > to) continue;
    out[i] = d >= softFrom ? 1 : (d - from + 1) / (softFrom - from + 1);
  }
  return out;
}

export interface Style {
  /** The wall's scale: 1 at 1080p, 2 at 4K. Pixel sizes are multiplied by it. */
  uiScale: number;
  zoom: number;
}

export interface CaseLayersInput extends Style {
  feed: PointFeed;
  days: ReportDays;
  filter: TimeFilter;
  /**
   * The report days whose rows the points carry (the selected window); `filter` narrows within
   * them on the GPU, so playback steps without new data.
   */
  rowDays: [number, number];
  show: { points: boolean; heatmap: boolean; hexagons: boolean };
}

export function caseLayers({ feed, days, filter, rowDays, show, uiScale, zoom }: CaseLayersInput): LayerSpec[] {
  const dayOf: IndexAccessor<number> = once(
    feed,
    'day-accessor',
    () =>
      (_: unknown, { index }: { index: number }) =>
        days.days[index]!,
  );
  const heat = latest(feed, 'heat', `${filter.range} ${filter.soft}`, () => ({
    length: feed.rows,
    attributes: {
      getPosition: { value: feed.positions, size: 2 },
      getWeight: { value: heatWeights(days.days, filter), size: 1 },
    },
  }));
  return [
    {
      kind: 'heatmap',
      props: {
        id: 'cases-heatmap',
        visible: show.heatmap,
        data: heat,
        ...offsets(feed),
        radiusPixels: Math.round(36 * uiScale),
        intensity: 1.2,
        threshold: 0.04,
        colorRange: alpha(HEAT_RAMP, 255),
        opacity: 0.8,
      },
    },
    {
      kind: 'hexagon',
      filter,
      props: {
        id: 'cases-hexagons',
        visible: show.hexagons,
        data: rowsOf(feed),
        getPosition: absolutePosition(feed),
        getFilterValue: dayOf,
        gpuAggregation: true,
        radius: hexRadiusMeters(zoom),
        coverage: 0.88,
        getColorWeight: 1,
        colorAggregation: 'SUM',
        colorRange: alpha(CASE_HEX_RAMP, 210),
        colorScaleType: 'quantize',
        pickable: true,
        opacity: 0.85,
      },
    },
    {
      kind: 'scatterplot',
      filter,
      props: {
        id: 'cases-points',
        visible: show.points,
        data: withRows(
          feed,
          'points-in-window',
          String(rowDays),
          binary(feed, 'points', () => ({
            getFilterValue: { value: days.days, size: 1 },
            getFillColor: {
              value: colorsByCode(feed.codes.status!, CASE_STATUS_COLORS, 235),
              size: 4,
              normalized: true,
            },
            getLineColor: { value: colorsByCode(feed.codes.overdue!, RING_COLORS, 255), size: 4, normalized: true },
          })),
          () => rowsWithin(days.days, rowDays),
        ),
        ...offsets(feed),
        radiusUnits: 'pixels',
        getRadius: 3.2 * uiScale,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2 * uiScale,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 200],
      },
    },
  ];
}

export interface CameraLayersInput extends Style {
  feed: PointFeed;
  visible: boolean;
}

/**
 * The camera hexagons' data as binary attributes: absolute positions (the aggregator's attribute
 * is three float64s a row) and 1 for a camera that is down, instead of two accessors called for
 * each of a city's cameras: deck.gl then copies the arrays instead of calling back per row.
 */
function cameraHexagonData(feed: PointFeed): BinaryData {
  return once(feed, 'hexagon-data', () => {
    const positions = new Float64Array(3 * feed.rows);
    const [x0, y0] = feed.origin;
    for (let i = 0; i < feed.rows; i++) {
      positions[3 * i] = x0 + feed.positions[2 * i]!;
      positions[3 * i + 1] = y0 + feed.positions[2 * i + 1]!;
    }
    return {
      length: feed.rows,
      attributes: {
        getPosition: { value: positions, size: 3 },
        getColorWeight: { value: weightsWhere(feed.codes.status!, (v) => v !== 'online'), size: 1 },
      },
    };
  });
}

export function cameraLayers({ feed, visible, uiScale, zoom }: CameraLayersInput): LayerSpec[] {
  const close = zoom >= ZOOM.cameraPointsFrom;
  return [
    {
      kind: 'hexagon',
      props: {
        id: 'cameras-hexagons',
        visible: visible && !close,
        data: cameraHexagonData(feed),
        // Aggregated on the CPU, which a city's cameras keep brief: the GPU aggregator's sorting
        // shaders are slow to compile under software rendering, and that on the first frame.
        gpuAggregation: false,
        radius: hexRadiusMeters(zoom),
        coverage: 0.65,
        colorAggregation: 'MEAN',
        colorDomain: [0, 0.4],
        colorScaleType: 'quantize',
        colorRange: alpha(CAMERA_DOWN_RAMP, 160),
        pickable: true,
      },
    },
    {
      kind: 'scatterplot',
      props: {
        id: 'cameras-points',
        visible: visible && close,
        data: binary(feed, 'status', () => ({
          getFillColor: {
            value: colorsByCode(feed.codes.status!, CAMERA_STATUS_COLORS, 230),
            size: 4,
            normalized: true,
          },
        })),
        ...offsets(feed),
        radiusUnits: 'pixels',
        getRadius: 2.2 * uiScale,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 200],
      },
    },
  ];
}

/** Risk icons grow as the map zooms in: many small marks far out, readable symbols close up. */
export function riskIconPixels(zoom: number): number {
  if (zoom < 11) return 9;
  if (zoom < 13) return 13;
  if (zoom < 15) return 19;
  return 26;
}

/** Below this zoom only red and orange risk points show; all four levels from here on. */
export const ALL_RISK_LEVELS_FROM = 13.5;
/** Below this zoom (a whole city in view) only red ones: ten thousand orange icons would cover it. */
export const ORANGE_RISK_FROM = 10;

/** The warning levels (1 red … 4 blue) drawn at a zoom: the serious ones first as the map zooms out. */
export function riskLevelsAt(zoom: number): [number, number] {
  if (zoom >= ALL_RISK_LEVELS_FROM) return [1, 4];
  return zoom >= ORANGE_RISK_FROM ? [1, 2] : [1, 1];
}

export interface RiskLayerInput extends Style {
  feed: PointFeed;
  visible: boolean;
  /** The icon atlas (a data URL drawn by icons.ts) and where the icon lies in it. */
  icon: { atlas: string; mapping: Record<string, unknown> };
}

export function riskPointLayer({ feed, visible, icon, uiScale, zoom }: RiskLayerInput): LayerSpec {
  // Far out only the serious levels: the layer carries those rows alone.
  const levels = riskLevelsAt(zoom);
  const full = binary(feed, 'level', () => ({
    getColor: { value: colorsByCode(feed.codes.level!, RISK_LEVEL_COLORS, 255), size: 4, normalized: true },
  }));
  return {
    kind: 'icon',
    props: {
      id: 'risk-points',
      visible,
      data: withRows(feed, `levels ${levels}`, '', full, () => rowsWithin(numbersByCode(feed.codes.level!), levels)),
      ...offsets(feed),
      iconAtlas: icon.atlas,
      iconMapping: icon.mapping,
      getIcon: () => 'marker',
      sizeUnits: 'pixels',
      getSize: riskIconPixels(zoom) * uiScale,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 120],
    },
  };
}
