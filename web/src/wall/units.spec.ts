import { describe, expect, it } from 'vitest';
import { firstScreenNames, nameWithinVillage, rankingFor, unitProblem } from './units.js';

describe('the wall units', () => {
  it("rank townships under a city or county, villages under a township and a village's grids under a village", () => {
    expect(rankingFor(null)).toEqual({ parent: null, level: 'township' });
    expect(rankingFor('371702000000')).toEqual({ parent: null, level: 'township' });
    expect(rankingFor('371702005000')).toEqual({ parent: '371702005000', level: 'village' });
    expect(rankingFor('371702005001')).toEqual({ parent: '371702005001', level: 'grid' });
  });

  it("name a village's grids without the village's name they start with", () => {
    expect(nameWithinVillage('赵楼社区第5网格', '赵楼社区')).toBe('第5网格');
    expect(nameWithinVillage('老城网格', '赵楼社区')).toBe('老城网格');
    expect(nameWithinVillage('赵楼社区', '赵楼社区')).toBe('赵楼社区');
    expect(nameWithinVillage('第5网格', undefined)).toBe('第5网格');
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

describe('the names on the first screen', () => {
  const places = [
    { code: '371700000000', name: '菏泽市', level: 'city' },
    { code: '371702000000', name: '牡丹区', level: 'county' },
    { code: '371702001000', name: '东城街道', level: 'township' },
    { code: '371702001001', name: '郝堂村', level: 'village' },
    { code: '371702002001', name: '邵庄村', level: 'village' },
  ];

  it('holds the city, counties and townships, each character once, without villages', () => {
    const text = firstScreenNames(places, null);
    expect(text).toBe('菏泽市牡丹区东城街道');
    expect(firstScreenNames(places, '371702000000')).toBe(text);
  });

  it('adds the villages of the township whose villages are ranked', () => {
    expect(firstScreenNames(places, '371702001000')).toBe('菏泽市牡丹区东城街道郝堂村');
    expect(firstScreenNames(places, '371702001001')).toBe('菏泽市牡丹区东城街道郝堂村');
  });
});
