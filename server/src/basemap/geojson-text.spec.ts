import { describe, expect, it } from 'vitest';
import { featureCollectionText } from './geojson-text.js';

describe('featureCollectionText', () => {
  it('splices serialised geometry into a valid FeatureCollection', () => {
    const text = featureCollectionText([
      { properties: { code: '371702000000', name: '牡丹区' }, geojson: '{"type":"Point","coordinates":[115.4,35.2]}' },
      { properties: { name: 'a "quoted" name' }, geojson: '{"type":"Point","coordinates":[1,2]}' },
    ]);
    expect(JSON.parse(text)).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '371702000000', name: '牡丹区' },
          geometry: { type: 'Point', coordinates: [115.4, 35.2] },
        },
        { type: 'Feature', properties: { name: 'a "quoted" name' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    });
  });

  it('writes an empty collection when there are no rows', () => {
    expect(JSON.parse(featureCollectionText([]))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
