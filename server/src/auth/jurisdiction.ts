/**
 * Record-level access by territory: a user's jurisdiction is one 12-digit admin unit code of any
 * level, and it covers every code that starts with the unit's significant prefix. Grid codes,
 * case codes and risk point ids all start with their village code, so one prefix test serves
 * them all; cameras are checked by their grid code (their GB/T 28181 id carries only an 8-digit
 * centre code, too coarse for a township or village).
 */
import { adminLevelOfCode, isProvinceCode } from '../domain/codes.js';
import type { AdminLevel } from '../domain/vocabulary.js';

import type { Result } from '../domain/result.js';

/** Digits that identify a unit at each level; the rest of its code is zero padding. */
const SIGNIFICANT_DIGITS: Readonly<Record<AdminLevel, number>> = {
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/**
 * The prefix every code inside the unit starts with: 370000000000 (a province) → '37',
 * 371700000000 → '3717',
 * 371702005000 → '371702005'. Throws on a malformed code, because a jurisdiction comes from
 * the users table and a bad one is a data error, not a request to refuse quietly.
 */
export function jurisdictionPrefix(code: string): string {
  if (isProvinceCode(code)) return code.slice(0, 2);
  const level = adminLevelOfCode(code);
  if (level === null) throw new Error(`jurisdiction must be a 12-digit admin unit or province code, got "${code}"`);
  return code.slice(0, SIGNIFICANT_DIGITS[level]);
}

/** A code of anything on the map begins with a 12-digit admin code; shorter strings name nothing. */
const STARTS_WITH_ADMIN_CODE = /^\d{12}/;

/** Whether `someCode` (admin unit, grid, case or risk point code) lies inside the jurisdiction. */
export function coversCode(jurisdictionCode: string, someCode: string): boolean {
  const prefix = jurisdictionPrefix(jurisdictionCode);
  return STARTS_WITH_ADMIN_CODE.test(someCode) && someCode.startsWith(prefix);
}

/**
 * The unit a query should be limited to: the requested one when it is inside the jurisdiction,
 * the jurisdiction itself when nothing was requested. A request outside it (or a malformed one)
 * is refused rather than silently widened or narrowed, so the caller can say so.
 */
export function narrowToJurisdiction(
  jurisdictionCode: string,
  requestedUnitCode: string | null,
): Result<string, 'OUTSIDE_JURISDICTION'> {
  if (requestedUnitCode === null) {
    jurisdictionPrefix(jurisdictionCode); // fail loudly on a malformed jurisdiction here too
    return { ok: true, value: jurisdictionCode };
  }
  return coversCode(jurisdictionCode, requestedUnitCode)
    ? { ok: true, value: requestedUnitCode }
    : { ok: false, error: 'OUTSIDE_JURISDICTION' };
}

/** Whether `code` may be an account's jurisdiction: a unit of any level, or a province. */
export function isJurisdictionCode(code: string): boolean {
  return adminLevelOfCode(code) !== null || isProvinceCode(code);
}
