/**
 * gzip for the binary feeds. Every browser asks for it (`Accept-Encoding: gzip, …`), and a kept
 * feed is the same bytes for every request until its version changes, so each kept version is
 * compressed once, off the event loop (zlib's thread pool), and every request that accepts gzip
 * shares that one copy. The compression middleware leaves the feeds alone (their media type is
 * not one it knows as compressible), which is why the feeds do it themselves.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * The level: the columns (float offsets, small codes) gain little from harder work, while the
 * time to compress grows several times from here up.
 */
export const FEED_GZIP_LEVEL = 4;

/** Compressed copies by the bytes they compress: one per kept feed version, gone with it. */
const compressed = new WeakMap<Uint8Array, Promise<Uint8Array>>();

/**
 * The gzip of `bytes`, made once per `bytes` object: concurrent and later callers with the same
 * object share one compression. `onMade` is told the compressed size the first time (to count
 * it against the feed cache's limit).
 */
export function gzipOnce(bytes: Uint8Array, onMade?: (byteLength: number) => void): Promise<Uint8Array> {
  let pending = compressed.get(bytes);
  if (!pending) {
    pending = gzipAsync(bytes, { level: FEED_GZIP_LEVEL }).then((out) => {
      onMade?.(out.byteLength);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    });
    // A failed compression is not kept: the next request tries again.
    pending.catch(() => compressed.delete(bytes));
    compressed.set(bytes, pending);
  }
  return pending;
}
