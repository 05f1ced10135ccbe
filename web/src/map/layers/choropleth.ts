/**
 * The case-rate choropleth: cases in the time window per 1,000 households, by township when
 * zoomed out and by grid when zoomed in (grid outlines closer still). Classes are quantiles of
 * the rates shown, so the colours spread over whatever range today's data has. (Once the
 * stability index exists it replaces the rate here.)
 */
import { NO_DATA, RATE_RAMP, type Rgb } from '../../theme/palette.js';
import type { LayerSpec } from './spec.js';
import { ZOOM } from './zoom.js';

export interface AreaFeature {
  type: 'Feature';
  properties: { code: string; name?: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface AreaRate {
  count: number;
  households: number;
  /** Cases per 1,000 households; null without households. */
  rate: number | null;
}

export function areaRate(count: number, households: number): AreaRate {
  return { count, households, rate: households > 0 ? (count / households) * 1000 : null };
}

/** Upper bounds of the classes above "no cases": quantiles of the positive rates. */
export function rateBreaks(rates: readonly (number | null)[], classes = RATE_RAMP.length): number[] {
  const positive = rates.filter((r): r is number => r !== null && r > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const q = positive[Math.min(positive.length - 1, Math.ceil((i / classes) * positive.length) - 1)]!;
    if (breaks.length === 0 || q > breaks.at(-1)!) breaks.push(q);
  }
  return breaks;
}

/** The colour of a rate: no data or no cases dark, else its class on the ramp. */
export function rateColor(rate: number | null | undefined, breaks: readonly number[]): Rgb {
  if (rate === null || rate === undefined || rate <= 0 || breaks.length === 0) return NO_DATA;
  const i = breaks.findIndex((b) => rate <= b);
  const cls = i === -1 ? breaks.length - 1 : i;
  // Spread the classes over the whole ramp even when there are fewer of them.
  const at =
    breaks.length === 1 ? RATE_RAMP.length - 1 : Math.round((cls / (breaks.length - 1)) * (RATE_RAMP.length - 1));
  return RATE_RAMP[at]!;
}

export interface ChoroplethInput {
  townships: readonly AreaFeature[];
  grids: readonly AreaFeature[];
  rates: ReadonlyMap<string, AreaRate>;
  breaks: { townships: number[]; grids: number[] };
  /** Changes whenever rates change, so deck.gl recolours. */
  version: number;
  visible: boolean;
  zoom: number;
  uiScale: number;
}

export function choroplethLayers(input: ChoroplethInput): LayerSpec[] {
  const showGrids = input.zoom >= ZOOM.gridsFrom && input.grids.length > 0;
  // Townships whose grids are shown are not painted underneath them.
  const covered = showGrids ? new Set(input.grids.map((g) => g.properties.code.slice(0, 9))) : new Set<string>();
  const townships = showGrids
    ? input.townships.filter((t) => !covered.has(t.properties.code.slice(0, 9)))
    : input.townships;
  const fill = (breaks: number[], a: number) => (f: AreaFeature) => [
    ...rateColor(input.rates.get(f.properties.code)?.rate, breaks),
    a,
  ];
  return [
    {
      kind: 'geojson',
      props: {
        id: 'choropleth-townships',
        visible: input.visible,
        data: townships,
        filled: true,
        stroked: false,
        getFillColor: fill(input.breaks.townships, 150),
        updateTriggers: { getFillColor: input.version },
        pickable: true,
      },
    },
    {
      kind: 'geojson',
      props: {
        id: 'choropleth-grids',
        visible: input.visible && showGrids,
        data: input.grids,
        filled: true,
        stroked: input.zoom >= ZOOM.gridOutlinesFrom,
        getFillColor: fill(input.breaks.grids, 140),
        getLineColor: [120, 200, 255, 140],
        lineWidthUnits: 'pixels',
        getLineWidth: 1 * input.uiScale,
        updateTriggers: { getFillColor: input.version },
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 50],
      },
    },
  ];
}
