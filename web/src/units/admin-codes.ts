/** What a 12-digit admin code says about its unit: its level, and the prefix of everything inside it. Pure. */

export type UnitLevel = 'city' | 'county' | 'township' | 'village';

/** The level of the unit a 12-digit admin code names, read from its zero padding. */
export function levelOfCode(code: string): UnitLevel {
  if (code.endsWith('00000000')) return 'city';
  if (code.endsWith('000000')) return 'county';
  if (code.endsWith('000')) return 'township';
  return 'village';
}

const DIGITS: Record<UnitLevel, number> = { city: 4, county: 6, township: 9, village: 12 };

/** The prefix every code inside the unit starts with. */
export function prefixOfCode(code: string): string {
  return code.slice(0, DIGITS[levelOfCode(code)]);
}
