/**
 * Instants written with the offset of a time zone, so that a file read by people in a command
 * center says 09:00+08:00 rather than 01:00Z, while every reader still gets the same instant. Pure.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** `at` as ISO 8601 with milliseconds and the offset `timeZone` has at that instant (`…+08:00`). */
export function isoInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const [y, mo, d, h, mi, s] = (['year', 'month', 'day', 'hour', 'minute', 'second'] as const).map(get) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = at.getUTCMilliseconds();
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s, ms) - at.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}${offset}`;
}
