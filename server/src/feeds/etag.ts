/**
 * Strong ETags for the feeds: a hash of the bytes, made once per kept feed version (like its
 * gzip), so a system polling a feed can ask `If-None-Match` and get a 304 while nothing in it
 * changed. Browsers do not (the feeds are `no-store`); other readers of the feed may.
 */
import { createHash } from 'node:crypto';

const tags = new WeakMap<Uint8Array, string>();

/** The ETag of `bytes` sent with `encoding` (each coding of the same bytes has its own tag). */
export function etagOf(bytes: Uint8Array, encoding: 'gzip' | null): string {
  let hash = tags.get(bytes);
  if (!hash) {
    hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
    tags.set(bytes, hash);
  }
  return `"${hash}${encoding ? `-${encoding}` : ''}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks). */
export function matchesNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
