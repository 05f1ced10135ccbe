import { describe, expect, it } from 'vitest';
import type { AreaFeature } from './layers/choropleth.js';
import { reviewLayerSpecs } from './review-layers.js';

const area = (code: string): AreaFeature => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('reviewLayerSpecs', () => {
  const input = {
    areas: [area('371702005001')],
    scores: new Map([['371702005001', { score: 50, band: 'orange' as const }]]),
    selected: null,
    hotspots: { grids: [area('371702005001001')], bins: new Map([['371702005001001', 2]]), visible: true },
    version: '1',
    uiScale: 1,
  };

  it('puts the hot spots over the index areas', () => {
    expect(reviewLayerSpecs(input).map((s) => s.props.id)).toEqual(['review-areas', 'review-hotspots']);
  });

  it('leaves the hot spots out when switched off', () => {
    const specs = reviewLayerSpecs({ ...input, hotspots: { ...input.hotspots, visible: false } });
    expect(specs.map((s) => s.props.id)).toEqual(['review-areas']);
  });

  it('shades the areas by their forecast in place of the index bands, hot spots still on top', () => {
    const forecast = {
      forecasts: new Map([['371702005001', { expected: 3, upper80: 5, upper95: 7 }]]),
      hotSpots: [area('371702005001001')],
      alerts: new Set<string>(),
      version: 'f1',
    };
    const specs = reviewLayerSpecs({ ...input, forecast });
    expect(specs.map((s) => s.props.id)).toEqual(['forecast-townships', 'forecast-hot-spots', 'review-hotspots']);
    expect(specs[0]!.props.data).toEqual(input.areas);
  });
});
