/**
 * The basemap's vector tiles for the current data version: the tile index is built once per
 * version (from the basemap's documents) and each tile is cut, encoded and gzipped once, when
 * first asked for. A new version starts afresh; a failed build is not kept.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { tilesCovering, type TileAddress, type VectorTiles } from './vector-tiles.js';

export interface CutTile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  contentType: 'application/vnd.mapbox-vector-tile';
}

/** Tiles kept per version: a city's views at every zoom a wall or a leader uses come to far fewer. */
const MAX_TILES = 20_000;
/** Warm-up cuts every tile over the data up to this zoom (a city's wall opens at about 8 to 9). */
const WARM_MAX_ZOOM = 10;

export class TileCache {
  private version: string | null = null;
  private index: Promise<VectorTiles> | null = null;
  /** Each tile cut or being cut, by "z/x/y": walls asking at once for the same tile share one cut. */
  private cut = new Map<string, Promise<CutTile | null>>();

  constructor(private readonly build: (version: string) => Promise<VectorTiles>) {}

  /** Whether the tile is cut, or being cut, for this version (Server-Timing reports it). */
  has(version: string, { z, x, y }: TileAddress): boolean {
    return version === this.version && this.cut.has(`${z}/${x}/${y}`);
  }

  /** The tile at `address` for this data version; null where it is empty. */
  get(version: string, address: TileAddress): Promise<CutTile | null> {
    const index = this.indexFor(version);
    const key = `${address.z}/${address.x}/${address.y}`;
    let tile = this.cut.get(key);
    if (!tile) {
      tile = index.then((tiles) => {
        const bytes = tiles.tile(address);
        return bytes && makeTile(bytes, version, key);
      });
      if (this.cut.size >= MAX_TILES) this.cut.delete(this.cut.keys().next().value!);
      const cut = this.cut;
      cut.set(key, tile);
      // A failed cut (its index failed to build) is not kept: the next request tries again.
      tile.catch(() => cut.get(key) === tile && cut.delete(key));
    }
    return tile;
  }

  /** Builds the index and cuts every tile over the data up to zoom 10, so a first wall waits for none. */
  async warm(version: string): Promise<void> {
    const bounds = (await this.indexFor(version)).bounds;
    if (!bounds) return;
    for (let z = 0; z <= WARM_MAX_ZOOM; z++) {
      for (const address of tilesCovering(bounds, z)) await this.get(version, address);
    }
  }

  private indexFor(version: string): Promise<VectorTiles> {
    if (version !== this.version || !this.index) {
      this.version = version;
      this.cut = new Map();
      const index = this.build(version);
      this.index = index;
      index.catch(() => this.index === index && (this.index = null));
    }
    return this.index;
  }
}

function makeTile(bytes: Uint8Array, version: string, key: string): CutTile {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const etag = `"${createHash('sha256').update(`${version}/${key}`).digest('base64url').slice(0, 27)}"`;
  return { body, gzipped: gzipSync(body, { level: 6 }), etag, contentType: 'application/vnd.mapbox-vector-tile' };
}
