import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY, visibilityFromSearch } from './layer-toggles.js';

describe('visibilityFromSearch', () => {
  it('starts with the default layers', () => {
    expect(visibilityFromSearch('?kiosk=demo-wall')).toBe(DEFAULT_VISIBILITY);
  });

  it('starts with exactly the layers asked for', () => {
    const v = visibilityFromSearch('?layers=heatmap,cameras,unknown');
    expect(
      Object.entries(v)
        .filter(([, on]) => on)
        .map(([l]) => l),
    ).toEqual(['cameras', 'heatmap']);
  });
});
