/**
 * How good a forecast was, against what happened: errors of the counts, how often the
 * intervals held, and how well the grids it flagged as hot caught the cases.
 *
 * PAI, the Prediction Accuracy Index (Chainey, Tompson & Uhlig 2008): the share of cases in the
 * flagged grids over the share of the area they cover. PEI, the Predictive Efficiency Index
 * (Hunt 2016): PAI over the best PAI any choice of the same area could have had, that is the
 * cases caught over the most cases that area could catch.
 */

/** Mean absolute error. */
export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkLengths(predicted, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(predicted[i]! - actual[i]!);
  return sum / actual.length;
}

/** Root mean squared error. */
export function rootMeanSquaredError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkLengths(predicted, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (predicted[i]! - actual[i]!) ** 2;
  return Math.sqrt(sum / actual.length);
}

/** Share of outcomes inside their interval [lower, upper], ends included. */
export function intervalCoverage(
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  actual: ArrayLike<number>,
): number {
  checkLengths(lower, actual);
  checkLengths(upper, actual);
  let held = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) held++;
  return held / actual.length;
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`skill: ${a.length} forecasts but ${b.length} outcomes`);
  if (b.length === 0) throw new Error('skill: no outcomes to score');
}

export interface HotSpotSkill {
  /** Grids flagged, their area over the total, and the cases they caught over all cases. */
  flagged: number;
  areaShare: number;
  hitRate: number;
  /** Null when nothing was flagged or nothing happened. */
  pai: number | null;
  pei: number | null;
}

/**
 * Flags grids in descending order of `scores` (ties by index) for as long as their area stays
 * within `share` of the total, and scores that choice against `actual` cases. The best
 * possible capture for PEI is the fractional-knapsack bound: grids by actual cases per area,
 * the last one counted by the part of it that fits, as if its cases were spread over it. On
 * equal-area grids this is Hunt's "best n cells"; in general it can only overstate the best,
 * so PEI never exceeds 1.
 */
export function hotSpotSkill(
  scores: ArrayLike<number>,
  actual: ArrayLike<number>,
  areas: ArrayLike<number>,
  share: number,
): HotSpotSkill {
  checkLengths(scores, actual);
  checkLengths(areas, actual);
  if (!(share > 0 && share <= 1)) throw new Error(`hotSpotSkill: area share must be in (0, 1], got ${share}`);
  const n = actual.length;
  let totalArea = 0;
  let totalCases = 0;
  for (let i = 0; i < n; i++) {
    if (!(areas[i]! > 0)) throw new Error(`hotSpotSkill: grid ${i} has area ${areas[i]}, must be positive`);
    totalArea += areas[i]!;
    totalCases += actual[i]!;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const budget = share * totalArea;
  let area = 0;
  let caught = 0;
  let flagged = 0;
  for (const i of order) {
    if (area + areas[i]! > budget * (1 + 1e-12)) break;
    area += areas[i]!;
    caught += actual[i]!;
    flagged++;
  }
  const areaShare = area / totalArea;
  const hitRate = totalCases > 0 ? caught / totalCases : 0;
  if (flagged === 0 || totalCases === 0) return { flagged, areaShare, hitRate, pai: null, pei: null };
  const best = bestCapture(actual, areas, area);
  return { flagged, areaShare, hitRate, pai: hitRate / areaShare, pei: best > 0 ? caught / best : null };
}

/** The most cases `area` could hold: grids by cases per area, the last one in part. */
function bestCapture(actual: ArrayLike<number>, areas: ArrayLike<number>, area: number): number {
  const order = Array.from({ length: actual.length }, (_, i) => i).sort(
    (a, b) => actual[b]! / areas[b]! - actual[a]! / areas[a]!,
  );
  let left = area;
  let cases = 0;
  for (const i of order) {
    if (left <= 0 || actual[i]! === 0) break;
    const take = Math.min(1, left / areas[i]!);
    cases += take * actual[i]!;
    left -= take * areas[i]!;
  }
  return cases;
}

/** Expected cases per unit area: the ranking a forecast flags hot spots by. */
export function perArea(values: ArrayLike<number>, areas: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: values.length }, (_, i) => values[i]! / areas[i]!);
}
