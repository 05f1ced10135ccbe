/** Pure preparation of chart data: gaps filled, ranks and rates computed, ticks chosen. */
import { addDays } from '../time/zone.js';

export interface DayValue {
  day: string;
  count: number;
  open: number;
}

/** One value per calendar day from `firstDay` for `days` days; days without cases count 0. */
export function fillDays(
  buckets: readonly { key: string; count: number; open?: number }[],
  firstDay: string,
  days: number,
): DayValue[] {
  const byDay = new Map(buckets.map((b) => [b.key, b]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(firstDay, i);
    const b = byDay.get(day);
    return { day, count: b?.count ?? 0, open: b?.open ?? 0 };
  });
}

export interface Ranked {
  code: string;
  name: string;
  count: number;
  /** Cases per 10,000 residents. */
  rate: number;
}

/** The units with the most cases per 10,000 residents (units without residents are left out). */
export function rankByRate(
  counts: readonly { key: string; count: number }[],
  units: readonly { code: string; name: string; population: number }[],
  top = 10,
): Ranked[] {
  const byCode = new Map(counts.map((c) => [c.key, c.count]));
  return units
    .filter((u) => u.population > 0)
    .map((u) => {
      const count = byCode.get(u.code) ?? 0;
      return { code: u.code, name: u.name, count, rate: (count / u.population) * 10_000 };
    })
    .filter((r) => r.count > 0)
    .sort((a, b) => b.rate - a.rate || b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, top);
}

/** Buckets in the order of a vocabulary, zeros included, so bars keep their places between refreshes. */
export function inVocabularyOrder(
  buckets: readonly { key: string; count: number }[],
  vocabulary: readonly string[],
): { key: string; count: number }[] {
  const byKey = new Map(buckets.map((b) => [b.key, b.count]));
  return vocabulary.map((key) => ({ key, count: byKey.get(key) ?? 0 }));
}

/**
 * The first `fit` rows of a list longest first, the rest folded into one last row (`rest` the
 * number folded) when they would not all fit: a panel shows whole rows, never half of one.
 */
export function foldRest(
  sorted: readonly { key: string; count: number }[],
  fit: number,
): { key: string; count: number; rest?: number }[] {
  if (sorted.length <= fit) return [...sorted];
  // Room for one row or none: folding would leave no category named.
  if (fit < 2) return sorted.slice(0, Math.max(fit, 0));
  const rest = sorted.slice(fit - 1);
  return [
    ...sorted.slice(0, fit - 1),
    { key: 'rest', count: rest.reduce((n, b) => n + b.count, 0), rest: rest.length },
  ];
}

/** Mean per day over the days before the last one (the "usual" day to compare today with). */
export function averageBeforeLast(values: readonly DayValue[]): number {
  const before = values.slice(0, -1);
  return before.length === 0 ? 0 : before.reduce((s, v) => s + v.count, 0) / before.length;
}
