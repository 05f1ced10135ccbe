/**
 * The binary map feed format: media type `application/vnd.zongzhi.columns`, version 1.
 * Pure encoding and decoding; the decoder runs in the browser too (no Node APIs).
 *
 * A feed is one table of N rows stored column by column, so that each column can be handed
 * to deck.gl as a binary attribute without copying or parsing:
 *
 * ```
 * offset  size  content (all numbers little-endian)
 *      0     4  magic "ZZCF" (0x5A 0x5A 0x43 0x46)
 *      4     2  Uint16 format version (1)
 *      6     2  Uint16 reserved, 0
 *      8     4  Uint32 row count N
 *     12     4  Uint32 header length H in bytes; 16 + H is a multiple of 8
 *     16     H  header: UTF-8 JSON (padded with spaces), see {@link FeedHeader}
 * 16 + H     …  the column section: each column at its descriptor's `offset` (bytes from the
 *               start of the column section, a multiple of 8), `byteLength` bytes long,
 *               followed by zero padding up to the next multiple of 8
 * ```
 *
 * Column types, per row:
 * - `float32`, size 2: a position as lon/lat offsets in degrees from the descriptor's Float64
 *   `origin` (deck.gl `COORDINATE_SYSTEM.LNGLAT_OFFSETS` with `coordinateOrigin: [...origin, 0]`).
 *   The origin is the centre of the rows' extent, so offsets stay small: Float32 keeps 24 bits,
 *   an error of at most 2^-24 × |offset|, i.e. under 1.3 cm for offsets below 2° (a whole
 *   city). {@link positionColumn} refuses extents that would lose more than that.
 * - `uint8` with a `dictionary`: code i stands for `dictionary[i]` (status, category, level …).
 * - `uint32` with `epoch` and `unit`: whole minutes (or days) since `epoch` (ISO 8601, UTC
 *   midnight of the earliest row's day), floored. Offsets under 2^24 (31 years of minutes)
 *   stay exact as Float32, which is what deck.gl filter attributes use.
 * - `ascii`, size L: fixed-length ASCII strings of L bytes each (optional row ids).
 *
 * Rows come in a stable order (by id), so row i of one feed is the same object across
 * columns; a client that omitted the id column looks objects up by position through GraphQL.
 *
 * Over HTTP (feeds/router.ts, which lists the headers) a feed comes with `X-Feed-Rows`,
 * `Cache-Control: private, no-store` and `Vary: Accept-Encoding`, and with
 * `Content-Encoding: gzip` when the request accepts gzip: the bytes above, compressed.
 */

/** Media type of the feeds. */
export const COLUMNS_MEDIA_TYPE = 'application/vnd.zongzhi.columns';
export const COLUMNS_VERSION = 1;
const MAGIC = [0x5a, 0x5a, 0x43, 0x46]; // "ZZCF"
const PREFIX_BYTES = 16;
const ALIGN = 8;

export type ColumnType = 'uint8' | 'uint16' | 'uint32' | 'int32' | 'float32' | 'float64' | 'ascii';
export type DictionaryValue = string | number | boolean;
export type TimeUnit = 'minute' | 'day';

export type ColumnValues = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** What the header says about one column. */
export interface ColumnDescriptor {
  name: string;
  type: ColumnType;
  /** Values per row (2 for lon/lat pairs); for `ascii`, the length of each string in bytes. */
  size: number;
  /** Bytes from the start of the column section; a multiple of 8. */
  offset: number;
  /** N × size × bytes per value, without padding. */
  byteLength: number;
  /** For coded `uint8` columns: code i stands for dictionary[i]. */
  dictionary?: DictionaryValue[];
  /** For positions: the Float64 [lon, lat] the Float32 offsets are relative to. */
  origin?: [number, number];
  /** For times: the instant value 0 stands for (ISO 8601, UTC). */
  epoch?: string;
  /** For times: what one step of the value is. */
  unit?: TimeUnit;
}

/** The JSON header. `meta` says what the feed was asked for (layer-specific, informative). */
export interface FeedHeader {
  layer: string;
  rows: number;
  columns: ColumnDescriptor[];
  meta?: Record<string, unknown>;
}

/** A column to encode: its values and the descriptor fields other than offset/byteLength. */
export interface ColumnInput extends Omit<ColumnDescriptor, 'offset' | 'byteLength'> {
  values: ColumnValues;
}

