import { describe, expect, it } from 'vitest';
import { DEPARTMENT_KINDS } from '../domain/vocabulary.js';
import { demoDepartments } from './demo-departments.js';

const UNITS = [
  { code: '371700000000', level: 'city' as const, name: '菏泽市' },
  { code: '371702000000', level: 'county' as const, name: '牡丹区' },
  { code: '371702005000', level: 'township' as const, name: '牡丹街道' },
  { code: '371702005001', level: 'village' as const, name: '赵楼社区' },
];

describe('the demo departments', () => {
  const all = demoDepartments(UNITS);

  it('gives every center its departments, numbered within the center, and villages none', () => {
    for (const d of all) expect(d.code.slice(0, 12)).toBe(d.centerUnitCode);
    expect(all.filter((d) => d.centerUnitCode === '371702005001')).toEqual([]);
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
    expect(all.find((d) => d.centerUnitCode === '371702005000')?.code).toBe('37170200500001');
  });

  it('hosts the court, police, justice and petitions at every level, resident or rotating', () => {
    for (const unit of UNITS.slice(0, 3)) {
      const kinds = all.filter((d) => d.centerUnitCode === unit.code).map((d) => d.kind);
      expect(kinds).toEqual(expect.arrayContaining(['court', 'police', 'justice', 'petitions']));
    }
  });

  it('names them as a center names its departments', () => {
    const names = all.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '菏泽市中级人民法院',
        '牡丹区公安分局',
        '牡丹派出所',
        '牡丹司法所',
        '牡丹区住房和城乡建设局',
      ]),
    );
  });

  it('uses only kinds of the vocabulary, and a stable desk telephone', () => {
    for (const d of all) expect(DEPARTMENT_KINDS).toContain(d.kind);
    expect(demoDepartments(UNITS)).toEqual(all);
    for (const d of all) expect(d.contact).toMatch(/^0530-\d{7}$/);
  });
});
