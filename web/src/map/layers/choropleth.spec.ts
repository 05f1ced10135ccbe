import { describe, expect, it } from 'vitest';
import { NO_DATA, RATE_RAMP } from '../../theme/palette.js';
import { areaRate, choroplethLayers, rateBreaks, rateColor, type AreaFeature } from './choropleth.js';

const square = (code: string): AreaFeature => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('case rates', () => {
  it('counts cases per 1,000 households, and nothing without households', () => {
    expect(areaRate(5, 500)).toEqual({ count: 5, households: 500, rate: 10 });
    expect(areaRate(5, 0).rate).toBeNull();
  });

  it('breaks positive rates into quantile classes, without repeats', () => {
    expect(rateBreaks([null, 0, 1, 2, 3, 4], 4)).toEqual([1, 2, 3, 4]);
    expect(rateBreaks([5, 5, 5, 9], 4)).toEqual([5, 9]);
    expect(rateBreaks([0, null])).toEqual([]);
  });

  it('paints no cases dark, and the highest class in the hottest colour', () => {
    const breaks = [1, 2, 3, 4];
    expect(rateColor(0, breaks)).toBe(NO_DATA);
    expect(rateColor(null, breaks)).toBe(NO_DATA);
    expect(rateColor(0.5, breaks)).toBe(RATE_RAMP[0]);
    expect(rateColor(4, breaks)).toBe(RATE_RAMP.at(-1));
    expect(rateColor(400, breaks)).toBe(RATE_RAMP.at(-1));
    expect(rateColor(7, [7])).toBe(RATE_RAMP.at(-1));
  });
});

describe('choroplethLayers', () => {
  const townships = [square('371702005000'), square('371702001000')];
  const grids = [square('371702005001001')];
  const rates = new Map([
    ['371702005000', areaRate(30, 1000)],
    ['371702005001001', areaRate(3, 100)],
  ]);
  const input = {
    townships,
    grids,
    rates,
    breaks: { townships: [30], grids: [30] },
    version: 1,
    visible: true,
    uiScale: 1,
  };

  it('paints townships when zoomed out', () => {
    const [t, g] = choroplethLayers({ ...input, zoom: 9 });
    expect(t!.props.data).toEqual(townships);
    expect(g!.props.visible).toBe(false);
    const fill = t!.props.getFillColor as (f: AreaFeature) => number[];
    expect(fill(townships[0]!).slice(0, 3)).toEqual([...RATE_RAMP.at(-1)!]);
    expect(fill(townships[1]!).slice(0, 3)).toEqual([...NO_DATA]);
  });

  it('paints grids instead of their township when zoomed in, outlined when closer', () => {
    const [t, g] = choroplethLayers({ ...input, zoom: 12 });
    expect((t!.props.data as AreaFeature[]).map((f) => f.properties.code)).toEqual(['371702001000']);
    expect(g!.props.visible).toBe(true);
    expect(g!.props.stroked).toBe(false);
    expect(choroplethLayers({ ...input, zoom: 14 })[1]!.props.stroked).toBe(true);
  });
});
