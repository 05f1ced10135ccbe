import { describe, expect, it } from 'vitest';
import { FeedCache, type VersionedFeed } from './cache.js';

const feed = (version: string, size = 8): VersionedFeed => ({ version, bytes: new Uint8Array(size), rows: 1 });

describe('FeedCache', () => {
  it('serves a feed again only while the version read is the one it was built at', async () => {
    const cache = new FeedCache();
    let builds = 0;
    const build = (version: string) => async () => (builds++, feed(version));
    expect((await cache.get('k', '1', build('1'))).hit).toBe(false);
    expect((await cache.get('k', '1', build('1'))).hit).toBe(true);
    const next = await cache.get('k', '2', build('2'));
    expect(next.hit).toBe(false);
    expect(next.feed.version).toBe('2');
    expect(builds).toBe(2);
  });

  it('keeps feeds of different keys apart', async () => {
    const cache = new FeedCache();
    const a = feed('1');
    const b = feed('1');
    await cache.get('a', '1', async () => a);
    await cache.get('b', '1', async () => b);
    expect((await cache.get('a', '1', async () => feed('1'))).feed).toBe(a);
    expect((await cache.get('b', '1', async () => feed('1'))).feed).toBe(b);
  });

  it('builds once for concurrent requests at the same version', async () => {
    const cache = new FeedCache();
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const build = async () => {
      builds++;
      await gate;
      return feed('5');
    };
    const both = Promise.all([cache.get('k', '5', build), cache.get('k', '5', build)]);
    release();
    const [one, two] = await both;
    expect(builds).toBe(1);
    expect(one.feed).toBe(two.feed);
  });

  it('does not let a slow build of an older snapshot replace a newer feed', async () => {
    const cache = new FeedCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = cache.get('k', '1', async () => (await gate, feed('1')));
    await cache.get('k', '2', async () => feed('2'));
    release();
    await slow;
    expect((await cache.get('k', '2', async () => feed('9'))).hit).toBe(true);
  });

  it('drops the least recently used feeds beyond its byte budget, and never keeps one larger than it', async () => {
    const cache = new FeedCache(20);
    await cache.get('a', '1', async () => feed('1', 8));
    await cache.get('b', '1', async () => feed('1', 8));
    await cache.get('a', '1', async () => feed('1', 8)); // a is now the most recently used
    await cache.get('c', '1', async () => feed('1', 8));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', '1', async () => feed('1', 8))).hit).toBe(true);
    expect((await cache.get('b', '1', async () => feed('1', 8))).hit).toBe(false);
    await cache.get('huge', '1', async () => feed('1', 21));
    expect((await cache.get('huge', '1', async () => feed('1', 21))).hit).toBe(false);
  });
});
