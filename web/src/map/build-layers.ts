/** The one place layer specs become deck.gl layers. */
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, IconLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import type { LayerKind, LayerSpec } from './layers/spec.js';

// One extension instance for every render: a new one would make deck.gl rebuild the layers.
const TIME_FILTER = [new DataFilterExtension({ filterSize: 1 })];

const CLASSES: Record<LayerKind, new (props: any) => Layer> = {
  scatterplot: ScatterplotLayer,
  heatmap: HeatmapLayer,
  hexagon: HexagonLayer,
  icon: IconLayer,
  geojson: GeoJsonLayer,
  text: TextLayer,
  'solid-polygon': SolidPolygonLayer,
};

export function buildLayers(specs: readonly LayerSpec[]): Layer[] {
  return specs.map((spec) => {
    const props = spec.filter
      ? {
          ...spec.props,
          extensions: TIME_FILTER,
          filterRange: spec.filter.range,
          filterSoftRange: spec.filter.soft,
        }
      : spec.props;
    return new CLASSES[spec.kind](props);
  });
}
