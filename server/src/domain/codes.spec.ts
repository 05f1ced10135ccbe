import { describe, expect, it } from 'vitest';
import {
  adminLevelOfCode,
  cameraId,
  cameraIdProblem,
  caseCode,
  gridCode,
  isCaseCode,
  isGridCode,
  parentAdminCode,
} from './codes.js';

describe('administrative codes', () => {
  it('reads the level from the zero padding', () => {
    expect(adminLevelOfCode('371700000000')).toBe('city');
    expect(adminLevelOfCode('371702000000')).toBe('county');
    expect(adminLevelOfCode('371702001000')).toBe('township');
    expect(adminLevelOfCode('371702001001')).toBe('village');
  });

  it('rejects codes of the wrong length, with letters, or with a part under a zero part', () => {
    expect(adminLevelOfCode('37170200100')).toBeNull();
    expect(adminLevelOfCode('37170200100a')).toBeNull();
    expect(adminLevelOfCode('371700001000')).toBeNull();
    expect(adminLevelOfCode('371702000001')).toBeNull();
  });

  it('finds the parent one level up', () => {
    expect(parentAdminCode('371702001001')).toBe('371702001000');
    expect(parentAdminCode('371702001000')).toBe('371702000000');
    expect(parentAdminCode('371702000000')).toBe('371700000000');
    expect(parentAdminCode('371700000000')).toBeNull();
  });
});

describe('grid codes', () => {
  it('appends a three-digit serial to the village code', () => {
    expect(gridCode('371702001001', 7)).toBe('371702001001007');
    expect(isGridCode('371702001001007')).toBe(true);
  });

  it('rejects serial zero and codes built on a township', () => {
    expect(isGridCode('371702001001000')).toBe(false);
    expect(isGridCode('371702001000001')).toBe(false);
    expect(() => gridCode('371702001000', 1)).toThrow(/village code/);
  });
});

describe('GB/T 28181 camera ids', () => {
  it('builds the documented example layout', () => {
    const id = cameraId({ centre: '34020000', industry: '00', deviceType: '132', network: '5', serial: 101 });
    expect(id).toBe('34020000001325000101');
  });

  it('explains what is wrong with a malformed id', () => {
    expect(cameraIdProblem('3402000000132000010')).toMatch(/20 digits/);
    expect(cameraIdProblem('34020000001180000101')).toMatch(/camera type/);
    expect(cameraIdProblem('34020000001322000101')).toMatch(/network code/);
    expect(cameraIdProblem('34020000001325000101')).toBeNull();
  });
});

describe('case codes', () => {
  it('joins village, day and serial', () => {
    const code = caseCode('371702001001', '2026-03-14', 12);
    expect(code).toBe('371702001001202603140012');
    expect(isCaseCode(code)).toBe(true);
  });

  it('rejects a malformed day', () => {
    expect(() => caseCode('371702001001', '2026-3-14', 1)).toThrow(/YYYY-MM-DD/);
  });
});
