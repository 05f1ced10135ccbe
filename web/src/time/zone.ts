/**
 * Dates and times in the display time zone (the server's, see display-zone.ts), whatever the
 * clock of the machine driving the screen is set to. Pure functions of instants; "today" and day
 * windows are calendar days in that zone.
 */
import { zonedFields } from '../../../server/src/domain/zoned-time.js';

/** The zone shown until the server says which, and when it does not: the product's home zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether `name` is an IANA time zone this browser knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export const DAY_MS = 86_400_000;

/** The wall-clock fields of an instant in the zone (shared with the server's exports). */
export { zonedFields };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD of the instant's calendar day in the zone. */
export function dayKey(at: Date, timeZone: string): string {
  const f = zonedFields(at, timeZone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

/** HH:MM in the zone. */
export function formatHourMinute(at: Date, timeZone: string): string {
  const f = zonedFields(at, timeZone);
  return `${pad(f.hour)}:${pad(f.minute)}`;
}

/** HH:MM:SS in the zone. */
export function formatClock(at: Date, timeZone: string): string {
  const f = zonedFields(at, timeZone);
  return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const f = zonedFields(at, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in the zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Twice, so a day that starts next to an offset change still lands on its own midnight.
  let guess = utcMidnight - offsetMs(new Date(utcMidnight), timeZone);
  guess = utcMidnight - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The calendar day `days` after (or before, when negative) the given one. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Date line for the header, e.g. 2026年6月30日 星期二 / Tue, 30 Jun 2026. */
export function formatLongDate(at: Date, timeZone: string, language: 'zh' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: language === 'zh' ? 'long' : 'short',
    day: 'numeric',
    weekday: language === 'zh' ? 'long' : 'short',
  }).format(at);
}

/** Date and time of a record, e.g. 2026-06-30 09:15. */
export function formatDateTime(at: Date, timeZone: string): string {
  return `${dayKey(at, timeZone)} ${formatHourMinute(at, timeZone)}`;
}
