/**
 * Reads a map feed (feed-columns.ts) with flechette into typed arrays that view the stream's
 * bytes in place: the browser hands them to deck.gl as binary attributes, no per-row objects.
 * No Node APIs: the browser runs this.
 */
import { tableFromIPC, Type, type Column, type Field } from '@uwdata/flechette';
import { META, STEP_MS, type DictionaryValue, type TimeUnit } from './feed-columns.js';

/** One decoded column, by what it stores. */
export type DecodedColumn =
  | { kind: 'position'; origin: [number, number]; values: Float32Array }
  | { kind: 'code'; dictionary: DictionaryValue[]; values: Uint8Array }
  | { kind: 'time'; epoch: string; unit: TimeUnit; values: Uint32Array }
  | { kind: 'text'; offsets: Int32Array; values: Uint8Array };

export interface DecodedFeed {
  layer: string;
  rows: number;
  /** What the feed was asked for (schema metadata `meta`), informative. */
  meta: Record<string, unknown>;
  columns: Map<string, DecodedColumn>;
}

interface RawBatch {
  values?: unknown;
  offsets?: Int32Array;
  children?: RawBatch[];
  dictionary?: Column<unknown>;
}

/** The batches' arrays of one kind, as one array: the stream's own bytes when there is one batch. */
function joined<T extends Float32Array | Uint32Array | Int8Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  if (parts.length === 1) return parts[0]!;
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fail(name: string, message: string): never {
  throw new Error(`feed column ${name}: ${message}`);
}

function readColumn(f: Field, column: Column<unknown>): DecodedColumn {
  const batches = column.data as unknown as RawBatch[];
  const meta = f.metadata ?? new Map<string, string>();
  const typeId = f.type.typeId;
  if (typeId === Type.FixedSizeList) {
    const origin = JSON.parse(meta.get(META.origin) ?? 'null') as [number, number] | null;
    if (!origin) fail(f.name, 'a position column needs its origin in the field metadata');
    const parts = batches.map((b) => b.children?.[0]?.values);
    if (!parts.every((p) => p instanceof Float32Array)) fail(f.name, 'positions must be Float32');
    return { kind: 'position', origin, values: joined(parts, (n) => new Float32Array(n)) };
  }
  if (typeId === Type.Dictionary) {
    const parts = batches.map((b) => b.values);
    if (!parts.every((p) => p instanceof Int8Array)) fail(f.name, 'codes must be Int8');
    const codes = joined(parts, (n) => new Int8Array(n));
    const dictionary = batches[0] ? (batches[0].dictionary!.toArray() as DictionaryValue[]) : [];
    return {
      kind: 'code',
      dictionary: Array.from(dictionary),
      values: new Uint8Array(codes.buffer, codes.byteOffset, codes.length),
    };
  }
  if (typeId === Type.Int && meta.has(META.epoch)) {
    const unit = meta.get(META.unit) as TimeUnit;
    if (!(unit in STEP_MS)) fail(f.name, `unknown time unit "${unit}"`);
    const parts = batches.map((b) => b.values);
    if (!parts.every((p) => p instanceof Uint32Array)) fail(f.name, 'times must be Uint32');
    return { kind: 'time', epoch: meta.get(META.epoch)!, unit, values: joined(parts, (n) => new Uint32Array(n)) };
  }
  if (typeId === Type.Utf8) {
    if (batches.length !== 1) fail(f.name, 'text must come in one record batch');
    return { kind: 'text', offsets: batches[0]!.offsets!, values: batches[0]!.values as Uint8Array };
  }
  return fail(f.name, `type ${typeId} is not one a map feed has`);
}

/** Reads a feed; throws an Error saying what is wrong with a malformed one. */
export function decodeFeed(input: ArrayBuffer | Uint8Array): DecodedFeed {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  // Typed-array views need aligned offsets; a buffer that starts unaligned is copied once.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new Error(`not an Arrow IPC stream: ${(error as Error).message}`, { cause: error });
  }
  const metadata = table.schema.metadata ?? new Map<string, string>();
  const layer = metadata.get(META.layer);
  if (layer === undefined) throw new Error('not a map feed: the schema metadata has no "layer"');
  const columns = new Map<string, DecodedColumn>();
  table.schema.fields.forEach((f, i) => columns.set(f.name, readColumn(f, table.children[i]!)));
  return { layer, rows: table.numRows, meta: JSON.parse(metadata.get(META.meta) ?? '{}'), columns };
}

/** One column's value for row `i`, in its meaning: [lon, lat], a dictionary value, a Date, a string. */
export function valueAt(column: DecodedColumn, i: number): unknown {
  switch (column.kind) {
    case 'position':
      return [column.origin[0] + column.values[2 * i]!, column.origin[1] + column.values[2 * i + 1]!];
    case 'code':
      return column.dictionary[column.values[i]!];
    case 'time':
      return new Date(Date.parse(column.epoch) + column.values[i]! * STEP_MS[column.unit]);
    case 'text':
      return String.fromCharCode(...column.values.subarray(column.offsets[i]!, column.offsets[i + 1]!));
  }
}

/** Every row as an object keyed by column name (for tests and small feeds, not for rendering). */
export function feedRows(feed: DecodedFeed): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < feed.rows; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, column] of feed.columns) row[name] = valueAt(column, i);
    out.push(row);
  }
  return out;
}
