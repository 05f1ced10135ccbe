import { describe, expect, it } from 'vitest';
import { batchLoad } from './batch.js';

describe('per-request batching', () => {
  it('loads the keys asked for in one tick with one call, each key once', async () => {
    const calls: string[][] = [];
    const load = async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    };
    const ctx = {};
    const values = await Promise.all(['a', 'b', 'a'].map((k) => batchLoad(ctx, 'x', k, load)));
    expect(values).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual([['a', 'b']]);
  });

  it('keeps requests apart', async () => {
    const calls: string[][] = [];
    const load = async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, 1]));
    };
    await Promise.all([batchLoad({}, 'x', 'a', load), batchLoad({}, 'x', 'a', load)]);
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('passes a failed load on to every caller of the batch', async () => {
    const ctx = {};
    const fail = async () => Promise.reject(new Error('database gone'));
    const results = await Promise.allSettled([batchLoad(ctx, 'x', 'a', fail), batchLoad(ctx, 'x', 'b', fail)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
