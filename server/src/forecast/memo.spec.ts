import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { MEMO_ENTRIES, memoised } from './memo.js';

const aDatabase = () => ({}) as Database;

describe('forecasts kept for their inputs', () => {
  it('makes a value once per key and fingerprint, and again when the fingerprint changes', async () => {
    const db = aDatabase();
    let made = 0;
    const make = async () => ++made;
    expect(await memoised(db, 'k', 'f1', make)).toBe(1);
    expect(await memoised(db, 'k', 'f1', make)).toBe(1);
    expect(await memoised(db, 'k', 'f2', make)).toBe(2);
    expect(await memoised(db, 'other', 'f2', make)).toBe(3);
    expect(await memoised(aDatabase(), 'k', 'f2', make)).toBe(4);
  });

  it('lets requests that come while a value is made wait for that one', async () => {
    const db = aDatabase();
    let made = 0;
    const make = () => new Promise<number>((resolve) => setTimeout(() => resolve(++made), 10));
    const both = await Promise.all([memoised(db, 'k', 'f', make), memoised(db, 'k', 'f', make)]);
    expect(both).toEqual([1, 1]);
    expect(made).toBe(1);
  });

  it('does not keep a failure', async () => {
    const db = aDatabase();
    await expect(memoised(db, 'k', 'f', () => Promise.reject(new Error('fit thread gone')))).rejects.toThrow();
    expect(await memoised(db, 'k', 'f', async () => 7)).toBe(7);
  });

  it('forgets the least recently used beyond its size', async () => {
    const db = aDatabase();
    let made = 0;
    const make = async () => ++made;
    for (let i = 0; i < MEMO_ENTRIES; i += 1) await memoised(db, `k${i}`, 'f', make);
    await memoised(db, 'k0', 'f', make); // k0 used again: k1 is now the oldest
    await memoised(db, 'new', 'f', make);
    const before = made;
    await memoised(db, 'k0', 'f', make);
    expect(made).toBe(before);
    await memoised(db, 'k1', 'f', make);
    expect(made).toBe(before + 1);
  });
});
