/**
 * The optional PMTiles basemap (BASEMAP_PMTILES): tiles read straight from a local file,
 * so a real deployment can ship an extract of roads, water and land use for its area and
 * still make no request outside its own server.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Compression, PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import type { PmtilesInfo } from '../domain/basemap-style.js';

/** A pmtiles Source over a local file. */
class LocalFileSource implements Source {
  private handle: Promise<FileHandle>;
  constructor(private readonly path: string) {
    this.handle = open(path, 'r');
    // Awaited on first read; a missing file must not count as an unhandled rejection before that.
    this.handle.catch(() => undefined);
  }
  getKey(): string {
    return this.path;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const handle = await this.handle;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }
  async close(): Promise<void> {
    await (await this.handle).close();
  }
}

export interface PmtilesTile {
  data: Uint8Array;
  contentType: string;
  /** Set when the tile bytes are compressed as stored: send as Content-Encoding. */
  contentEncoding: 'gzip' | 'br' | 'zstd' | null;
}

const CONTENT_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Mvt]: 'application/vnd.mapbox-vector-tile',
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

const ENCODINGS: Partial<Record<Compression, PmtilesTile['contentEncoding']>> = {
  [Compression.Gzip]: 'gzip',
  [Compression.Brotli]: 'br',
  [Compression.Zstd]: 'zstd',
};

export interface PmtilesArchive {
  info: PmtilesInfo;
  tile(z: number, x: number, y: number): Promise<PmtilesTile | null>;
  close(): Promise<void>;
}

/** Opens the archive and reads its header; throws naming the path when it is not a usable PMTiles v3 file. */
export async function openPmtiles(path: string): Promise<PmtilesArchive> {
  const source = new LocalFileSource(path);
  const pm = new PMTiles(source);
  try {
    const header = await pm.getHeader();
    const contentType = CONTENT_TYPES[header.tileType];
    if (!contentType) throw new Error(`tile type ${header.tileType} is not served`);
    const contentEncoding = ENCODINGS[header.tileCompression] ?? null;
    const info: PmtilesInfo = {
      kind: header.tileType === TileType.Mvt ? 'vector' : 'raster',
      minZoom: header.minZoom,
      maxZoom: header.maxZoom,
      bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    };
    return {
      info,
      async tile(z, x, y) {
        if (z < info.minZoom || z > info.maxZoom) return null;
        const found = await pm.getZxy(z, x, y);
        return found ? { data: new Uint8Array(found.data), contentType, contentEncoding } : null;
      },
      close: () => source.close(),
    };
  } catch (error) {
    await source.close().catch(() => undefined);
    throw new Error(`BASEMAP_PMTILES ${path}: ${(error as Error).message}`, { cause: error });
  }
}
