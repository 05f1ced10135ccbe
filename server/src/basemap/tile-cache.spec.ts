import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache.js';
import { VectorTiles } from './vector-tiles.js';

const cityOf = (name: string) =>
  new VectorTiles([
    {
      name: 'city',
      features: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [115, 35],
                  [116, 35],
                  [116, 36],
                  [115, 35],
                ],
              ],
            },
          },
        ],
      },
      tolerancePixels: 1,
      minZoom: 0,
    },
  ]);

describe('the tile cache', () => {
  it('builds the index once per data version and cuts each tile once', async () => {
    const built: string[] = [];
    const cache = new TileCache(async (version) => {
      built.push(version);
      return cityOf(version);
    });
    const first = await cache.get('v1', { z: 0, x: 0, y: 0 });
    expect(cache.has('v1', { z: 0, x: 0, y: 0 })).toBe(true);
    expect(await cache.get('v1', { z: 0, x: 0, y: 0 })).toBe(first);
    expect(gunzipSync(first!.gzipped)).toEqual(first!.body);
    expect(await cache.get('v1', { z: 8, x: 0, y: 0 })).toBeNull();
    expect(built).toEqual(['v1']);
    const next = await cache.get('v2', { z: 0, x: 0, y: 0 });
    expect(built).toEqual(['v1', 'v2']);
    expect(next!.etag).not.toBe(first!.etag);
    expect(cache.has('v1', { z: 0, x: 0, y: 0 })).toBe(false);
  });

  it('cuts a tile asked for by several at once only once', async () => {
    let cuts = 0;
    const cache = new TileCache(async (version) => {
      const tiles = cityOf(version);
      const tile = tiles.tile.bind(tiles);
      tiles.tile = (address) => (cuts++, tile(address));
      return tiles;
    });
    const [a, b] = await Promise.all([cache.get('v1', { z: 0, x: 0, y: 0 }), cache.get('v1', { z: 0, x: 0, y: 0 })]);
    expect(a).toBe(b);
    expect(cuts).toBe(1);
  });

  it('does not keep a failed build: the next request tries again', async () => {
    let attempts = 0;
    const cache = new TileCache(async (version) => {
      if (++attempts === 1) throw new Error('database away');
      return cityOf(version);
    });
    await expect(cache.get('v1', { z: 0, x: 0, y: 0 })).rejects.toThrow('database away');
    expect(await cache.get('v1', { z: 0, x: 0, y: 0 })).not.toBeNull();
    expect(attempts).toBe(2);
  });

  it('warms every tile over the data up to zoom 10', async () => {
    const cache = new TileCache(async (version) => cityOf(version));
    await cache.warm('v1');
    expect(cache.has('v1', { z: 10, x: 839, y: 403 })).toBe(true);
    expect(cache.has('v1', { z: 11, x: 1678, y: 806 })).toBe(false);
  });
});
