/** Assertions of the jurisdiction matrix: every code that comes back lies inside. */
import { expect } from 'vitest';
import { jurisdictionPrefix } from '../../src/auth/jurisdiction.js';
import type { GraphQLResponse } from '../api.js';

/** Fields that name a place on the map (camera ids are GB/T 28181 device ids and name none). */
const PLACE_KEYS = new Set([
  'code',
  'targetCode',
  'unitCode',
  'centerUnitCode',
  'gridCode',
  'villageCode',
  'caseCode',
  'fromGridCode',
  'toGridCode',
]);
/** Fields that may name a unit above the jurisdiction: a parent, a bucket of a coarser grouping. */
const ANCESTOR_KEYS = new Set(['parentCode', 'key']);

function isAncestor(code: string, prefix: string): boolean {
  try {
    return prefix.startsWith(jurisdictionPrefix(code));
  } catch {
    return false; // not an admin unit code
  }
}

/** Every place code anywhere in `value` (with its path), for the matrix to check. */
export function placeCodes(value: unknown, path = ''): { path: string; key: string; code: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => placeCodes(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    if (typeof v === 'string' && /^\d{12}/.test(v) && (PLACE_KEYS.has(key) || ANCESTOR_KEYS.has(key))) {
      return [{ path: here, key, code: v }];
    }
    return placeCodes(v, here);
  });
}

/** Every place code in `value` is inside `prefix` (or, for a parent or bucket key, above it). */
export function expectAllInside(value: unknown, prefix: string): void {
  const outside = placeCodes(value).filter(
    ({ key, code }) => !code.startsWith(prefix) && !(ANCESTOR_KEYS.has(key) && isAncestor(code, prefix)),
  );
  expect(outside, `codes outside ${prefix}`).toEqual([]);
}

/** A GraphQL answer without errors; its data. */
export function dataOf<T = any>(res: GraphQLResponse<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/**
 * Nothing came back: refused (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT) with no data, or an empty
 * answer (null, [], totalCount 0), and no code of outside anywhere in it.
 */
export function expectNothing(res: GraphQLResponse<any>, field: string, prefix: string): void {
  if (res.errors) {
    const codes = res.errors.map((e) => e.extensions?.code);
    expect(
      codes.every((c) => ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(String(c))),
      String(codes),
    ).toBe(true);
    expect(res.data?.[field] ?? null).toBeNull();
    return;
  }
  const value = res.data![field];
  expectAllInside(value, prefix);
  if (value === null || Array.isArray(value)) expect(value ?? []).toEqual([]);
  else if ('totalCount' in value) {
    expect(value.totalCount).toBe(0);
    expect(value.edges).toEqual([]);
  } else throw new Error(`${field}: cannot tell whether ${JSON.stringify(value).slice(0, 200)} is empty`);
}
