/**
 * Binary map feeds (Arrow IPC streams, server/src/domain/feed-columns.ts) turned into what deck.gl
 * binary attributes take: the Float32 lon/lat offsets and the Int8 codes as they lie in the
 * stream (views, no copy), per-row colours and weights computed once from the codes, and report
 * times as Float32 minutes for the GPU time filter. Pure: no WebGL, no deck.gl, so it is tested
 * in Node.
 */
import type { DictionaryValue } from '../../../server/src/domain/feed-columns.js';
import { decodeFeed } from '../../../server/src/domain/feed-decode.js';
import type { Rgb } from '../theme/palette.js';

export interface CodedColumn {
  values: Uint8Array;
  dictionary: readonly DictionaryValue[];
}

/** One point layer's rows, ready for binary attributes. */
export interface PointFeed {
  layer: string;
  rows: number;
  /** lon/lat of value 0, for coordinateSystem 'lnglat-offsets'. */
  origin: [number, number];
  /** Interleaved lon/lat offsets in degrees from `origin`. */
  positions: Float32Array;
  codes: Record<string, CodedColumn>;
  /** Report times as minutes since `epochMs` (exact in Float32 for 31 years), when the feed has them. */
  minutes: Float32Array | null;
  epochMs: number;
}

/** Reads a feed's bytes into a {@link PointFeed}; throws when it is not a point feed. */
export function toPointFeed(bytes: ArrayBuffer): PointFeed {
  const feed = decodeFeed(bytes);
  const position = feed.columns.get('position');
  if (position?.kind !== 'position') throw new Error(`feed ${feed.layer} has no column "position"`);
  const codes: Record<string, CodedColumn> = {};
  let minutes: Float32Array | null = null;
  let epochMs = 0;
  for (const [name, column] of feed.columns) {
    if (column.kind === 'code') codes[name] = { values: column.values, dictionary: column.dictionary };
    if (column.kind === 'time' && column.unit === 'minute') {
      minutes = Float32Array.from(column.values);
      epochMs = Date.parse(column.epoch);
    }
  }
  return {
    layer: feed.layer,
    rows: feed.rows,
    origin: position.origin,
    positions: position.values,
    codes,
    minutes,
    epochMs,
  };
}

/** RGBA per row from a coded column and a colour per value; values without a colour get `fallback`. */
export function colorsByCode(
  column: CodedColumn,
  colors: Readonly<Record<string, Rgb>>,
  alpha = 255,
  fallback: Rgb = [128, 128, 128],
): Uint8Array {
  const byCode = column.dictionary.map((v) => colors[String(v)] ?? fallback);
  const out = new Uint8Array(column.values.length * 4);
  for (let i = 0; i < column.values.length; i++) {
    const c = byCode[column.values[i]!] ?? fallback;
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = alpha;
  }
  return out;
}

/** 1 where the row's value passes `test`, else 0 (weights for aggregation). */
export function weightsWhere(column: CodedColumn, test: (value: DictionaryValue) => boolean): Float32Array {
  const byCode = column.dictionary.map((v) => (test(v) ? 1 : 0));
  const out = new Float32Array(column.values.length);
  for (let i = 0; i < column.values.length; i++) out[i] = byCode[column.values[i]!] ?? 0;
  return out;
}

/** The numeric value of each row's code (risk levels 1..4), for filtering on the GPU. */
export function numbersByCode(column: CodedColumn): Float32Array {
  const byCode = column.dictionary.map((v) => Number(v));
  const out = new Float32Array(column.values.length);
  for (let i = 0; i < column.values.length; i++) out[i] = byCode[column.values[i]!] ?? Number.NaN;
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Report days for the GPU time filter: whole calendar days (in the display zone) since the day
 * of the feed's epoch. Small integers on purpose: exact even where a shader works in half
 * precision (values like minutes since a year ago are not), and the wall's windows and playback
 * are whole days anyway. `base` is the instant day 0 begins. (Exact for zones without daylight
 * saving, such as Asia/Shanghai.)
 */
export interface ReportDays {
  base: number;
  days: Float32Array;
}

export function reportDays(
  feed: Pick<PointFeed, 'epochMs' | 'minutes' | 'rows'>,
  dayStart: (at: Date) => Date,
): ReportDays {
  const base = dayStart(new Date(feed.epochMs)).getTime();
  const days = new Float32Array(feed.rows);
  if (feed.minutes) {
    for (let i = 0; i < feed.rows; i++)
      days[i] = Math.floor((feed.epochMs + feed.minutes[i]! * 60_000 - base) / DAY_MS);
  }
  return { base, days };
}

/**
 * The indexes of the rows whose value lies in `range` (inclusive), ascending; null when every row
 * does. A layer given only these rows spares the renderer the rest (a software renderer shades
 * every row's vertices, filtered or not).
 */
export function rowsWithin(values: Float32Array, [from, to]: readonly [number, number]): Uint32Array | null {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! >= from && values[i]! <= to) kept++;
  if (kept === values.length) return null;
  const rows = new Uint32Array(kept);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i]! >= from && values[i]! <= to) rows[k++] = i;
  return rows;
}

/** The entries of `rows` from an array of `size` numbers a row, in that order. */
export function gatherRows<T extends Float64Array | Float32Array | Uint8Array>(
  array: T,
  size: number,
  rows: Uint32Array,
): T {
  const out = new (array.constructor as new (length: number) => T)(rows.length * size);
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k]! * size;
    for (let j = 0; j < size; j++) out[k * size + j] = array[from + j]!;
  }
  return out;
}

/** Day indexes (inclusive) of the whole days in [from, to), for filterRange. */
export function dayRange(base: number, from: Date, to: Date): [number, number] {
  return [Math.round((from.getTime() - base) / DAY_MS), Math.round((to.getTime() - base) / DAY_MS) - 1];
}

/** The row's position in degrees. */
export function rowPosition(feed: PointFeed, i: number): [number, number] {
  return [feed.origin[0] + feed.positions[2 * i]!, feed.origin[1] + feed.positions[2 * i + 1]!];
}

/** The row's value of a coded column, or undefined. */
export function rowCode(feed: PointFeed, name: string, i: number): DictionaryValue | undefined {
  const column = feed.codes[name];
  return column ? column.dictionary[column.values[i]!] : undefined;
}

/** The row's report time, or null for a feed without times. */
export function rowTime(feed: PointFeed, i: number): Date | null {
  return feed.minutes ? new Date(feed.epochMs + feed.minutes[i]! * 60_000) : null;
}
