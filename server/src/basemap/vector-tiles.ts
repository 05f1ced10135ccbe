/**
 * The basemap's own layers (the boundaries of every level and the roads) as Mapbox vector tiles,
 * cut on the server from the GeoJSON documents the basemap serves. A map then reads the tiles in
 * view, ready to draw, instead of downloading every boundary and tiling it in its worker (a large
 * share of a wall's load at city scale on a small machine; see docs/performance.md) and the
 * villages' whole outlines at close zoom.
 *
 * The cutting is geojson-vt's, which MapLibre's worker ran before, with the same simplification
 * per layer in screen pixels. Pure: GeoJSON in, protobuf tiles out.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import * as turf from '@turf/turf';
import { TILES_MAX_ZOOM } from '../domain/basemap-style.js';
import type { FeatureCollection } from 'geojson';

/** Tile coordinates run 0..4096 across a tile, as in most vector tiles. */
export const TILE_EXTENT = 4096;
/** How wide MapLibre draws a vector tile (a vector source's default size), in CSS pixels. */
const TILE_PIXELS = 512;
/**
 * Geometry kept beyond each tile's edge, in CSS pixels: more than half the widest line (the
 * city's glow, 16 px with a 6 px blur), so that no stroke is cut at a tile's seam.
 */
const BUFFER_PIXELS = 32;

const UNITS_PER_PIXEL = TILE_EXTENT / TILE_PIXELS;

export interface TileLayerSource {
  /** The layer's name in the tiles (a style layer's `source-layer`). */
  name: string;
  features: FeatureCollection;
  /** Simplification, in screen pixels at each zoom. */
  tolerancePixels: number;
  /** The lowest zoom whose tiles hold the layer (the villages' lines only show close up). */
  minZoom: number;
}

/** A tile's address: zoom, column and row, with rows counted from the north (XYZ). */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Why an address names no tile, or null if it does. */
export function tileAddressProblem({ z, x, y }: TileAddress): string | null {
  if (![z, x, y].every(Number.isInteger) || z < 0 || x < 0 || y < 0) {
    return 'tile coordinates must be whole numbers from 0';
  }
  if (z > TILES_MAX_ZOOM) return `tiles are cut up to zoom ${TILES_MAX_ZOOM}; zoom ${z} has none`;
  if (x >= 2 ** z || y >= 2 ** z) return `zoom ${z} has columns and rows 0 to ${2 ** z - 1}`;
  return null;
}

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

/** Every tile at zoom `z` that the box touches, row by row. */
export function tilesCovering([west, south, east, north]: Bounds, z: number): TileAddress[] {
  const n = 2 ** z;
  const column = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const row = (lat: number) => {
    const sin = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
    return Math.min(n - 1, Math.max(0, Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n)));
  };
  const tiles: TileAddress[] = [];
  for (let y = row(north); y <= row(south); y++) {
    for (let x = column(west); x <= column(east); x++) tiles.push({ z, x, y });
  }
  return tiles;
}

/** The box around every position of the features; null when there is none. */
export function boundsOf(collections: readonly FeatureCollection[]): Bounds | null {
  const box = turf.bbox(turf.featureCollection(collections.flatMap((c) => c.features))) as Bounds;
  return box.every(Number.isFinite) ? box : null;
}

export class VectorTiles {
  private readonly layers: { name: string; minZoom: number; index: GeoJSONVT }[];
  /** The box around all the layers' data. */
  readonly bounds: Bounds | null;

  constructor(sources: readonly TileLayerSource[]) {
    this.bounds = boundsOf(sources.map((source) => source.features));
    this.layers = sources.map((source) => ({
      name: source.name,
      minZoom: source.minZoom,
      index: new GeoJSONVT(source.features, {
        maxZoom: TILES_MAX_ZOOM,
        extent: TILE_EXTENT,
        tolerance: source.tolerancePixels * UNITS_PER_PIXEL,
        buffer: BUFFER_PIXELS * UNITS_PER_PIXEL,
      }),
    }));
  }

  /** The tile as protobuf, or null when none of the layers has anything in it. */
  tile(address: TileAddress): Uint8Array | null {
    const problem = tileAddressProblem(address);
    if (problem) throw new RangeError(problem);
    const { z, x, y } = address;
    const found: Record<string, GeoJSONVTTile> = {};
    for (const layer of this.layers) {
      if (z < layer.minZoom) continue;
      const tile = layer.index.getTile(z, x, y);
      if (tile && tile.features.length > 0) found[layer.name] = tile;
    }
    if (Object.keys(found).length === 0) return null;
    return fromGeojsonVt(found, { version: 2, extent: TILE_EXTENT });
  }
}
