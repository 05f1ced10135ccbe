import { describe, expect, it } from 'vitest';
import { BAND_COLORS, HOTSPOT_COLORS, NO_DATA } from '../../theme/palette.js';
import type { AreaFeature } from './choropleth.js';
import { bandColor, hotspotColor, hotspotLayer, indexAreasLayer, type AreaScore } from './index-areas.js';

const area = (code: string): AreaFeature => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('areas coloured by the stability index', () => {
  const scores = new Map<string, AreaScore>([
    ['371702005001', { score: 31.7, band: 'red' }],
    ['371702005202', { score: 77.5, band: 'blue' }],
  ]);
  const input = {
    id: 'areas',
    areas: [area('371702005001'), area('371702005202'), area('371702005003')],
    scores,
    version: 'v1',
    visible: true,
    uiScale: 1,
  };

  it('paints each area in its warning band, and areas without a published score as no data', () => {
    const fill = indexAreasLayer(input).props.getFillColor as (f: AreaFeature) => number[];
    expect(fill(input.areas[0]!).slice(0, 3)).toEqual([...BAND_COLORS.red]);
    expect(fill(input.areas[1]!).slice(0, 3)).toEqual([...BAND_COLORS.blue]);
    expect(fill(input.areas[2]!).slice(0, 3)).toEqual([...NO_DATA]);
    expect(bandColor(null)).toBe(NO_DATA);
  });

  it('outlines the selected area brighter and wider, and recolours when the selection changes', () => {
    const spec = indexAreasLayer({ ...input, selected: '371702005202', uiScale: 2 });
    const line = spec.props.getLineColor as (f: AreaFeature) => number[];
    const width = spec.props.getLineWidth as (f: AreaFeature) => number;
    expect(line(input.areas[1]!)).toEqual([255, 255, 255, 255]);
    expect(width(input.areas[1]!)).toBe(6);
    expect(width(input.areas[0]!)).toBe(2);
    expect(spec.props.updateTriggers).toMatchObject({ getFillColor: 'v1', getLineColor: '371702005202' });
    expect(spec.props.pickable).toBe(true);
  });
});

describe('hot and cold spots', () => {
  const grids = ['371702005001001', '371702005001002', '371702005001003', '371702005001004'].map(area);
  const bins = new Map([
    ['371702005001001', 3],
    ['371702005001002', 0],
    ['371702005001003', -2],
  ]);

  it('colours the bins ±1, ±2, ±3 and nothing else', () => {
    for (const bin of [-3, -2, -1, 1, 2, 3]) expect(hotspotColor(bin)).toBe(HOTSPOT_COLORS[bin]);
    expect(hotspotColor(0)).toBeNull();
    expect(hotspotColor(4)).toBeNull();
  });

  it('draws only the significant grids, outlined in their bin colour', () => {
    const spec = hotspotLayer({ grids, bins, version: 'v', visible: true, uiScale: 1 });
    const data = spec.props.data as AreaFeature[];
    expect(data.map((g) => g.properties.code)).toEqual(['371702005001001', '371702005001003']);
    const line = spec.props.getLineColor as (f: AreaFeature) => number[];
    expect(line(data[0]!)).toEqual([...HOTSPOT_COLORS[3]!, 255]);
    expect(line(data[1]!)).toEqual([...HOTSPOT_COLORS[-2]!, 255]);
  });
});
