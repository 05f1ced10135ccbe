import { describe, expect, it } from 'vitest';
import type { AreaFeature } from './layers/choropleth.js';
import type { PointFeed } from './feed-data.js';
import { ZOOM } from './layers/zoom.js';
import { reviewLayerSpecs } from './review-layers.js';

const cameras: PointFeed = {
  layer: 'cameras',
  rows: 1,
  origin: [115.48, 35.24],
  positions: new Float32Array(2),
  codes: {
    status: { values: Uint8Array.of(0), dictionary: ['online'] },
    heading: { values: Uint8Array.of(0), dictionary: [90] },
    fov: { values: Uint8Array.of(0), dictionary: [60] },
  },
  minutes: null,
  epochMs: 0,
};

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

  it('draws the cameras on top from village zoom on, and none further out', () => {
    const close = reviewLayerSpecs({ ...input, cameras, zoom: ZOOM.reviewCamerasFrom });
    expect(close.map((s) => s.props.id)).toEqual(['review-areas', 'review-hotspots', 'cameras-points']);
    expect(close.at(-1)!.props.pickable).toBe(true);
    const far = reviewLayerSpecs({ ...input, cameras, zoom: ZOOM.reviewCamerasFrom - 1 });
    expect(far.map((s) => s.props.id)).toEqual(['review-areas', 'review-hotspots']);
  });

  it("draws the cameras' cones under them from zoom 16, the selected one's highlighted", () => {
    const specs = reviewLayerSpecs({ ...input, cameras, zoom: ZOOM.conesFrom, selectedCamera: [115.48, 35.24] });
    expect(specs.map((s) => s.props.id)).toEqual([
      'review-areas',
      'review-hotspots',
      'camera-cones',
      'camera-cone-selected',
      'cameras-points',
    ]);
  });
});
