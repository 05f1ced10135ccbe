import { describe, expect, it } from 'vitest';
import { levelOfCode, prefixOfCode, rankingFor, unitProblem } from './units.js';

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

  it('rank townships under a city or county and villages under a township', () => {
    expect(rankingFor(null)).toEqual({ parent: null, level: 'township' });
    expect(rankingFor('371702000000')).toEqual({ parent: null, level: 'township' });
    expect(rankingFor('371702005000')).toEqual({ parent: '371702005000', level: 'village' });
    expect(rankingFor('371702005001')).toEqual({ parent: '371702005000', level: 'village' });
  });

  it("say what is wrong with the unit a wall's address names, once it can be told", () => {
    const places = new Map([
      ['371702005000', {}],
      ['371721000000', {}],
    ]);
    expect(unitProblem('abc', new Map(), null)).toBe('malformed');
    expect(unitProblem('37170200500', places, null)).toBe('malformed');
    expect(unitProblem(' 371702005000', places, null)).toBe('malformed');
    expect(unitProblem('110101000000', places, null)).toBe('unknown');
    // Places not read yet: nothing to say about a well-formed code.
    expect(unitProblem('110101000000', new Map(), null)).toBeNull();
    expect(unitProblem('110101000000', new Map(), '371700000000')).toBe('outside');
    expect(unitProblem('371721000000', places, '371702000000')).toBe('outside');
    expect(unitProblem('371702005000', places, '371702000000')).toBeNull();
    expect(unitProblem('371702005000', places, null)).toBeNull();
  });
});
