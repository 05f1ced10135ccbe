import { describe, expect, it } from 'vitest';
import { etagOf, matchesNoneMatch } from './etag.js';

describe('feed ETags', () => {
  it('gives equal bytes the same tag and other bytes another, per content coding', () => {
    const a = etagOf(Uint8Array.of(1, 2, 3), null);
    expect(etagOf(Uint8Array.of(1, 2, 3), null)).toBe(a);
    expect(etagOf(Uint8Array.of(1, 2, 4), null)).not.toBe(a);
    expect(etagOf(Uint8Array.of(1, 2, 3), 'gzip')).toBe(a.replace(/"$/, '-gzip"'));
  });

  it('matches If-None-Match lists, weak tags and the wildcard, and nothing else', () => {
    const tag = '"abc"';
    expect(['"x", "abc"', 'W/"abc"', '*'].map((h) => matchesNoneMatch(h, tag))).toEqual([true, true, true]);
    expect([undefined, '"abcd"', 'abc', ''].map((h) => matchesNoneMatch(h, tag))).toEqual([false, false, false, false]);
  });
});
