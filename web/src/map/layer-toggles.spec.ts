import { describe, expect, it } from 'vitest';
import {
  AREA_FILLS,
  DEFAULT_VISIBILITY,
  toggleLayer,
  visibilityFromSearch,
  type LayerVisibility,
} from './layer-toggles.js';

const onLayers = (v: LayerVisibility) =>
  Object.entries(v)
    .filter(([, on]) => on)
    .map(([l]) => l);

describe('visibilityFromSearch', () => {
  it('starts with the default layers', () => {
    expect(visibilityFromSearch('?kiosk=demo-wall')).toBe(DEFAULT_VISIBILITY);
  });

  it('starts with exactly the layers asked for', () => {
    const v = visibilityFromSearch('?layers=heatmap,cameras,unknown');
    expect(onLayers(v)).toEqual(['cameras', 'heatmap']);
  });

  it('starts with one area fill of several asked for, the first in order', () => {
    expect(onLayers(visibilityFromSearch('?layers=hotspots,roads,index'))).toEqual(['roads', 'index']);
  });
});

describe('toggleLayer', () => {
  it('flips the layer and leaves the others', () => {
    const v = toggleLayer(DEFAULT_VISIBILITY, 'heatmap');
    expect(v.heatmap).toBe(true);
    expect(onLayers(toggleLayer(v, 'heatmap'))).toEqual(onLayers(DEFAULT_VISIBILITY));
  });

  it('keeps at most one area fill on', () => {
    const index = toggleLayer(DEFAULT_VISIBILITY, 'index');
    expect(AREA_FILLS.filter((f) => index[f])).toEqual(['index']);
    const hotspots = toggleLayer(index, 'hotspots');
    expect(AREA_FILLS.filter((f) => hotspots[f])).toEqual(['hotspots']);
    expect(hotspots.cameras).toBe(DEFAULT_VISIBILITY.cameras);
  });

  it('switches the last fill off without switching another on', () => {
    const off = toggleLayer(DEFAULT_VISIBILITY, 'choropleth');
    expect(AREA_FILLS.filter((f) => off[f])).toEqual([]);
  });
});
