/**
 * Index periods as the screens offer them: the closed periods to choose from, the window of a
 * 12-period trend, labels. The calendar itself is the server's (server/src/domain/index/periods.ts,
 * pure), so a period here is exactly the period the server published.
 */
import {
  lastClosedPeriod,
  periodStartingOn,
  previousPeriod,
  type Period,
  type PeriodKind,
} from '../../../server/src/domain/index/periods.js';

export { PERIOD_KINDS, periodStartingOn, previousPeriod } from '../../../server/src/domain/index/periods.js';
export type { Period, PeriodKind } from '../../../server/src/domain/index/periods.js';

/** The `count` most recent closed periods of `kind` at `now`, newest first. */
export function recentPeriods(kind: PeriodKind, now: Date, count = 12): Period[] {
  const out = [lastClosedPeriod(kind, now)];
  while (out.length < count) out.push(previousPeriod(out.at(-1)!));
  return out;
}

/** `count` periods ending with `last`, oldest first. */
export function periodsEndingWith(last: Period, count = 12): Period[] {
  const out = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** The [from, to) window of the `count` periods ending with `last` (for stabilityIndexHistory). */
export function trendWindow(last: Period, count = 12): { from: string; to: string } {
  return { from: periodsEndingWith(last, count)[0]!.startAt.toISOString(), to: last.endAt.toISOString() };
}

/** The `at` argument that names a period (its first instant). */
export const periodAt = (p: Period): string => p.startAt.toISOString();

/** ISO week number of a week period (its Thursday decides the year). */
export function isoWeek(p: Period): { year: number; week: number } {
  const thursday = new Date(Date.parse(`${p.start}T00:00:00Z`) + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1 };
}

/** How a period is named on screen: 2026-05-15 / 2026年第20周 / 2026年5月 (or English). */
export function periodLabel(p: Period, language: 'zh' | 'en'): string {
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  if (p.kind === 'day') return p.start;
  if (p.kind === 'month') {
    return language === 'zh'
      ? `${y}年${m}月`
      : new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  const { year, week } = isoWeek(p);
  const span = `${p.start.slice(5)}–${p.end.slice(5)}`;
  return language === 'zh' ? `${year}年第${week}周（${span}）` : `${year} W${week} (${span})`;
}

/** A short label for chart axes: 05-15, W20, 5月 / May. */
export function periodTick(p: Period, language: 'zh' | 'en'): string {
  if (p.kind === 'day') return p.start.slice(5);
  if (p.kind === 'week') return `W${isoWeek(p).week}`;
  const m = Number(p.start.slice(5, 7));
  return language === 'zh'
    ? `${m}月`
    : new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
}

/** The period of `kind` whose first day is `start`, or the fallback when `start` names none. */
export function periodOr(kind: PeriodKind, start: string | null, fallback: Period): Period {
  return (start && periodStartingOn(kind, start)) || fallback;
}
