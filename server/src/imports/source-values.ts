/**
 * Attribute values as desktop GIS files carry them, made into the text the row checks read.
 * The Shapefile reader gives a dBASE date (D) field as a Date, a logical (L) field as a boolean;
 * GDAL writes a date-time it has to store as text (a Shapefile string field made with
 * `-fieldTypeToString DateTime`, a CSV column) as "YYYY/MM/DD HH:MM:SS[.sss]+HH[MM]". Each is
 * turned into the form an import accepts at read time, so every format meets one set of checks.
 * Pure.
 */

/** GDAL's text form of a date-time with its offset (OGRFeature::GetFieldAsString). */
const GDAL_DATE_TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}(?:\.\d{1,3})?)([+-])(\d{2})(\d{2})?$/;

/**
 * A GDAL date-time text as ISO 8601 with its offset, or null when the text is not one. Without
 * an offset GDAL's text is a local time with no zone; that stays as it is, for the row checks
 * to read as Beijing time like any register's.
 */
export function isoOfGdalDateTime(text: string): string | null {
  const m = GDAL_DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${oh}:${om ?? '00'}`;
}

const BLANK_DBASE_DATE = new Date(0, -1, 0);

/** What a reader noticed while normalising: the fields that held dBASE dates (no time of day). */
export interface ValueNotes {
  dateFields: Set<string>;
}

/**
 * One attribute value as an import reads it: a dBASE date as "YYYY-MM-DD" (the reader built it
 * at local midnight, so local parts give the day written), a logical as "true" / "false", a GDAL
 * date-time text as ISO 8601; anything else unchanged.
 */
export function normaliseSourceValue(field: string, value: unknown, notes: ValueNotes): unknown {
  if (value instanceof Date) {
    // A blank date ("        " or "00000000") comes out of the reader as day 0 of month 0 of
    // year 0, which JavaScript rolls back to 1899-11-29: no register holds that day.
    if (Number.isNaN(value.getTime()) || value.getTime() === BLANK_DBASE_DATE.getTime()) return null;
    notes.dateFields.add(field);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return isoOfGdalDateTime(value.trim()) ?? value;
  return value;
}

/** Every value of a record's properties normalised (a new object). */
export function normaliseProperties(props: Record<string, unknown>, notes: ValueNotes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(props)) out[field] = normaliseSourceValue(field, value, notes);
  return out;
}

/** The report's note for fields that were dBASE dates: they hold no time of day. */
export function dateFieldsNote(notes: ValueNotes): string | null {
  if (notes.dateFields.size === 0) return null;
  const names = [...notes.dateFields].join(', ');
  return (
    `${names}: dBASE date fields hold no time of day; read as 00:00 Beijing time on that date. ` +
    'To keep the times, convert with ogr2ogr -fieldTypeToString DateTime (see docs/importing.md)'
  );
}
