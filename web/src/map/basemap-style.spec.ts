import { describe, expect, it } from 'vitest';
import { buildStyle } from '../../../server/src/basemap/style.js';
import { allOnOrigin, deferCloseUpSources, layersInGroup, resolveStyleUrls } from './basemap-style.js';

const origin = 'http://wall.local:4000';

describe('the basemap style in the browser', () => {
  const style = buildStyle({ pmtiles: { kind: 'vector', minZoom: 0, maxZoom: 14, bounds: [114, 34, 117, 36] } });

  it('resolves the server-relative source URLs against the page', () => {
    const resolved = resolveStyleUrls(style, origin);
    expect(resolved.sources['boundaries-county']!.data).toBe(
      'http://wall.local:4000/basemap/boundaries/county.geojson',
    );
    expect(resolved.sources.pmtiles!.tiles).toEqual(['http://wall.local:4000/basemap/tiles/{z}/{x}/{y}']);
    expect(allOnOrigin(resolved, origin)).toBe(true);
  });

  it('tells a style that reaches another origin', () => {
    const foreign = {
      ...style,
      sources: { ...style.sources, cdn: { type: 'vector', url: 'https://tiles.example.com/x.json' } },
    };
    expect(allOnOrigin(foreign, origin)).toBe(false);
  });

  it('finds the layers behind each toggle', () => {
    expect(layersInGroup(style, 'roads')).toEqual(['pmtiles-roads', 'roads-local', 'roads-main', 'roads-expressway']);
    expect(layersInGroup(style, 'boundaries')).toContain('boundaries-city-line');
  });

  it('holds back the GeoJSON sources only shown close up, with where their layers go back in', () => {
    const plain = buildStyle({});
    const { style: first, deferred } = deferCloseUpSources(plain, 11);
    expect(deferred.map((d) => d.id)).toEqual(['boundaries-village']);
    const [village] = deferred;
    expect(village!.minzoom).toBe(11.5);
    expect(village!.layers.map((l) => [l.layer.id, l.beforeId])).toEqual([
      ['boundaries-village-line', 'boundaries-township-line'],
    ]);
    expect(first.sources['boundaries-village']).toBeUndefined();
    expect(first.layers.map((l) => l.id)).not.toContain('boundaries-village-line');
    expect(first.layers.length + 1).toBe(plain.layers.length);
    // Nothing is held back when the map starts close enough to show it.
    expect(deferCloseUpSources(plain, 12).deferred).toEqual([]);
  });
});
