/**
 * The forecast layer: areas shaded by the cases expected over the next days, paler where the
 * interval is wide relative to the expectation (uncertainty), the predicted hot spots outlined
 * and grids whose upper bound crosses the alert threshold marked. Pure: data and style in,
 * layer specs out.
 */
import { forecastCertainty } from '../../../../server/src/domain/forecast/alerts.js';
import { FORECAST_ALERT, FORECAST_HOT_SPOT, FORECAST_RAMP, NO_DATA, type Rgb } from '../../theme/palette.js';
import { rateBreaks, type AreaFeature } from './choropleth.js';
import type { LayerSpec, Rgba } from './spec.js';
import { ZOOM } from './zoom.js';

export interface AreaForecast {
  expected: number;
  upper80: number;
  upper95: number;
}

/** Fill opacity of the surest and of the least sure area. */
const ALPHA = { sure: 210, unsure: 70 } as const;

/** Class bounds of expected counts: quantiles of the positive ones, as the rate map's are. */
export const forecastBreaks = (expected: readonly number[]) => rateBreaks(expected, FORECAST_RAMP.length);

/** The colour of an expected count on the forecast ramp; none expected is dark. */
export function forecastColor(expected: number | undefined, breaks: readonly number[]): Rgb {
  if (expected === undefined || expected <= 0 || breaks.length === 0) return NO_DATA;
  const i = breaks.findIndex((b) => expected <= b);
  const cls = i === -1 ? breaks.length - 1 : i;
  const at =
    breaks.length === 1
      ? FORECAST_RAMP.length - 1
      : Math.round((cls / (breaks.length - 1)) * (FORECAST_RAMP.length - 1));
  return FORECAST_RAMP[at]!;
}

/** Fill opacity from how sure the forecast is: a wide interval reads as a paler area. */
export function forecastAlpha(f: AreaForecast | undefined): number {
  if (!f) return ALPHA.unsure;
  return Math.round(ALPHA.unsure + (ALPHA.sure - ALPHA.unsure) * forecastCertainty(f));
}

export interface ForecastLayerInput {
  /** Townships (their grids' forecasts summed), shown zoomed out. */
  townships: readonly AreaFeature[];
  /** Grids on the map, shown zoomed in. */
  grids: readonly AreaFeature[];
  /** By grid and by township code. */
  forecasts: ReadonlyMap<string, AreaForecast>;
  breaks: { townships: number[]; grids: number[] };
  /** Outlines of the predicted hot spots (at any zoom). */
  hotSpots: readonly AreaFeature[];
  /** Codes of grids whose upper bound crosses the alert threshold. */
  alerts: ReadonlySet<string>;
  version: string;
  visible: boolean;
  zoom: number;
  uiScale: number;
}

export function forecastLayers(input: ForecastLayerInput): LayerSpec[] {
  const showGrids = input.zoom >= ZOOM.gridsFrom && input.grids.length > 0;
  const covered = showGrids ? new Set(input.grids.map((g) => g.properties.code.slice(0, 9))) : new Set<string>();
  const townships = input.townships.filter((t) => !covered.has(t.properties.code.slice(0, 9)));
  const fill = (breaks: number[]) => (f: AreaFeature) => {
    const forecast = input.forecasts.get(f.properties.code);
    return [...forecastColor(forecast?.expected, breaks), forecastAlpha(forecast)] as Rgba;
  };
  const area = (id: string, data: readonly AreaFeature[], breaks: number[], visible: boolean): LayerSpec => ({
    kind: 'geojson',
    props: {
      id,
      visible: input.visible && visible,
      data,
      filled: true,
      stroked: id === 'forecast-grids' && input.zoom >= ZOOM.gridOutlinesFrom,
      getFillColor: fill(breaks),
      getLineColor: (f: AreaFeature): Rgba =>
        input.alerts.has(f.properties.code) ? [...FORECAST_ALERT, 255] : [10, 20, 40, 200],
      getLineWidth: (f: AreaFeature) => (input.alerts.has(f.properties.code) ? 2.5 : 1) * input.uiScale,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: input.version, getLineColor: input.version, getLineWidth: input.version },
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 50],
    },
  });
  return [
    area('forecast-townships', townships, input.breaks.townships, townships.length > 0),
    area('forecast-grids', input.grids, input.breaks.grids, showGrids),
    {
      kind: 'geojson',
      props: {
        id: 'forecast-hot-spots',
        visible: input.visible && input.hotSpots.length > 0,
        data: input.hotSpots,
        filled: false,
        stroked: true,
        getLineColor: (f: AreaFeature): Rgba =>
          input.alerts.has(f.properties.code) ? [...FORECAST_ALERT, 255] : [...FORECAST_HOT_SPOT, 255],
        getLineWidth: 3 * input.uiScale,
        lineWidthUnits: 'pixels',
        updateTriggers: { getLineColor: input.version },
        pickable: true,
      },
    },
  ];
}
