/** The review map's layers, bottom to top: the units (or grids) coloured by index, then hot and cold spots. Pure. */
import type { AreaFeature } from './layers/choropleth.js';
import { hotspotLayer, indexAreasLayer, type AreaScore } from './layers/index-areas.js';
import type { LayerSpec } from './layers/spec.js';

export interface ReviewLayerInput {
  areas: readonly AreaFeature[];
  scores: ReadonlyMap<string, AreaScore>;
  selected: string | null;
  hotspots: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; visible: boolean };
  /** Changes whenever scores or bins change. */
  version: string;
  uiScale: number;
}

export function reviewLayerSpecs(input: ReviewLayerInput): LayerSpec[] {
  return [
    indexAreasLayer({
      id: 'review-areas',
      areas: input.areas,
      scores: input.scores,
      version: input.version,
      visible: true,
      uiScale: input.uiScale,
      selected: input.selected,
      alpha: 190,
    }),
    hotspotLayer({
      id: 'review-hotspots',
      grids: input.hotspots.grids,
      bins: input.hotspots.bins,
      version: input.version,
      visible: input.hotspots.visible,
      uiScale: input.uiScale,
    }),
  ].filter((s) => s.props.visible);
}
