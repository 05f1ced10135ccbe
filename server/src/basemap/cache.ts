/**
 * Built basemap documents, kept until the data changes: each is built once per data version
 * and stored with its gzip form and an ETag, so a wall screen's reloads cost nothing.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface CachedDocument {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  contentType: string;
}

export function makeDocument(text: string, contentType: string): CachedDocument {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, gzipped: gzipSync(body, { level: 6 }), etag, contentType };
}

/** Documents by name for one data version; a new version empties it. Concurrent builds of one name share a promise. */
export class DocumentCache {
  private version: string | null = null;
  private documents = new Map<string, Promise<CachedDocument>>();

  /** Whether the document is built or being built for this version (Server-Timing reports it). */
  has(version: string, name: string): boolean {
    return version === this.version && this.documents.has(name);
  }

  async get(version: string, name: string, build: () => Promise<CachedDocument>): Promise<CachedDocument> {
    if (version !== this.version) {
      this.version = version;
      this.documents = new Map();
    }
    let document = this.documents.get(name);
    if (!document) {
      document = build();
      this.documents.set(name, document);
      // A failed build is not kept: the next request tries again.
      document.catch(() => this.documents.get(name) === document && this.documents.delete(name));
    }
    return document;
  }
}
