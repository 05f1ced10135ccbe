/**
 * One CSV cell, the same in every CSV we write (the server's exports, the web app's tables) and
 * read back by our importer. Pure; shared by server and browser.
 *
 * Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, WPS
 * and LibreOffice (CSV injection: `=HYPERLINK(…)` in a name runs when the file is opened), so it
 * gets a leading `'` (OWASP's advice), which spreadsheets show as text. Text that already starts
 * with quotes before such a character gets one more, so that reading drops exactly one and every
 * text comes back as it was. Numbers are not text: -3 stays a number a spreadsheet can sum.
 */

export type CsvCellValue = string | number | null | undefined;

const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED_START = /^'+[=+\-@\t\r]/;

/** The cell as written: empty for no value (or a number that is not finite), guarded and quoted per RFC 4180. */
export function csvCell(value: CsvCellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell's text as read (after CSV unquoting) back to what was written: the formula guard dropped. */
export function unguardCsvCell(text: string): string {
  return GUARDED_START.test(text) ? text.slice(1) : text;
}
