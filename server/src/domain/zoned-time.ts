/**
 * Instants written with the offset of a time zone, so that a file read by people in a command
 * center says 09:00+08:00 rather than 01:00Z, while every reader still gets the same instant. Pure.
 */

const two = (n: number) => String(n).padStart(2, '0');

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in the zone. */
export function zonedFields(at: Date, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/** `at` as ISO 8601 with milliseconds and the offset `timeZone` has at that instant (`…+08:00`). */
export function isoInZone(at: Date, timeZone: string): string {
  const { year: y, month: mo, day: d, hour: h, minute: mi, second: s } = zonedFields(at, timeZone);
  const ms = at.getUTCMilliseconds();
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s, ms) - at.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}${offset}`;
}
