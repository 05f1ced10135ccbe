import { describe, expect, it } from 'vitest';
import { coversCode, jurisdictionPrefix, narrowToJurisdiction } from './jurisdiction.js';

const CITY = '371700000000';
const COUNTY = '371702000000';
const TOWNSHIP = '371702005000';
const VILLAGE = '371702005001';

describe('jurisdictionPrefix', () => {
  it.each([
    ['370000000000', '37'],
    [CITY, '3717'],
    [COUNTY, '371702'],
    [TOWNSHIP, '371702005'],
    [VILLAGE, '371702005001'],
  ])('takes the significant digits of %s', (code, prefix) => {
    expect(jurisdictionPrefix(code)).toBe(prefix);
  });

  it.each(['37170000000', '3717000000000', '37170000000x', '000000000000', '371700005000', ''])(
    'throws on the malformed code "%s"',
    (code) => {
      expect(() => jurisdictionPrefix(code)).toThrow(/12-digit admin unit or province code/);
    },
  );
});

describe('coversCode', () => {
  const grid = '371702005001003';
  const caseCode = '371702005001202603050007';
  const riskPoint = '371702005001R0012';

  it.each([CITY, COUNTY, TOWNSHIP, VILLAGE])('lets %s see a grid, a case and a risk point of the village', (unit) => {
    expect(coversCode(unit, grid)).toBe(true);
    expect(coversCode(unit, caseCode)).toBe(true);
    expect(coversCode(unit, riskPoint)).toBe(true);
  });

  it('covers the unit itself and the units below it', () => {
    expect(coversCode(COUNTY, COUNTY)).toBe(true);
    expect(coversCode(COUNTY, TOWNSHIP)).toBe(true);
    expect(coversCode(CITY, VILLAGE)).toBe(true);
  });

  it('does not cover the units above it', () => {
    expect(coversCode(COUNTY, CITY)).toBe(false);
    expect(coversCode(VILLAGE, TOWNSHIP)).toBe(false);
  });

  it('does not cover a neighbouring unit whose code shares leading digits', () => {
    expect(coversCode(COUNTY, '371703000000')).toBe(false);
    expect(coversCode(TOWNSHIP, '371702006001')).toBe(false);
    expect(coversCode(VILLAGE, '371702005002001')).toBe(false);
    // development zones have county codes of their own, side by side
    expect(coversCode('371771000000', '371772001001')).toBe(false);
  });

  it("lets a province's jurisdiction cover every city of the province and none of another", () => {
    expect(coversCode('370000000000', '371702005001')).toBe(true);
    expect(coversCode('370000000000', '370102000000')).toBe(true);
    expect(coversCode('370000000000', '410100000000')).toBe(false);
    expect(narrowToJurisdiction('370000000000', CITY)).toEqual({ ok: true, value: CITY });
    expect(narrowToJurisdiction(CITY, '370000000000')).toEqual({ ok: false, error: 'OUTSIDE_JURISDICTION' });
  });

  it('does not cover strings that are not codes, even when they start with the prefix', () => {
    expect(coversCode(CITY, '3717')).toBe(false);
    expect(coversCode(CITY, '371702')).toBe(false);
    expect(coversCode(CITY, '')).toBe(false);
  });
});

describe('narrowToJurisdiction', () => {
  it('uses the jurisdiction itself when no unit is requested', () => {
    expect(narrowToJurisdiction(COUNTY, null)).toEqual({ ok: true, value: COUNTY });
  });

  it('narrows to a requested unit inside the jurisdiction', () => {
    expect(narrowToJurisdiction(COUNTY, TOWNSHIP)).toEqual({ ok: true, value: TOWNSHIP });
  });

  it('refuses a unit outside the jurisdiction instead of widening the view', () => {
    expect(narrowToJurisdiction(TOWNSHIP, COUNTY)).toEqual({ ok: false, error: 'OUTSIDE_JURISDICTION' });
    expect(narrowToJurisdiction(TOWNSHIP, '371702006000')).toEqual({ ok: false, error: 'OUTSIDE_JURISDICTION' });
  });

  it('refuses a malformed request', () => {
    expect(narrowToJurisdiction(CITY, '3717')).toEqual({ ok: false, error: 'OUTSIDE_JURISDICTION' });
  });

  it('throws when the jurisdiction itself is malformed', () => {
    expect(() => narrowToJurisdiction('3717', null)).toThrow();
  });
});
