/** The wall's units: which it ranks, whether the address's unit can be shown, the first screen's names. */
import { labelCharacters } from '../map/layers/labels.js';
import { levelOfCode, prefixOfCode } from '../units/admin-codes.js';

/** What the wall ranks by case rate: the level below the unit in focus, down to a village's grids. */
export type RankLevel = 'township' | 'village' | 'grid';

/**
 * The areas the wall ranks: townships for a city or county, villages for a township, and a
 * village's own grids for a village (its leaders' question is which of their grids, not how
 * they stand among their neighbours).
 */
export function rankingFor(code: string | null): { parent: string | null; level: RankLevel } {
  if (!code) return { parent: null, level: 'township' };
  const level = levelOfCode(code);
  if (level === 'township') return { parent: code, level: 'village' };
  if (level === 'village') return { parent: code, level: 'grid' };
  return { parent: null, level: 'township' };
}

/**
 * A grid's name as its own village's wall ranks it: without the village's name it starts with
 * (赵楼社区第5网格 → 第5网格), which every row would repeat and the narrow column would cut off.
 */
export function nameWithinVillage(gridName: string, villageName: string | undefined): string {
  if (!villageName || !gridName.startsWith(villageName) || gridName.length === villageName.length) return gridName;
  return gridName.slice(villageName.length);
}

export type UnitProblem = 'malformed' | 'unknown' | 'outside';

/**
 * What is wrong with the unit a wall's address names (`unit=`), or null when nothing is, or
 * nothing can be said yet: not a 12-digit code; no such unit among the places (once they are
 * known); outside the account's jurisdiction (once it is known).
 */
export function unitProblem(
  code: string,
  places: ReadonlyMap<string, unknown>,
  jurisdiction: string | null,
): UnitProblem | null {
  if (!/^\d{12}$/.test(code)) return 'malformed';
  if (places.size > 0 && !places.has(code)) return 'unknown';
  if (jurisdiction && !code.startsWith(prefixOfCode(jurisdiction))) return 'outside';
  return null;
}

/**
 * The characters of the place names the wall shows before anyone zooms in: every city, county and
 * township (the header, the labels at city zoom, the township ranking), and the villages of the
 * township whose villages the wall ranks. Their font files are asked for in one batch.
 */
export function firstScreenNames(
  places: readonly { code: string; name: string; level: string }[],
  focus: string | null,
): string {
  const level = focus ? levelOfCode(focus) : null;
  const township = focus && (level === 'township' || level === 'village') ? `${focus.slice(0, 9)}000` : null;
  const villagesOf = township ? prefixOfCode(township) : null;
  const shown = places.filter((p) => p.level !== 'village' || (villagesOf !== null && p.code.startsWith(villagesOf)));
  return labelCharacters(shown);
}
