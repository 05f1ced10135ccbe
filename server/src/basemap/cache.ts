/**
 * What the basemap builds from the data, kept until the data changes: documents and tiles, each
 * built once per data version and stored with its gzip form and an ETag, so a wall screen's
 * reloads cost nothing.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface CachedDocument {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  /** As the Content-Type header says it: text with its charset. */
  contentType: string;
}

/** A document from text (UTF-8) or bytes (a vector tile), with its gzip form and an ETag of its content. */
export function makeDocument(content: string | Uint8Array, contentType: string): CachedDocument {
  const text = typeof content === 'string';
  const body = text
    ? Buffer.from(content, 'utf8')
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return {
    body,
    gzipped: gzipSync(body, { level: 6 }),
    etag,
    contentType: text ? `${contentType}; charset=utf-8` : contentType,
  };
}

/**
 * Values by key for one data version; a new version empties it. Concurrent builds of one key
 * share a promise; a failed build is not kept. With `maxEntries`, the oldest entry goes first.
 */
export class VersionCache<T> {
  private version: string | null = null;
  private entries = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries = Infinity) {}

  /** Whether the value is built or being built for this version (Server-Timing reports it). */
  has(version: string, key: string): boolean {
    return version === this.version && this.entries.has(key);
  }

  get(version: string, key: string, build: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.version = version;
      this.entries = new Map();
    }
    const entries = this.entries;
    let value = entries.get(key);
    if (!value) {
      value = build();
      if (entries.size >= this.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
      value.catch(() => entries.get(key) === value && entries.delete(key));
    }
    return value;
  }
}
