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
});
