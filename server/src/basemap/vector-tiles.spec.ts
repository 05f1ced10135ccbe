import { VectorTile } from '@mapbox/vector-tile';
import type { FeatureCollection } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { TILE_EXTENT, VectorTiles, boundsOf, tileAddressProblem, tilesCovering } from './vector-tiles.js';

/** A square of `size` degrees with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size: number, properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  properties,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
});
const collection = (...features: FeatureCollection['features']): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

// Heze's county seat, about; a road across it.
const county = collection(square(115.3, 35.1, 0.4, { code: '371702000000', name: '牡丹区' }));
const village = collection(square(115.45, 35.25, 0.02, { code: '371702001001', name: '某村' }));
const roads = collection({
  type: 'Feature',
  properties: { class: 'main', name: null },
  geometry: {
    type: 'LineString',
    coordinates: [
      [115.3, 35.3],
      [115.7, 35.3],
    ],
  },
});
const tiles = new VectorTiles([
  { name: 'county', features: county, tolerancePixels: 1, minZoom: 0 },
  { name: 'village', features: village, tolerancePixels: 1, minZoom: 11 },
  { name: 'roads', features: roads, tolerancePixels: 0.6, minZoom: 0 },
]);
const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes));

describe('the basemap as vector tiles', () => {
  it('puts each layer in the tiles it touches, with its properties', () => {
    const [address] = tilesCovering([115.5, 35.3, 115.5, 35.3], 8);
    const tile = decode(tiles.tile(address!)!);
    expect(Object.keys(tile.layers).sort()).toEqual(['county', 'roads']);
    expect(tile.layers.county!.extent).toBe(TILE_EXTENT);
    expect(tile.layers.county!.feature(0).properties).toEqual({ code: '371702000000', name: '牡丹区' });
    expect(tile.layers.county!.feature(0).type).toBe(3); // polygon
    expect(tile.layers.roads!.feature(0).properties).toEqual({ class: 'main' });
  });

  it('leaves a layer out of the zooms under its own', () => {
    const at = (z: number) => tilesCovering([115.45, 35.25, 115.47, 35.27], z)[0]!;
    expect(Object.keys(decode(tiles.tile(at(10))!).layers)).not.toContain('village');
    const close = decode(tiles.tile(at(11))!);
    expect(close.layers.village!.feature(0).properties.name).toBe('某村');
  });

  it('has no tile where there is nothing', () => {
    expect(tiles.tile({ z: 8, x: 0, y: 0 })).toBeNull();
  });

  it('simplifies a wiggly line to within a pixel at a far zoom', () => {
    const wiggle = Array.from({ length: 401 }, (_, i) => [115.3 + i * 0.001, 35.3 + (i % 2) * 0.00001]);
    const wiggly = new VectorTiles([
      {
        name: 'roads',
        features: collection({
          type: 'Feature',
          properties: {},
          geometry: { type: 'LineString', coordinates: wiggle },
        }),
        tolerancePixels: 1,
        minZoom: 0,
      },
    ]);
    const points = (z: number) =>
      tilesCovering([115.3, 35.3, 115.7, 35.3], z)
        .map((a) => wiggly.tile(a))
        .filter((b): b is Uint8Array => b !== null)
        .flatMap((b) => decode(b).layers.roads!.feature(0).loadGeometry().flat()).length;
    expect(points(8)).toBeLessThan(10);
    expect(points(14)).toBeGreaterThan(300);
  });

  it('refuses an address that names no tile, and says why', () => {
    expect(tileAddressProblem({ z: 3, x: 7, y: 7 })).toBeNull();
    expect(tileAddressProblem({ z: 3, x: 8, y: 0 })).toMatch(/columns and rows 0 to 7/);
    expect(tileAddressProblem({ z: 15, x: 0, y: 0 })).toMatch(/up to zoom 14/);
    expect(tileAddressProblem({ z: 2, x: Number.NaN, y: 0 })).toMatch(/whole numbers/);
    expect(() => tiles.tile({ z: 1, x: 2, y: 0 })).toThrow(RangeError);
  });

  it('finds the tiles a box touches and the box around the data', () => {
    expect(tilesCovering([-180, -85, 180, 85], 1)).toHaveLength(4);
    expect(tilesCovering([115.3, 35.1, 115.7, 35.5], 0)).toEqual([{ z: 0, x: 0, y: 0 }]);
    // Heze at zoom 8: columns 209-210, rows 100-101, row by row from the north.
    expect(tilesCovering([115.3, 35.1, 115.7, 35.5], 8)).toEqual([
      { z: 8, x: 209, y: 100 },
      { z: 8, x: 210, y: 100 },
      { z: 8, x: 209, y: 101 },
      { z: 8, x: 210, y: 101 },
    ]);
    expect(boundsOf([county, roads])).toEqual([115.3, 35.1, 115.7, 35.5]);
    expect(boundsOf([collection()])).toBeNull();
  });
});
