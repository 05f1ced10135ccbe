import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VersionCache, makeDocument, type CachedDocument } from './cache.js';

describe('makeDocument', () => {
  it('keeps the body, its gzip form and a quoted ETag that changes with the body', () => {
    const a = makeDocument('{"a":1}', 'application/json');
    expect(gunzipSync(a.gzipped).toString()).toBe('{"a":1}');
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    expect(makeDocument('{"a":2}', 'application/json').etag).not.toBe(a.etag);
    expect(makeDocument('{"a":1}', 'application/json').etag).toBe(a.etag);
  });
});

describe('VersionCache', () => {
  it('builds a document once per data version', async () => {
    const cache = new VersionCache<CachedDocument>();
    let builds = 0;
    const build = async () => makeDocument(`v${++builds}`, 'text/plain');
    const [first, second] = await Promise.all([cache.get('v1', 'x', build), cache.get('v1', 'x', build)]);
    expect(first).toBe(second);
    expect(builds).toBe(1);
    const third = await cache.get('v2', 'x', build);
    expect(third.body.toString()).toBe('v2');
  });

  it('tries again after a failed build', async () => {
    const cache = new VersionCache<CachedDocument>();
    await expect(cache.get('v1', 'x', () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    );
    const doc = await cache.get('v1', 'x', async () => makeDocument('ok', 'text/plain'));
    expect(doc.body.toString()).toBe('ok');
  });

  it('says whether a document is built or under way for a version', async () => {
    const cache = new VersionCache<CachedDocument>();
    expect(cache.has('v1', 'x')).toBe(false);
    const pending = cache.get('v1', 'x', async () => makeDocument('x', 'text/plain'));
    expect(cache.has('v1', 'x')).toBe(true);
    await pending;
    expect(cache.has('v1', 'y')).toBe(false);
    expect(cache.has('v2', 'x')).toBe(false);
  });
});
