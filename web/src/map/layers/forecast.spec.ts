import { describe, expect, it } from 'vitest';
import { FORECAST_ALERT, FORECAST_HOT_SPOT, FORECAST_RAMP, NO_DATA } from '../../theme/palette.js';
import type { AreaFeature } from './choropleth.js';
import { forecastAlpha, forecastBreaks, forecastColor, forecastLayers, type ForecastLayerInput } from './forecast.js';
import { ZOOM } from './zoom.js';

const area = (code: string): AreaFeature => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [] },
});

const TOWNSHIP = '371702005000';
const GRID_A = '371702005001001';
const GRID_B = '371702005001002';

const input = (over: Partial<ForecastLayerInput> = {}): ForecastLayerInput => ({
  townships: [area(TOWNSHIP), area('371702006000')],
  grids: [area(GRID_A), area(GRID_B)],
  forecasts: new Map([
    [TOWNSHIP, { expected: 12, upper80: 16, upper95: 19 }],
    [GRID_A, { expected: 4, upper80: 5, upper95: 8 }],
    [GRID_B, { expected: 0.1, upper80: 1, upper95: 1 }],
  ]),
  breaks: { townships: [12], grids: forecastBreaks([4, 0.1]) },
  hotSpots: [area(GRID_A)],
  alerts: new Set([GRID_A]),
  version: 'v1',
  visible: true,
  zoom: ZOOM.gridsFrom,
  uiScale: 1,
  ...over,
});

const byId = (specs: ReturnType<typeof forecastLayers>, id: string) => specs.find((s) => s.props.id === id)!;

describe('the forecast layer', () => {
  it('shades more expected cases further along the ramp, and none expected as no data', () => {
    const breaks = forecastBreaks([1, 2, 3, 4, 5, 6, 7]);
    expect(forecastColor(7, breaks)).toEqual(FORECAST_RAMP.at(-1));
    expect(forecastColor(1, breaks)).toEqual(FORECAST_RAMP[0]);
    expect(forecastColor(0, breaks)).toBe(NO_DATA);
    expect(forecastColor(undefined, breaks)).toBe(NO_DATA);
  });

  it('draws a wide interval paler than a tight one', () => {
    expect(forecastAlpha({ expected: 0.1, upper80: 1, upper95: 1 })).toBeLessThan(
      forecastAlpha({ expected: 4, upper80: 5, upper95: 8 }),
    );
    const fill = byId(forecastLayers(input()), 'forecast-grids').props.getFillColor as (f: AreaFeature) => number[];
    expect(fill(area(GRID_A))[3]).toBeGreaterThan(fill(area(GRID_B))[3]!);
  });

  it('shows the grids zoomed in, in place of their township, and townships zoomed out', () => {
    const inside = forecastLayers(input());
    expect(byId(inside, 'forecast-grids').props.visible).toBe(true);
    expect((byId(inside, 'forecast-townships').props.data as AreaFeature[]).map((t) => t.properties.code)).toEqual([
      '371702006000',
    ]);
    const out = forecastLayers(input({ zoom: ZOOM.gridsFrom - 1 }));
    expect(byId(out, 'forecast-grids').props.visible).toBe(false);
    expect(byId(out, 'forecast-townships').props.data).toHaveLength(2);
  });

  it('outlines the predicted hot spots, in the alert colour where the upper bound crosses the threshold', () => {
    const specs = forecastLayers(input({ alerts: new Set() }));
    const hot = byId(specs, 'forecast-hot-spots');
    expect(hot.props.data).toEqual([area(GRID_A)]);
    expect((hot.props.getLineColor as (f: AreaFeature) => number[])(area(GRID_A))).toEqual([...FORECAST_HOT_SPOT, 255]);
    const alerted = byId(forecastLayers(input()), 'forecast-hot-spots');
    expect((alerted.props.getLineColor as (f: AreaFeature) => number[])(area(GRID_A))).toEqual([
      ...FORECAST_ALERT,
      255,
    ]);
  });

  it('hides every part when switched off', () => {
    expect(forecastLayers(input({ visible: false })).some((s) => s.props.visible)).toBe(false);
  });
});
