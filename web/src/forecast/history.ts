/** A grid's weekly history for its forecast drill-down (pure). */

const DAY_MS = 86_400_000;
/** China Standard Time has no daylight saving: a local day is a fixed offset from UTC. */
const OFFSET_MS = 8 * 3_600_000;

/**
 * Cases in each of the `weeks` ISO weeks (Monday keys, as caseStats groups by week) that end
 * before `to` or contain its last day, oldest first; a week without a bucket had no case.
 */
export function weeklySeries(buckets: readonly { key: string; count: number }[], to: Date, weeks = 12): number[] {
  const byWeek = new Map(buckets.map((b) => [b.key, b.count]));
  const lastDay = Math.floor((to.getTime() - 1 + OFFSET_MS) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before it.
  const lastMonday = lastDay - ((lastDay + 3) % 7);
  return Array.from({ length: weeks }, (_, i) => {
    const monday = lastMonday - 7 * (weeks - 1 - i);
    return byWeek.get(new Date(monday * DAY_MS).toISOString().slice(0, 10)) ?? 0;
  });
}
