import { describe, expect, it } from 'vitest';
import { levelOfCode, prefixOfCode } from './admin-codes.js';

describe('admin codes', () => {
  it('tell the level from the zero padding', () => {
    expect(levelOfCode('371700000000')).toBe('city');
    expect(levelOfCode('371702000000')).toBe('county');
    expect(levelOfCode('371702005000')).toBe('township');
    expect(levelOfCode('371702005001')).toBe('village');
  });

  it('give the prefix every code inside the unit starts with', () => {
    expect(prefixOfCode('371700000000')).toBe('3717');
    expect(prefixOfCode('371702005000')).toBe('371702005');
  });
});