const BYTES: Record<ColumnType, number> = {
  uint8: 1,
  uint16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
  ascii: 1,
};

const ARRAY_OF: Record<ColumnType, { new (buffer: ArrayBuffer, offset: number, length: number): ColumnValues }> = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
  ascii: Uint8Array,
};

const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkInput(rows: number, c: ColumnInput): void {
  const expected = ARRAY_OF[c.type];
  if (!(c.values instanceof expected)) throw new Error(`column ${c.name}: values must be a ${expected.name}`);
  if (!Number.isInteger(c.size) || c.size < 1) throw new Error(`column ${c.name}: size must be a positive integer`);
  if (c.values.length !== rows * c.size) {
    throw new Error(`column ${c.name}: ${c.values.length} values for ${rows} rows of size ${c.size}`);
  }
  if (c.dictionary && c.dictionary.length > 256) throw new Error(`column ${c.name}: dictionary over 256 entries`);
}

/** Writes a feed. Throws on inconsistent input (a programming error, not a user error). */
export function encodeColumns(
  layer: string,
  rows: number,
  columns: readonly ColumnInput[],
  meta?: Record<string, unknown>,
): Uint8Array {
  if (!Number.isInteger(rows) || rows < 0 || rows > 0xffffffff) throw new Error(`row count ${rows} out of range`);
  const descriptors: ColumnDescriptor[] = [];
  let offset = 0;
  for (const c of columns) {
    checkInput(rows, c);
    const { values: _values, ...rest } = c;
    const byteLength = c.values.byteLength;
    descriptors.push({ ...rest, offset, byteLength });
    offset = alignUp(offset + byteLength);
  }
  const header: FeedHeader = { layer, rows, columns: descriptors, ...(meta ? { meta } : {}) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = alignUp(PREFIX_BYTES + json.length) - PREFIX_BYTES;
  const bodyStart = PREFIX_BYTES + headerLength;
  const out = new Uint8Array(bodyStart + offset);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint16(4, COLUMNS_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, rows, true);
  view.setUint32(12, headerLength, true);
  out.set(json, PREFIX_BYTES);
  out.fill(0x20, PREFIX_BYTES + json.length, bodyStart);
  columns.forEach((c, i) => {
    const at = bodyStart + descriptors[i]!.offset;
    if (LITTLE_ENDIAN_HOST) {
      out.set(new Uint8Array(c.values.buffer, c.values.byteOffset, c.values.byteLength), at);
    } else {
      writeLittleEndian(view, at, c.type, c.values);
    }
  });
  return out;
}

function writeLittleEndian(view: DataView, at: number, type: ColumnType, values: ColumnValues): void {
  const step = BYTES[type];
  values.forEach((v, i) => {
    const p = at + i * step;
    if (type === 'uint8' || type === 'ascii') view.setUint8(p, v);
    else if (type === 'uint16') view.setUint16(p, v, true);
    else if (type === 'uint32') view.setUint32(p, v, true);
    else if (type === 'int32') view.setInt32(p, v, true);
    else if (type === 'float32') view.setFloat32(p, v, true);
    else view.setFloat64(p, v, true);
  });
}

function readLittleEndian(view: DataView, at: number, type: ColumnType, count: number): ColumnValues {
  const out = new ARRAY_OF[type](new ArrayBuffer(count * BYTES[type]), 0, count);
  for (let i = 0; i < count; i++) {
    const p = at + i * BYTES[type];
    out[i] =
      type === 'uint8' || type === 'ascii'
        ? view.getUint8(p)
        : type === 'uint16'
          ? view.getUint16(p, true)
          : type === 'uint32'
            ? view.getUint32(p, true)
            : type === 'int32'
              ? view.getInt32(p, true)
              : type === 'float32'
                ? view.getFloat32(p, true)
                : view.getFloat64(p, true);
  }
  return out;
}

/** A decoded feed: the header and each column's values (views into the input when aligned). */
export interface DecodedFeed {
  header: FeedHeader;
  rows: number;
  columns: Map<string, { descriptor: ColumnDescriptor; values: ColumnValues }>;
}

/** Reads a feed; throws an Error saying what is wrong with a malformed one. */
export function decodeColumns(input: ArrayBuffer | Uint8Array): DecodedFeed {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  // Typed-array views need aligned offsets; a buffer that starts unaligned is copied once.
  if (bytes.byteOffset % ALIGN !== 0) bytes = bytes.slice();
  if (bytes.length < PREFIX_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error('not a zongzhi columns feed (magic "ZZCF" missing)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== COLUMNS_VERSION) throw new Error(`feed format version ${version} is not supported (need 1)`);
  const rows = view.getUint32(8, true);
  const headerLength = view.getUint32(12, true);
  const bodyStart = PREFIX_BYTES + headerLength;
  if (bodyStart % ALIGN !== 0 || bodyStart > bytes.length) throw new Error('feed header length is invalid');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, bodyStart))) as FeedHeader;
  if (header.rows !== rows) throw new Error(`feed header says ${header.rows} rows, prefix says ${rows}`);
  const columns = new Map<string, { descriptor: ColumnDescriptor; values: ColumnValues }>();
  for (const d of header.columns) {
    const step = BYTES[d.type];
    if (step === undefined) throw new Error(`column ${d.name}: unknown type ${d.type}`);
    const count = rows * d.size;
    const at = bodyStart + d.offset;
    if (d.offset % ALIGN !== 0 || d.byteLength !== count * step || at + d.byteLength > bytes.length) {
      throw new Error(`column ${d.name}: offset or length does not fit the feed`);
    }
    const values = LITTLE_ENDIAN_HOST
      ? new ARRAY_OF[d.type](bytes.buffer as ArrayBuffer, bytes.byteOffset + at, count)
      : readLittleEndian(view, at, d.type, count);
    columns.set(d.name, { descriptor: d, values });
  }
  return { header, rows, columns };
}

