/**
 * The basemap's MapLibre style (version 8), built from our own sources only: admin boundaries
 * and roads as vector tiles from this server (vector-tiles.ts), and optionally a PMTiles basemap
 * file. Pure: settings in, style JSON out.
 *
 * It draws no text. MapLibre would need glyph PBFs for that, and none may come from a CDN; the
 * web app draws every label with deck.gl's TextLayer in the bundled font instead. So the style
 * has no `glyphs` and no symbol layers.
 *
 * Source URLs are relative to the server's origin (`/basemap/...`): the client resolves them
 * against the page, so the style works behind any host name or reverse proxy.
 */
import type { AdminLevel } from './vocabulary.js';

/** The closest zoom the server cuts tiles at; MapLibre draws closer zooms from these tiles, scaled (overzoom). */
export const TILES_MAX_ZOOM = 14;

/** Simplification per boundary level, in metres: each level appears from a zoom where this is under a pixel or two. */
export const BOUNDARY_TOLERANCE_METERS: Readonly<Record<AdminLevel, number>> = {
  city: 120,
  county: 60,
  township: 25,
  village: 6,
};
export const ROAD_TOLERANCE_METERS = 10;

/** A layer of the basemap's vector tiles: its simplification on screen, and the lowest zoom it is cut at. */
export interface TileLayerSpec {
  tolerancePixels: number;
  minZoom: number;
}

/**
 * The layers of the basemap's vector tiles, named as the style's `source-layer`s. Boundaries are
 * simplified to within a screen pixel (the server already simplified each level in metres): any
 * finer, and a software renderer spends a large share of each frame of the city wall on the
 * townships' outlines alone. The villages are cut only from zoom 11, the
 * last whole zoom under their lines' (11.5).
 */
export const TILE_LAYERS: Readonly<Record<AdminLevel | 'roads', TileLayerSpec>> = {
  city: { tolerancePixels: 1, minZoom: 0 },
  county: { tolerancePixels: 1, minZoom: 0 },
  township: { tolerancePixels: 1, minZoom: 0 },
  village: { tolerancePixels: 1, minZoom: 11 },
  roads: { tolerancePixels: 0.6, minZoom: 0 },
};

/** A MapLibre style layer, loosely typed (the server does not depend on MapLibre's types). */
export interface StyleLayer {
  id: string;
  type: 'background' | 'fill' | 'line' | 'raster';
  source?: string;
  'source-layer'?: string;
  minzoom?: number;
  maxzoom?: number;
  filter?: unknown[];
  layout?: Record<string, unknown>;
  paint?: Record<string, unknown>;
  /** `zongzhi:group` names the toggle a layer belongs to: base, boundaries, roads. */
  metadata: { 'zongzhi:group': 'base' | 'boundaries' | 'roads' };
}

export interface BasemapStyle {
  version: 8;
  name: string;
  metadata: Record<string, unknown>;
  sources: Record<string, Record<string, unknown>>;
  layers: StyleLayer[];
}

/** What the optional PMTiles file holds, read from its header. */
export interface PmtilesInfo {
  kind: 'vector' | 'raster';
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
}

export const COLORS = {
  background: '#050b16',
  territory: '#0a1628',
  water: '#0c2744',
  green: '#0b1f1f',
  cityGlow: '#38bdf8',
  cityLine: '#8fd8ff',
  county: '#3b7cc0',
  township: '#2a5b8e',
  village: '#1f4670',
  expressway: '#3f5b85',
  main: '#2d4466',
  local: '#1e2f4a',
} as const;

const base = { 'zongzhi:group': 'base' } as const;
const boundaries = { 'zongzhi:group': 'boundaries' } as const;
const roads = { 'zongzhi:group': 'roads' } as const;

/** Line width rising with zoom: [zoom, width] stops. */
function widthByZoom(...stops: [number, number][]): unknown[] {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()];
}

function pmtilesLayers(info: PmtilesInfo): StyleLayer[] {
  if (info.kind === 'raster') {
    return [
      { id: 'pmtiles-raster', type: 'raster', source: 'pmtiles', metadata: base, paint: { 'raster-opacity': 0.55 } },
    ];
  }
  // The Protomaps basemap schema (layers earth, landuse, water, roads): the usual PMTiles extract.
  return [
    {
      id: 'pmtiles-earth',
      type: 'fill',
      source: 'pmtiles',
      'source-layer': 'earth',
      metadata: base,
      paint: { 'fill-color': COLORS.territory },
    },
    {
      id: 'pmtiles-landuse',
      type: 'fill',
      source: 'pmtiles',
      'source-layer': 'landuse',
      metadata: base,
      paint: { 'fill-color': COLORS.green, 'fill-opacity': 0.6 },
    },
    {
      id: 'pmtiles-water',
      type: 'fill',
      source: 'pmtiles',
      'source-layer': 'water',
      metadata: base,
      paint: { 'fill-color': COLORS.water },
    },
    {
      id: 'pmtiles-roads',
      type: 'line',
      source: 'pmtiles',
      'source-layer': 'roads',
      minzoom: 10,
      metadata: roads,
      paint: { 'line-color': COLORS.local, 'line-width': widthByZoom([10, 0.4], [16, 3]) },
    },
  ];
}

