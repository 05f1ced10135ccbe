import { describe, expect, it } from 'vitest';
import { testCameras, testCases, testRiskPoints } from '../test-support/feeds.js';
import { rowPosition } from './feed-data.js';
import { forecastGridOf, selectionsOf } from './wall-picking.js';

const feeds = { cases: testCases(), cameras: testCameras(), riskPoints: testRiskPoints() };
const area = (code: string) => ({ properties: { code } });

describe('what a click on the wall map selects', () => {
  it('selects a clicked point at its row position in its own feed', () => {
    expect(selectionsOf('cameras-points', 1, null, feeds)).toEqual([
      { kind: 'camera', position: rowPosition(feeds.cameras, 1) },
    ]);
    expect(selectionsOf('cases-points', 0, null, feeds)[0]?.kind).toBe('case');
  });

  it('selects a grid or a township by the clicked area code', () => {
    expect(selectionsOf('hotspots', 0, area('371702005001001'), feeds)).toEqual([
      { kind: 'grid', code: '371702005001001' },
    ]);
    expect(selectionsOf('index-townships', 0, area('371702005000'), feeds)).toEqual([
      { kind: 'township', code: '371702005000' },
    ]);
  });

  it('selects nothing on a layer that is not for picking, or a point whose feed is not loaded', () => {
    expect(selectionsOf('labels', 0, area('371702005000'), feeds)).toEqual([]);
    expect(selectionsOf('risk-points', 0, null, { ...feeds, riskPoints: null })).toEqual([]);
  });
});

describe('what a click on the forecast layer picks', () => {
  const outline = (code: string) => ({
    type: 'Feature' as const,
    properties: { code },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [115, 35],
          [115.01, 35],
          [115.01, 35.01],
          [115, 35],
        ],
      ],
    },
  });

  it('picks a grid, with its outline, on the forecast areas and the hot-spot outlines', () => {
    const grid = outline('371702005001001');
    expect(forecastGridOf('forecast-grids', grid)).toEqual({ gridCode: '371702005001001', outline: grid });
    expect(forecastGridOf('forecast-hot-spots', grid)?.gridCode).toBe('371702005001001');
    expect(forecastGridOf('forecast-townships', grid)?.gridCode).toBe('371702005001001');
  });

  it('picks nothing for a unit on the forecast layer or a grid on another layer', () => {
    expect(forecastGridOf('forecast-townships', outline('371702005000'))).toBeNull();
    expect(forecastGridOf('choropleth-grids', outline('371702005001001'))).toBeNull();
    expect(forecastGridOf('forecast-grids', null)).toBeNull();
  });
});
