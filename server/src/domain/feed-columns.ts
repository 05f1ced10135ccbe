/**
 * The binary map feeds as Apache Arrow IPC streams (media type
 * `application/vnd.apache.arrow.stream`): one schema message, one dictionary batch per coded
 * column, one record batch with every row. Any Arrow library reads them (docs/feeds.md); this
 * module builds the columns and writes the stream with flechette, feed-decode.ts reads it back
 * (in the browser too: no Node APIs here).
 *
 * Columns, all non-nullable:
 * - `position`: FixedSizeList<float32>[2], lon/lat offsets in degrees from the field metadata's
 *   `origin` (JSON `[lon, lat]`, Float64). Not GeoArrow points on purpose: GeoArrow coordinates
 *   are absolute Float64 (8 bytes more a row), while deck.gl takes these Float32 pairs as they
 *   lie in the stream (`COORDINATE_SYSTEM.LNGLAT_OFFSETS`, `coordinateOrigin: [...origin, 0]`).
 *   The origin is the centre of the rows' extent, so Float32 keeps them within 1.3 cm for
 *   offsets below 2° (a whole city); {@link positionColumn} refuses wider extents.
 * - coded columns: Dictionary<int8 → utf8 | int32 | bool> over the whole vocabulary (code i
 *   stands for `dictionary[i]`), so a feed's dictionaries do not depend on its rows.
 * - time columns: uint32 whole `unit`s (minute or day) since `epoch` (field metadata, ISO 8601,
 *   UTC midnight of the earliest row's day), floored; under 2^24 they stay exact as Float32,
 *   which is what deck.gl filter attributes use.
 * - `id` (only when asked for): utf8, every id of the layer's fixed length.
 *
 * Schema metadata: `layer` and `meta` (JSON: what the feed was asked for). Rows come in a stable
 * order (by id), so row i is the same object across columns; the same rows give the same bytes.
 */
import {
  Column,
  Endianness,
  Table,
  Version,
  batchType,
  bool,
  columnFromArray,
  dictionary,
  field,
  fixedSizeList,
  float32,
  int32,
  int8,
  tableToIPC,
  uint32,
  utf8,
  type DataType,
  type Field,
} from '@uwdata/flechette';

/** Media type of the feeds. */
export const FEED_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';

export type DictionaryValue = string | number | boolean;
export type TimeUnit = 'minute' | 'day';

/** One column to write, in the form it is stored. */
export type ColumnInput =
  | { name: string; kind: 'position'; origin: [number, number]; values: Float32Array }
  | { name: string; kind: 'code'; dictionary: readonly DictionaryValue[]; values: Uint8Array }
  | { name: string; kind: 'time'; epoch: string; unit: TimeUnit; values: Uint32Array }
  | { name: string; kind: 'text'; size: number; values: Uint8Array };

/** Codes are Int8 (signed indices are what Arrow recommends): at most 128 values. */
export const MAX_DICTIONARY = 128;

/** Positions further than this from the origin would lose more than ~1.3 cm in Float32. */
export const MAX_OFFSET_DEGREES = 2;

/** Schema and field metadata keys (docs/feeds.md lists them). */
export const META = { layer: 'layer', meta: 'meta', origin: 'origin', epoch: 'epoch', unit: 'unit' } as const;

const batchOf = (type: DataType, length: number, parts: Record<string, unknown>) => {
  const Batch = batchType(type);
  return new Batch({ length, nullCount: 0, type, validity: new Uint8Array(0), ...parts });
};

function dictionaryValues(name: string, values: readonly DictionaryValue[]): Column<unknown> {
  if (values.length > MAX_DICTIONARY) throw new Error(`column ${name}: dictionary over ${MAX_DICTIONARY} entries`);
  const type = values.every((v) => typeof v === 'string')
    ? utf8()
    : values.every((v) => typeof v === 'boolean')
      ? bool()
      : values.every((v) => Number.isInteger(v))
        ? int32()
        : null;
  if (!type) throw new Error(`column ${name}: dictionary values must be all strings, all integers or all booleans`);
  return columnFromArray(values as unknown[], type);
}

function toArrow(rows: number, c: ColumnInput): { field: Field; column: Column<unknown> } {
  const count = (size: number) => {
    if (c.values.length !== rows * size)
      throw new Error(`column ${c.name}: ${c.values.length} values for ${rows} rows`);
  };
  if (c.kind === 'position') {
    count(2);
    const child = field('xy', float32(), false);
    const type = fixedSizeList(child, 2);
    const xy = batchOf(child.type, rows * 2, { values: c.values });
    const metadata = new Map([[META.origin, JSON.stringify(c.origin)]]);
    return {
      field: field(c.name, type, false, metadata),
      column: new Column([batchOf(type, rows, { children: [xy] })]),
    };
  }
  if (c.kind === 'code') {
    count(1);
    const values = dictionaryValues(c.name, c.dictionary);
    const type = dictionary(values.type, int8());
    const codes = new Int8Array(c.values.buffer, c.values.byteOffset, c.values.length);
    const batch = batchOf(type, rows, { values: codes }) as unknown as { setDictionary(d: Column<unknown>): unknown };
    batch.setDictionary(values);
    return { field: field(c.name, type, false), column: new Column([batch as never]) };
  }
  if (c.kind === 'time') {
    count(1);
    const metadata = new Map([
      [META.epoch, c.epoch],
      [META.unit, c.unit],
    ]);
    return {
      field: field(c.name, uint32(), false, metadata),
      column: new Column([batchOf(uint32(), rows, { values: c.values })]),
    };
  }
  count(c.size);
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) offsets[i] = i * c.size;
  return {
    field: field(c.name, utf8(), false),
    column: new Column([batchOf(utf8(), rows, { offsets, values: c.values })]),
  };
}

