import { describe, expect, it } from 'vitest';
import { buildStyle } from './basemap-style.js';

describe('buildStyle', () => {
  it('draws no text, so it needs no glyphs from anywhere', () => {
    const style = buildStyle();
    expect(style).not.toHaveProperty('glyphs');
    expect(style.layers.map((l) => l.type)).not.toContain('symbol');
  });

  it('names a toggle group for every layer and refers only to its own sources', () => {
    const style = buildStyle();
    for (const layer of style.layers) {
      expect(['base', 'boundaries', 'roads']).toContain(layer.metadata['zongzhi:group']);
      if (layer.source) expect(style.sources).toHaveProperty(layer.source);
    }
    expect(new Set(style.layers.map((l) => l.id)).size).toBe(style.layers.length);
  });

  it('draws boundaries above roads, and the city outline on top', () => {
    const ids = buildStyle().layers.map((l) => l.id);
    expect(ids.indexOf('boundaries-county-line')).toBeGreaterThan(ids.indexOf('roads-expressway'));
    expect(ids.at(-1)).toBe('boundaries-city-line');
  });

  it("fills the territory without an antialiased edge, which the city's outline covers", () => {
    const layers = buildStyle().layers;
    const territory = layers.find((l) => l.id === 'territory')!;
    expect(territory.paint).toMatchObject({ 'fill-antialias': false });
    expect(layers.findIndex((l) => l.id === 'boundaries-city-line')).toBeGreaterThan(layers.indexOf(territory));
  });

  it('puts a vector PMTiles basemap (Protomaps schema) under our own layers', () => {
    const style = buildStyle({ pmtiles: { kind: 'vector', minZoom: 0, maxZoom: 14, bounds: [114, 34, 117, 36] } });
    expect(style.sources.pmtiles).toEqual({
      type: 'vector',
      tiles: ['/basemap/tiles/{z}/{x}/{y}'],
      minzoom: 0,
      maxzoom: 14,
      bounds: [114, 34, 117, 36],
    });
    const ids = style.layers.map((l) => l.id);
    expect(ids.slice(1, 5)).toEqual(['pmtiles-earth', 'pmtiles-landuse', 'pmtiles-water', 'pmtiles-roads']);
    expect(ids.indexOf('territory')).toBeGreaterThan(ids.indexOf('pmtiles-water'));
  });

  it('leaves PMTiles out when there is no file', () => {
    const style = buildStyle({ pmtiles: null });
    expect(style.sources.pmtiles).toBeUndefined();
    expect(style.layers.some((l) => l.source === 'pmtiles')).toBe(false);
  });
});
