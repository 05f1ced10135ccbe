/**
 * The wall's time windows (today, 7, 30, 90, 365 days) as instants, and the day-by-day
 * playback inside a window. Windows are whole calendar days in the display zone ending with
 * today, so "7 days" means today and the six days before it.
 */
import { DAY_MS, addDays, dayKey, startOfDay } from './zone.js';

export const WINDOWS = ['today', 'd7', 'd30', 'd90', 'd365'] as const;
export type TimeWindow = (typeof WINDOWS)[number];

const DAYS: Record<TimeWindow, number> = { today: 1, d7: 7, d30: 30, d90: 90, d365: 365 };

export interface Range {
  /** Inclusive. */
  from: Date;
  /** Exclusive: the start of tomorrow. */
  to: Date;
}

/** The window ending with today (in the zone) as [from, to). */
export function windowRange(window: TimeWindow, now: Date, timeZone: string): Range {
  const today = dayKey(now, timeZone);
  return {
    from: startOfDay(addDays(today, 1 - DAYS[window]), timeZone),
    to: startOfDay(addDays(today, 1), timeZone),
  };
}

/** The calendar days of a window, oldest first. */
export function windowDayKeys(window: TimeWindow, now: Date, timeZone: string): string[] {
  const today = dayKey(now, timeZone);
  return Array.from({ length: DAYS[window] }, (_, i) => addDays(today, i + 1 - DAYS[window]));
}

/** Days of fading trail behind the playback day. */
export const PLAYBACK_TRAIL_DAYS = 3;

/**
 * What playback shows on a day: cases reported that day at full strength, and those of the few
 * days before fading in (DataFilterExtension's soft range), so hotspots can be seen moving.
 */
export function playbackRange(day: string, timeZone: string): { range: Range; soft: Range } {
  const dayStart = startOfDay(day, timeZone);
  const to = startOfDay(addDays(day, 1), timeZone);
  return {
    range: { from: startOfDay(addDays(day, -PLAYBACK_TRAIL_DAYS), timeZone), to },
    soft: { from: dayStart, to },
  };
}

/** The next day of playback, wrapping to the first day of the window. */
export function nextPlaybackDay(day: string | null, days: readonly string[]): string {
  if (days.length === 0) throw new Error('a window has at least one day');
  const i = day === null ? -1 : days.indexOf(day);
  return days[(i + 1) % days.length]!;
}

/** Whole days between two instants, rounded down (for "overdue by N days"). */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}
