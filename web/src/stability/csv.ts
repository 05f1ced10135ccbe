/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads the
 * file as GBK and the names come out garbled), CRLF line ends, and each cell as the server's
 * exports write it (quoted when needed, formulas in text defused; see csv-cell.ts).
 */
import { csvCell, type CsvCellValue } from '../../../server/src/domain/csv-cell.js';

export type Cell = CsvCellValue;

export const BOM = '\uFEFF';

/** One cell of a table; the rule lives in the shared csv-cell.ts. */
export const csvField = csvCell;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name without characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