/** The style; `pmtiles` adds the PMTiles basemap underneath our own layers. */
export function buildStyle(options: { pmtiles?: PmtilesInfo | null; dataVersion?: string } = {}): BasemapStyle {
  const sources: BasemapStyle['sources'] = {};
  sources.basemap = {
    type: 'vector',
    // The data version in the address: tiles cut from older data are never taken from a cache.
    tiles: [
      `/basemap/vector/{z}/{x}/{y}.pbf${options.dataVersion ? `?v=${encodeURIComponent(options.dataVersion)}` : ''}`,
    ],
    minzoom: 0,
    maxzoom: TILES_MAX_ZOOM,
  };
  const city = { source: 'basemap', 'source-layer': 'city' } as const;
  const county = { source: 'basemap', 'source-layer': 'county' } as const;
  const township = { source: 'basemap', 'source-layer': 'township' } as const;
  const village = { source: 'basemap', 'source-layer': 'village' } as const;
  const roadLines = { source: 'basemap', 'source-layer': 'roads' } as const;
  if (options.pmtiles) {
    sources.pmtiles = {
      type: options.pmtiles.kind,
      tiles: ['/basemap/tiles/{z}/{x}/{y}'],
      minzoom: options.pmtiles.minZoom,
      maxzoom: options.pmtiles.maxZoom,
      bounds: options.pmtiles.bounds,
      ...(options.pmtiles.kind === 'raster' ? { tileSize: 256 } : {}),
    };
  }

  const layers: StyleLayer[] = [
    { id: 'background', type: 'background', metadata: base, paint: { 'background-color': COLORS.background } },
    ...(options.pmtiles ? pmtilesLayers(options.pmtiles) : []),
    {
      id: 'territory',
      type: 'fill',
      ...city,
      metadata: base,
      // Over a PMTiles basemap only a tint, so its water and land use show through. No
      // antialiased edge: the city's outline and glow are drawn over it, and without it MapLibre
      // builds one shader program fewer (its fill outline) and draws one pass fewer each frame.
      paint: {
        'fill-color': COLORS.territory,
        'fill-opacity': options.pmtiles ? 0.25 : 0.9,
        'fill-antialias': false,
      },
    },
    {
      id: 'roads-local',
      type: 'line',
      ...roadLines,
      minzoom: 10.5,
      filter: ['==', ['get', 'class'], 'local'],
      metadata: roads,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLORS.local, 'line-width': widthByZoom([10.5, 0.5], [16, 4]) },
    },
    {
      id: 'roads-main',
      type: 'line',
      ...roadLines,
      filter: ['==', ['get', 'class'], 'main'],
      metadata: roads,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLORS.main, 'line-width': widthByZoom([7, 0.5], [16, 6]) },
    },
    {
      id: 'roads-expressway',
      type: 'line',
      ...roadLines,
      filter: ['==', ['get', 'class'], 'expressway'],
      metadata: roads,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLORS.expressway, 'line-width': widthByZoom([7, 0.8], [16, 8]) },
    },
    {
      id: 'boundaries-village-line',
      type: 'line',
      ...village,
      minzoom: 11.5,
      metadata: boundaries,
      paint: {
        'line-color': COLORS.village,
        'line-width': widthByZoom([11.5, 0.5], [16, 1.5]),
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'boundaries-township-line',
      type: 'line',
      ...township,
      minzoom: 8,
      metadata: boundaries,
      paint: {
        'line-color': COLORS.township,
        'line-width': widthByZoom([8, 0.5], [14, 2]),
        'line-dasharray': [4, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 10, 1],
      },
    },
    {
      id: 'boundaries-county-line',
      type: 'line',
      ...county,
      metadata: boundaries,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.county, 'line-width': widthByZoom([7, 1], [14, 3]) },
    },
    {
      id: 'boundaries-city-glow',
      type: 'line',
      ...city,
      metadata: boundaries,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.cityGlow,
        'line-width': widthByZoom([7, 6], [14, 16]),
        'line-blur': 6,
        'line-opacity': 0.35,
      },
    },
    {
      id: 'boundaries-city-line',
      type: 'line',
      ...city,
      metadata: boundaries,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.cityLine, 'line-width': widthByZoom([7, 1.4], [14, 3]) },
    },
  ];

  return {
    version: 8,
    name: 'zongzhi-dark',
    metadata: {
      'zongzhi:synthetic-geometry-note':
        'boundaries and roads come from the loaded data set; demo geometry is synthetic',
      ...(options.dataVersion ? { 'zongzhi:data-version': options.dataVersion } : {}),
    },
    sources,
    layers,
  };
}
