import { describe, expect, it } from 'vitest';
import { FeedCache, type VersionedFeed } from './cache.js';

const feed = (version: string, size = 8): VersionedFeed => ({ version, bytes: new Uint8Array(size), rows: 1 });

describe('FeedCache', () => {
  it('serves a feed again only while the version read is the one it was built at', async () => {
    const cache = new FeedCache();
    let builds = 0;
    const build = (version: string) => async () => (builds++, feed(version));
    expect((await cache.get('k', '1', build('1'))).outcome).toBe('miss');
    expect((await cache.get('k', '1', build('1'))).outcome).toBe('hit');
    const next = await cache.get('k', '2', build('2'));
    expect(next.outcome).toBe('miss');
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
    expect((await cache.get('k', '2', async () => feed('9'))).outcome).toBe('hit');
  });

  it('drops the least recently used feeds beyond its byte budget, and never keeps one larger than it', async () => {
    const cache = new FeedCache(20);
    await cache.get('a', '1', async () => feed('1', 8));
    await cache.get('b', '1', async () => feed('1', 8));
    await cache.get('a', '1', async () => feed('1', 8)); // a is now the most recently used
    await cache.get('c', '1', async () => feed('1', 8));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', '1', async () => feed('1', 8))).outcome).toBe('hit');
    expect((await cache.get('b', '1', async () => feed('1', 8))).outcome).toBe('miss');
    await cache.get('huge', '1', async () => feed('1', 21));
    expect((await cache.get('huge', '1', async () => feed('1', 21))).outcome).toBe('miss');
  });

  it('brings a kept feed up to date through `update` when it can, and builds when it cannot', async () => {
    const cache = new FeedCache();
    let builds = 0;
    const build = (version: string) => async () => (builds++, feed(version));
    await cache.get('k', '1', build('1'));
    const updated = await cache.get('k', '3', build('3'), { update: async (kept) => ({ ...kept, version: '3' }) });
    expect(updated.outcome).toBe('update');
    expect(updated.feed.version).toBe('3');
    expect((await cache.get('k', '3', build('3'))).outcome).toBe('hit');
    const refused = await cache.get('k', '4', build('4'), { update: async () => null });
    expect(refused.outcome).toBe('miss');
    expect(refused.feed.version).toBe('4');
    expect(builds).toBe(2);
  });

  it('counts what an entry holds besides its bytes against the budget', async () => {
    const cache = new FeedCache(20);
    await cache.get('a', '1', async () => ({ ...feed('1', 8), heldBytes: 8 }));
    await cache.get('b', '1', async () => ({ ...feed('1', 8), heldBytes: 8 }));
    expect(cache.size).toBe(1);
  });

  it('serves a feed that holds until an instant only up to that instant, then builds it afresh', async () => {
    const cache = new FeedCache();
    let builds = 0;
    const until = (validUntil: number) => async () => (builds++, { ...feed('1'), validUntil });
    expect((await cache.get('k', '1', until(1_000), { now: 500 })).outcome).toBe('miss');
    expect((await cache.get('k', '1', until(1_000), { now: 1_000 })).outcome).toBe('hit');
    const later = await cache.get('k', '1', until(5_000), { now: 1_001 });
    expect(later.outcome).toBe('miss');
    expect(later.feed.validUntil).toBe(5_000);
    expect((await cache.get('k', '1', until(9_000), { now: 4_000 })).outcome).toBe('hit');
    expect(builds).toBe(2);
  });

  it('does not hand a concurrent request a shared build that no longer holds at its instant', async () => {
    const cache = new FeedCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let builds = 0;
    const build = async () => {
      builds++;
      if (builds === 1) await gate;
      return { ...feed('1'), validUntil: builds === 1 ? 100 : 900 };
    };
    const early = cache.get('k', '1', build, { now: 50 });
    const late = cache.get('k', '1', build, { now: 200 });
    release();
    expect((await early).feed.validUntil).toBe(100);
    expect((await late).feed.validUntil).toBe(900);
    expect(builds).toBe(2);
  });

  it('counts memory kept beside a feed against the limit, dropping the least recently used to fit', async () => {
    const cache = new FeedCache(100);
    const a = feed('1', 40);
    const b = feed('1', 40);
    await cache.get('a', '1', async () => a);
    await cache.get('b', '1', async () => b);
    cache.addHeld('b', b, 10);
    expect(cache.heldBytes).toBe(90);
    expect(cache.size).toBe(2);
    cache.addHeld('b', b, 20);
    // 110 bytes over a limit of 100: `a`, used least recently, goes.
    expect(cache.size).toBe(1);
    expect(cache.heldBytes).toBe(70);
    expect((await cache.get('b', '1', async () => feed('1'))).feed).toBe(b);
  });

  it('counts nothing for a feed that is no longer the entry of its key', async () => {
    const cache = new FeedCache(1000);
    const old = feed('1', 40);
    await cache.get('k', '1', async () => old);
    await cache.get('k', '2', async () => feed('2', 40));
    cache.addHeld('k', old, 500);
    expect(cache.heldBytes).toBe(40);
  });
});
