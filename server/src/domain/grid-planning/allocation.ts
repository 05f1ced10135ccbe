/**
 * What a new partition inherits from the old one: serials for new grids, and households and
 * population carried over by area. Pure.
 */
import { err, ok, type Result } from '../result.js';

/**
 * Codes for `count` new grids of a village: serials after the highest ever used, so that a retired
 * code is never given to a different territory (history and old case records keep meaning what
 * they meant). Only when 999 is taken do the lowest never-used serials follow.
 */
export function allocateGridCodes(
  villageCode: string,
  everUsedCodes: Iterable<string>,
  count: number,
): Result<string[], { message: string }> {
  const used = new Set<number>();
  for (const code of everUsedCodes) {
    if (code.startsWith(villageCode) && code.length === 15) used.add(Number(code.slice(12)));
  }
  const codes: string[] = [];
  const take = (serial: number) => {
    used.add(serial);
    codes.push(villageCode + String(serial).padStart(3, '0'));
  };
  let next = Math.max(0, ...used) + 1;
  while (codes.length < count && next <= 999) take(next++);
  for (let serial = 1; codes.length < count && serial <= 999; serial++) if (!used.has(serial)) take(serial);
  if (codes.length < count) {
    return err({ message: `village ${villageCode} has no free grid serial left (001–999 all used)` });
  }
  return ok(codes);
}

/** The area one old grid shares with one new grid. */
export interface Overlap {
  oldCode: string;
  newIndex: number;
  areaSquareMeters: number;
}

/**
 * Carries each old grid's count (households, population) to the new grids in proportion to the
 * area they take from it, by largest remainder, so the village total is kept exactly. Area is the
 * best estimate without household locations; the planner may override it per grid.
 */
export function apportionByArea(
  oldCounts: ReadonlyMap<string, number>,
  overlaps: readonly Overlap[],
  newGridCount: number,
): number[] {
  const result = new Array<number>(newGridCount).fill(0);
  const byOld = new Map<string, Overlap[]>();
  for (const o of overlaps) {
    if (o.areaSquareMeters <= 0) continue;
    const list = byOld.get(o.oldCode) ?? [];
    list.push(o);
    byOld.set(o.oldCode, list);
  }
  for (const [code, list] of byOld) {
    const total = oldCounts.get(code) ?? 0;
    const area = list.reduce((s, o) => s + o.areaSquareMeters, 0);
    const shares = list.map((o) => {
      const exact = (total * o.areaSquareMeters) / area;
      return { index: o.newIndex, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
    });
    let left = total - shares.reduce((s, x) => s + x.whole, 0);
    for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.index - b.index)) {
      if (left <= 0) break;
      s.whole += 1;
      left -= 1;
    }
    for (const s of shares) result[s.index]! += s.whole;
  }
  return result;
}

/**
 * Households that end up under another code: what each old grid gives to new grids other than
 * the one keeping its code.
 */
export function householdsMoved(
  oldCounts: ReadonlyMap<string, number>,
  overlaps: readonly Overlap[],
  newCodes: readonly string[],
): number {
  const perPair = new Map<string, number[]>();
  for (const [code] of oldCounts) {
    const shares = apportionByArea(
      new Map([[code, oldCounts.get(code)!]]),
      overlaps.filter((o) => o.oldCode === code),
      newCodes.length,
    );
    perPair.set(code, shares);
  }
  let moved = 0;
  for (const [code, shares] of perPair) {
    shares.forEach((n, index) => {
      if (newCodes[index] !== code) moved += n;
    });
  }
  return moved;
}
