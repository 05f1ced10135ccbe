/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads the
 * file as GBK and the names come out garbled), CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, and cells that a spreadsheet would run as a formula defused.
 */
export type Cell = string | number | null | undefined;

export const BOM = '\uFEFF';

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // =, +, - or @ at the start of text is a formula to Excel (CSV injection); numbers stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name without characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
