/**
 * Sensitivity of a ranking to the weights (OECD/JRC step 7): re-score every unit with one weight
 * raised or lowered by a share and the weights renormalised, and report how far ranks move. A
 * ranking whose top and bottom hold under ±20 % on every weight can be published with some
 * confidence; one that reshuffles says the weights decide more than the data.
 */
import { aggregate } from './score.js';
import type { IndicatorKey, WeightsConfig } from './weights.js';

export interface UnitNormalised {
  code: string;
  normalised: ReadonlyMap<IndicatorKey, number | null>;
}

export interface RankShift {
  indicator: IndicatorKey;
  /** +0.2: the weight raised by 20 % (then all weights rescaled to sum to 1). */
  change: number;
  meanAbsoluteShift: number;
  maxAbsoluteShift: number;
  /** The unit that moved most (first in code order on a tie), null when none moved. */
  mostMoved: string | null;
}

/** Ranks 1..n by score descending, ties broken by code so the order is total. */
export function rankByScore(scores: ReadonlyMap<string, number>): Map<string, number> {
  const ordered = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Map(ordered.map(([code], i) => [code, i + 1]));
}

function scoresWith(units: readonly UnitNormalised[], config: WeightsConfig): Map<string, number> {
  const scores = new Map<string, number>();
  for (const unit of units) {
    const result = aggregate(unit.normalised, config.indicators, config.bands);
    if (result) scores.set(unit.code, result.score);
  }
  return scores;
}

export function weightSensitivity(units: readonly UnitNormalised[], config: WeightsConfig, share = 0.2): RankShift[] {
  const baseRanks = rankByScore(scoresWith(units, config));
  const shifts: RankShift[] = [];
  for (const target of config.indicators) {
    for (const change of [share, -share]) {
      const raised = config.indicators.map((s) =>
        s.key === target.key ? { ...s, weight: s.weight * (1 + change) } : s,
      );
      const total = raised.reduce((a, s) => a + s.weight, 0);
      const perturbed = { ...config, indicators: raised.map((s) => ({ ...s, weight: s.weight / total })) };
      const ranks = rankByScore(scoresWith(units, perturbed));
      let sum = 0;
      let max = 0;
      let mostMoved: string | null = null;
      for (const [code, rank] of baseRanks) {
        const moved = Math.abs((ranks.get(code) ?? rank) - rank);
        sum += moved;
        if (moved > max) [max, mostMoved] = [moved, code];
      }
      shifts.push({
        indicator: target.key,
        change,
        meanAbsoluteShift: baseRanks.size ? sum / baseRanks.size : 0,
        maxAbsoluteShift: max,
        mostMoved,
      });
    }
  }
  return shifts;
}
