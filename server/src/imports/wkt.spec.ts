import { describe, expect, it } from 'vitest';
import { parseWkt, wktOfGeoJson, type WktGeometry } from './wkt.js';

describe('reading well-known text', () => {
  it('reads the polygons, multipolygons and points ogr2ogr writes', () => {
    expect(parseWkt('POLYGON ((115.4 35.2,115.41 35.2,115.41 35.21,115.4 35.2))')).toEqual({
      ok: true,
      value: {
        type: 'Polygon',
        coordinates: [
          [
            [115.4, 35.2],
            [115.41, 35.2],
            [115.41, 35.21],
            [115.4, 35.2],
          ],
        ],
      },
    });
    const multi = parseWkt('MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))');
    expect(multi.ok && multi.value?.type).toBe('MultiPolygon');
    expect(multi.ok && (multi.value!.coordinates as unknown[]).length).toBe(2);
    expect(parseWkt('POINT Z (115.48 35.24 40)')).toEqual({
      ok: true,
      value: { type: 'Point', coordinates: [115.48, 35.24, 40] },
    });
    expect(parseWkt('MULTIPOINT ((1 2),(3 4))')).toEqual({
      ok: true,
      value: {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    });
  });

  it('takes EMPTY as no geometry and refuses text that is not WKT', () => {
    expect(parseWkt('POLYGON EMPTY')).toEqual({ ok: true, value: null });
    expect(parseWkt('CIRCLE (1 2, 3)').ok).toBe(false);
    expect(parseWkt('POLYGON ((1 2, 3))').ok).toBe(false);
    expect(parseWkt('POLYGON ((1 2, 3 4)').ok).toBe(false);
  });

  it('writes GeoJSON as WKT that reads back to the same coordinates, to the last digit', () => {
    const shapes: WktGeometry[] = [
      { type: 'Point', coordinates: [115.4812345, 35.2412345] },
      {
        type: 'Polygon',
        coordinates: [
          [
            [115.4, 35.2],
            [115.4100001, 35.2],
            [115.41, 35.2099999],
            [115.4, 35.2],
          ],
        ],
      },
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [2, 2],
              [3, 2],
              [3, 3],
              [2, 2],
            ],
          ],
        ],
      },
    ];
    for (const shape of shapes) expect(parseWkt(wktOfGeoJson(shape))).toEqual({ ok: true, value: shape });
    expect(wktOfGeoJson(shapes[0]!)).toBe('POINT (115.4812345 35.2412345)');
  });
});