// ---------------------------------------------------------------------------------------------
// Building columns from row values, and reading them back.

/** Positions further than this from the origin would lose more than ~1.3 cm in Float32. */
export const MAX_OFFSET_DEGREES = 2;

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
  // Rounded so the origin reads well in the header; it stays within 0.0005° of the centre.
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
  return { name, type: 'float32', size: 2, origin, values };
}

/** Maps a value to its Uint8 code in `dictionary`; a value outside it is a data error. */
export function dictionaryCoder(name: string, dictionary: readonly DictionaryValue[]): (v: DictionaryValue) => number {
  if (dictionary.length > 256) throw new Error(`column ${name}: dictionary over 256 entries`);
  const index = new Map(dictionary.map((v, i) => [v, i]));
  return (v) => {
    const code = index.get(v);
    if (code === undefined) {
      throw new Error(`column ${name}: ${JSON.stringify(v)} is not one of ${JSON.stringify(dictionary)}`);
    }
    return code;
  };
}

const STEP_MS: Record<TimeUnit, number> = { minute: 60_000, day: 86_400_000 };

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
  return { name, type: 'uint32', size: 1, epoch: new Date(epoch).toISOString(), unit, values };
}

/** Fixed-length ASCII strings of `size` characters each, given concatenated. */
export function asciiColumn(name: string, concatenated: string, size: number): ColumnInput {
  if (concatenated.length % size !== 0 || !/^[\x20-\x7e]*$/.test(concatenated)) {
    throw new Error(`column ${name}: values must be ASCII, ${size} characters each`);
  }
  const values = new Uint8Array(concatenated.length);
  for (let i = 0; i < concatenated.length; i++) values[i] = concatenated.charCodeAt(i);
  return { name, type: 'ascii', size, values };
}

/** One column's values for row `i`, in their meaning: [lon, lat], a dictionary value, a Date, a string. */
export function valueAt(descriptor: ColumnDescriptor, values: ColumnValues, i: number): unknown {
  const { size } = descriptor;
  if (descriptor.type === 'ascii') {
    return String.fromCharCode(...values.subarray(i * size, (i + 1) * size));
  }
  if (descriptor.origin) return [descriptor.origin[0] + values[2 * i]!, descriptor.origin[1] + values[2 * i + 1]!];
  if (descriptor.dictionary) return descriptor.dictionary[values[i]!];
  if (descriptor.epoch && descriptor.unit) {
    return new Date(Date.parse(descriptor.epoch) + values[i]! * STEP_MS[descriptor.unit]);
  }
  return size === 1 ? values[i] : Array.from(values.subarray(i * size, (i + 1) * size));
}

/** Every row as an object keyed by column name (for tests and small feeds, not for rendering). */
export function feedRows(feed: DecodedFeed): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < feed.rows; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, { descriptor, values }] of feed.columns) row[name] = valueAt(descriptor, values, i);
    out.push(row);
  }
  return out;
}
