import { describe, expect, it } from 'vitest';
import { buildStyle } from '../../../server/src/domain/basemap-style.js';
import { allOnOrigin, layersInGroup, resolveStyleUrls } from './basemap-style.js';

const origin = 'http://wall.local:4000';

describe('the basemap style in the browser', () => {
  const style = buildStyle({
    pmtiles: { kind: 'vector', minZoom: 0, maxZoom: 14, bounds: [114, 34, 117, 36] },
    dataVersion: '7@2026-11-24 05:00',
  });

  it('resolves the server-relative source URLs against the page', () => {
    const resolved = resolveStyleUrls(style, origin);
    // Placeholders and the version's query kept as they are, not percent-encoded.
    expect(resolved.sources.basemap!.tiles).toEqual([
      'http://wall.local:4000/basemap/vector/{z}/{x}/{y}.pbf?v=7%402026-11-24%2005%3A00',
    ]);
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
});