/** Writes a feed. Throws on inconsistent input (a programming error, not a user error). */
export function encodeFeed(
  layer: string,
  rows: number,
  columns: readonly ColumnInput[],
  meta?: Record<string, unknown>,
): Uint8Array {
  if (!Number.isInteger(rows) || rows < 0 || rows > 0x7fffffff) throw new Error(`row count ${rows} out of range`);
  const built = columns.map((c) => toArrow(rows, c));
  const metadata = new Map<string, string>([[META.layer, layer]]);
  if (meta) metadata.set(META.meta, JSON.stringify(meta));
  const schema = {
    version: Version.V5,
    endianness: Endianness.Little,
    fields: built.map((b) => b.field),
    metadata,
  };
  const table = new Table(
    schema,
    built.map((b) => b.column),
  );
  return tableToIPC(table, { format: 'stream' })!;
}

// ---------------------------------------------------------------------------------------------
// Building columns from row values.

/** Lon/lat pairs (interleaved, Float64) as Float32 offsets from the centre of their extent. */
export function positionColumn(name: string, lonLat: Float64Array): ColumnInput {
  const rows = lonLat.length / 2;
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < rows; i++) {
    const lon = lonLat[2 * i]!;
    const lat = lonLat[2 * i + 1]!;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  // Rounded so the origin reads well in the metadata; it stays within 0.0005° of the centre.
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const origin: [number, number] = rows === 0 ? [0, 0] : [round((minLon + maxLon) / 2), round((minLat + maxLat) / 2)];
  if (Math.max(maxLon - origin[0], origin[0] - minLon, maxLat - origin[1], origin[1] - minLat) > MAX_OFFSET_DEGREES) {
    throw new Error(`column ${name}: positions span more than ${2 * MAX_OFFSET_DEGREES}° around their centre`);
  }
  const values = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    values[2 * i] = lonLat[2 * i]! - origin[0];
    values[2 * i + 1] = lonLat[2 * i + 1]! - origin[1];
  }
  return { name, kind: 'position', origin, values };
}

/** A coded column: `codes[i]` is the index of row i's value in `dictionary`. */
export function codeColumn(name: string, dictionary: readonly DictionaryValue[], codes: Uint8Array): ColumnInput {
  if (dictionary.length > MAX_DICTIONARY) throw new Error(`column ${name}: dictionary over ${MAX_DICTIONARY} entries`);
  for (const code of codes) {
    if (code >= dictionary.length)
      throw new Error(`column ${name}: code ${code} outside its ${dictionary.length} values`);
  }
  return { name, kind: 'code', dictionary: [...dictionary], values: codes };
}

/** Maps a value to its code in `dictionary`; a value outside it is a data error. */
export function dictionaryCoder(name: string, dictionary: readonly DictionaryValue[]): (v: DictionaryValue) => number {
  if (dictionary.length > MAX_DICTIONARY) throw new Error(`column ${name}: dictionary over ${MAX_DICTIONARY} entries`);
  const index = new Map(dictionary.map((v, i) => [v, i]));
  return (v) => {
    const code = index.get(v);
    if (code === undefined) {
      throw new Error(`column ${name}: ${JSON.stringify(v)} is not one of ${JSON.stringify(dictionary)}`);
    }
    return code;
  };
}

export const STEP_MS: Record<TimeUnit, number> = { minute: 60_000, day: 86_400_000 };

/** Instants (epoch milliseconds) as whole units since UTC midnight of the earliest one's day. */
export function timeColumn(name: string, millis: Float64Array, unit: TimeUnit = 'minute'): ColumnInput {
  let min = Infinity;
  for (const t of millis) if (t < min) min = t;
  const epoch = millis.length === 0 ? 0 : Math.floor(min / STEP_MS.day) * STEP_MS.day;
  const values = new Uint32Array(millis.length);
  for (let i = 0; i < millis.length; i++) {
    const steps = Math.floor((millis[i]! - epoch) / STEP_MS[unit]);
    if (steps > 0xffffffff) throw new Error(`column ${name}: times span too long for Uint32 ${unit}s`);
    values[i] = steps;
  }
  return { name, kind: 'time', epoch: new Date(epoch).toISOString(), unit, values };
}

/** Fixed-length ASCII strings of `size` characters each, given concatenated (the ids). */
export function textColumn(name: string, concatenated: string, size: number): ColumnInput {
  if (concatenated.length % size !== 0 || !/^[\x20-\x7e]*$/.test(concatenated)) {
    throw new Error(`column ${name}: values must be ASCII, ${size} characters each`);
  }
  const values = new Uint8Array(concatenated.length);
  for (let i = 0; i < concatenated.length; i++) values[i] = concatenated.charCodeAt(i);
  return { name, kind: 'text', size, values };
}
