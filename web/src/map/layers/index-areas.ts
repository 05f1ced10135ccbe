/**
 * Areas coloured by the stability index (their warning band) and grids marked by Getis-Ord Gi*
 * confidence bin. Pure: data and style in, layer specs out.
 */
import { BAND_COLORS, HOTSPOT_COLORS, NO_DATA, type Rgb } from '../../theme/palette.js';
import type { AreaFeature } from './choropleth.js';
import type { LayerSpec, Rgba } from './spec.js';

export type Band = keyof typeof BAND_COLORS;

export interface AreaScore {
  score: number;
  band: Band;
}

export function bandColor(band: Band | null | undefined): Rgb {
  return band ? BAND_COLORS[band] : NO_DATA;
}

/** The colour of a Gi* bin; null for 0 (not significant) or anything outside -3..3. */
export function hotspotColor(bin: number): Rgb | null {
  return HOTSPOT_COLORS[bin] ?? null;
}

export interface IndexAreasInput {
  id: string;
  areas: readonly AreaFeature[];
  scores: ReadonlyMap<string, AreaScore>;
  /** Changes whenever scores change, so deck.gl recolours. */
  version: number | string;
  visible: boolean;
  uiScale: number;
  /** Fill opacity 0..255. */
  alpha?: number;
  /** An area drawn with a bright outline (the one pointed at in a list). */
  selected?: string | null;
  outlined?: boolean;
}

export function indexAreasLayer(input: IndexAreasInput): LayerSpec {
  const alpha = input.alpha ?? 170;
  return {
    kind: 'geojson',
    props: {
      id: input.id,
      visible: input.visible,
      data: input.areas,
      filled: true,
      stroked: input.outlined ?? true,
      getFillColor: (f: AreaFeature): Rgba => [...bandColor(input.scores.get(f.properties.code)?.band), alpha],
      getLineColor: (f: AreaFeature): Rgba =>
        f.properties.code === input.selected ? [255, 255, 255, 255] : [10, 20, 40, 220],
      getLineWidth: (f: AreaFeature) => (f.properties.code === input.selected ? 3 : 1) * input.uiScale,
      lineWidthUnits: 'pixels',
      updateTriggers: {
        getFillColor: input.version,
        getLineColor: input.selected ?? '',
        getLineWidth: input.selected ?? '',
      },
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 60],
    },
  };
}

export interface HotspotInput {
  id?: string;
  grids: readonly AreaFeature[];
  bins: ReadonlyMap<string, number>;
  version: number | string;
  visible: boolean;
  uiScale: number;
}

/**
 * Significant grids only (bin ≠ 0): a translucent fill in the bin's colour under a strong
 * outline, so the index colours beneath still read through.
 */
export function hotspotLayer(input: HotspotInput): LayerSpec {
  const significant = input.grids.filter((g) => hotspotColor(input.bins.get(g.properties.code) ?? 0) !== null);
  const color = (f: AreaFeature) => hotspotColor(input.bins.get(f.properties.code) ?? 0) ?? NO_DATA;
  return {
    kind: 'geojson',
    props: {
      id: input.id ?? 'hotspots',
      visible: input.visible,
      data: significant,
      filled: true,
      stroked: true,
      getFillColor: (f: AreaFeature): Rgba => [...color(f), 120],
      getLineColor: (f: AreaFeature): Rgba => [...color(f), 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5 * input.uiScale,
      updateTriggers: { getFillColor: input.version, getLineColor: input.version },
      pickable: true,
    },
  };
}
