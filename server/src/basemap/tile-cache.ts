/**
 * The basemap's vector tiles for the current data version: the tile index is built once per
 * version (from the basemap's documents) and each tile is cut, encoded and gzipped once, when
 * first asked for; walls asking at once for the same tile share one cut (cache.ts).
 */
import { makeDocument, VersionCache, type CachedDocument } from './cache.js';
import { tilesCovering, type TileAddress, type VectorTiles } from './vector-tiles.js';

/** Tiles kept per version: a city's views at every zoom a wall or a leader uses come to far fewer. */
const MAX_TILES = 20_000;
/** Warm-up cuts every tile over the data up to this zoom (a city's wall opens at about 8 to 9). */
const WARM_MAX_ZOOM = 10;
const MVT = 'application/vnd.mapbox-vector-tile';

const keyOf = ({ z, x, y }: TileAddress) => `${z}/${x}/${y}`;

export class TileCache {
  private readonly index = new VersionCache<VectorTiles>();
  private readonly tiles = new VersionCache<CachedDocument | null>(MAX_TILES);

  constructor(private readonly build: (version: string) => Promise<VectorTiles>) {}

  /** Whether the tile is cut, or being cut, for this version (Server-Timing reports it). */
  has(version: string, address: TileAddress): boolean {
    return this.tiles.has(version, keyOf(address));
  }

  /** The tile at `address` for this data version; null where it is empty. */
  get(version: string, address: TileAddress): Promise<CachedDocument | null> {
    return this.tiles.get(version, keyOf(address), async () => {
      const bytes = (await this.indexFor(version)).tile(address);
      return bytes && makeDocument(bytes, MVT);
    });
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
    return this.index.get(version, 'index', () => this.build(version));
  }
}
