/**
 * What each map feed carries, and building a feed from the packed chunks the database sends
 * (see db/queries/feeds.ts). Pure: chunks in, bytes out.
 *
 * Bytes per row before compression (positions are Float32 lon/lat offsets, codes Uint8):
 * - cameras: position 8 + status 1 + kind 1 = 10 (+20 with ids)
 * - risk points: position 8 + level 1 + category 1 = 10 (+17 with ids)
 * - cases: position 8 + status, category, severity, overdue 1 each + reportedAt Uint32 minutes 4
 *   = 16 (+24 with ids)
 */
import { PACKED_BYTES, type PackedChunk, type PackedField } from '../db/queries/feeds.js';
import {
  CAMERA_KINDS,
  CAMERA_STATUSES,
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_STATUSES,
  RISK_CATEGORIES,
  RISK_LEVELS,
} from '../domain/vocabulary.js';
import {
  asciiColumn,
  encodeColumns,
  positionColumn,
  timeColumn,
  type ColumnInput,
  type DictionaryValue,
} from '../domain/feed-columns.js';

export const FEED_LAYERS = ['cameras', 'cases', 'risk-points'] as const;
export type FeedLayer = (typeof FEED_LAYERS)[number];

/** One layer: its packed fields (lon and lat first, then codes and times) and its id length. */
export interface LayerSpec {
  layer: FeedLayer;
  /** Length of every id: camera GB/T 28181 20, risk point 17, case code 24. */
  idLength: number;
  fields: readonly PackedField[];
}

const POSITION: PackedField[] = [
  { name: 'lon', kind: 'float' },
  { name: 'lat', kind: 'float' },
];

export const CAMERA_LAYER: LayerSpec = {
  layer: 'cameras',
  idLength: 20,
  fields: [
    ...POSITION,
    { name: 'status', kind: 'code', dictionary: CAMERA_STATUSES },
    { name: 'kind', kind: 'code', dictionary: CAMERA_KINDS },
  ],
};

export const RISK_POINT_LAYER: LayerSpec = {
  layer: 'risk-points',
  idLength: 17,
  fields: [
    ...POSITION,
    { name: 'level', kind: 'code', dictionary: RISK_LEVELS },
    { name: 'category', kind: 'code', dictionary: RISK_CATEGORIES },
  ],
};

export const CASE_LAYER: LayerSpec = {
  layer: 'cases',
  idLength: 24,
  fields: [
    ...POSITION,
    { name: 'status', kind: 'code', dictionary: CASE_STATUSES },
    { name: 'category', kind: 'code', dictionary: CASE_CATEGORIES },
    { name: 'severity', kind: 'code', dictionary: CASE_SEVERITIES },
    { name: 'overdue', kind: 'code', dictionary: [false, true] },
    { name: 'reported_at', kind: 'time' },
  ],
};

/** Column names are camelCase (reported_at → reportedAt). */
const columnName = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function concat<T extends Float64Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Splits a chunk's big-endian records into one array per field; codes become 0-based. */
function unpack(spec: LayerSpec, chunk: PackedChunk, firstRow: number): (Float64Array | Uint8Array)[] {
  const width = spec.fields.reduce((n, f) => n + PACKED_BYTES[f.kind], 0);
  if (chunk.records.length !== chunk.rows * width) {
    throw new Error(`${spec.layer}: chunk of ${chunk.rows} rows has ${chunk.records.length} bytes, not ${width} each`);
  }
  const view = new DataView(chunk.records.buffer, chunk.records.byteOffset, chunk.records.byteLength);
  let offset = 0;
  return spec.fields.map((field) => {
    const at = offset;
    offset += PACKED_BYTES[field.kind];
    if (field.kind !== 'code') {
      const values = new Float64Array(chunk.rows);
      for (let i = 0; i < chunk.rows; i++) values[i] = view.getFloat64(i * width + at, false);
      return field.kind === 'time' ? values.map((seconds) => seconds * 1000) : values;
    }
    const codes = new Uint8Array(chunk.rows);
    for (let i = 0; i < chunk.rows; i++) {
      const code = view.getInt16(i * width + at, false);
      if (code < 1) {
        throw new Error(
          `${spec.layer} row ${firstRow + i}: ${field.name} is not one of ${JSON.stringify(field.dictionary)}`,
        );
      }
      codes[i] = code - 1;
    }
    return codes;
  });
}

export interface BuildOptions {
  /** Adds the `id` column (fixed-length ASCII); the chunks must then carry ids. */
  ids: boolean;
  /** Written to the header as `meta`: what was asked for. */
  meta?: Record<string, unknown>;
}

/** The rows of a feed, decoded from the database's chunks: one array per field, and the ids. */
interface Collected {
  rows: number;
  merged: (Float64Array | Uint8Array)[];
  /** Every row's id, fixed-length, concatenated in row order ('' when the chunks carry none). */
  ids: string;
}

async function collect(
  spec: LayerSpec,
  chunks: AsyncIterable<PackedChunk> | Iterable<PackedChunk>,
  ids: boolean,
): Promise<Collected> {
  const parts: (Float64Array | Uint8Array)[][] = spec.fields.map(() => []);
  const idParts: string[] = [];
  let rows = 0;
  for await (const chunk of chunks) {
    unpack(spec, chunk, rows).forEach((values, i) => parts[i]!.push(values));
    if (ids) {
      if (chunk.ids?.length !== chunk.rows * spec.idLength) {
        throw new Error(`${spec.layer}: chunk ids are not ${chunk.rows} × ${spec.idLength} characters`);
      }
      idParts.push(chunk.ids);
    }
    rows += chunk.rows;
  }
  const merged = spec.fields.map((field, i) =>
    field.kind === 'code'
      ? concat(parts[i] as Uint8Array[], (n) => new Uint8Array(n))
      : concat(parts[i] as Float64Array[], (n) => new Float64Array(n)),
  );
  return { rows, merged, ids: idParts.join('') };
}

function encode(spec: LayerSpec, { rows, merged, ids }: Collected, options: BuildOptions): Uint8Array {
  const lon = merged[0] as Float64Array;
  const lat = merged[1] as Float64Array;
  const lonLat = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    lonLat[2 * i] = lon[i]!;
    lonLat[2 * i + 1] = lat[i]!;
  }
  const columns: ColumnInput[] = [positionColumn('position', lonLat)];
  spec.fields.forEach((field, i) => {
    if (i < 2) return;
    const name = columnName(field.name);
    if (field.kind === 'code') {
      columns.push({ name, type: 'uint8', size: 1, dictionary: [...field.dictionary!], values: merged[i]! });
    } else if (field.kind === 'time') {
      columns.push(timeColumn(name, merged[i] as Float64Array, 'minute'));
    } else {
      columns.push({ name, type: 'float64', size: 1, values: merged[i]! });
    }
  });
  if (options.ids) columns.push(asciiColumn('id', ids, spec.idLength));
  return encodeColumns(spec.layer, rows, columns, options.meta);
}

/** Encodes the chunks (in order) as one feed. */
export async function buildFeed(
  spec: LayerSpec,
  chunks: AsyncIterable<PackedChunk> | Iterable<PackedChunk>,
  options: BuildOptions,
): Promise<{ bytes: Uint8Array; rows: number }> {
  const collected = await collect(spec, chunks, options.ids);
  return { bytes: encode(spec, collected, options), rows: collected.rows };
}

/** A feed that can be encoded again with some rows' coded values changed, found by id. */
export interface PatchableFeed {
  bytes: Uint8Array;
  rows: number;
  /** Bytes held besides `bytes` (decoded columns and ids), for the cache's accounting. */
  heldBytes: number;
  /** Whether it knows its rows' ids (else the first recode must be given them). */
  hasIds: boolean;
  /**
   * The same feed with `field` set to each change's value in the row of its id (ids not in the
   * feed are skipped: the change is outside its area); null when a value is not in the field's
   * dictionary or `ids` (every row's id, in row order, when the feed has none) do not fit its
   * rows (the caller builds the feed afresh).
   */
  recode(field: string, changes: readonly { id: string; value: DictionaryValue }[], ids?: string): PatchableFeed | null;
}

/** Row of `id` among fixed-length ids in ascending order, or -1. */
export function rowOfId(ids: string, idLength: number, id: string): number {
  let lo = 0;
  let hi = ids.length / idLength - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = ids.slice(mid * idLength, (mid + 1) * idLength);
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function patchable(spec: LayerSpec, collected: Collected, options: BuildOptions): PatchableFeed {
  return {
    bytes: encode(spec, collected, options),
    rows: collected.rows,
    heldBytes: collected.merged.reduce((n, a) => n + a.byteLength, 0) + collected.ids.length,
    hasIds: collected.ids.length === collected.rows * spec.idLength,
    recode(field, changes, given) {
      const at = spec.fields.findIndex((f) => f.name === field && f.kind === 'code');
      if (at < 0) throw new Error(`${spec.layer} has no coded field "${field}"`);
      const ids = this.hasIds ? collected.ids : (given ?? '');
      if (ids.length !== collected.rows * spec.idLength) return null;
      const dictionary = spec.fields[at]!.dictionary!;
      const codes = (collected.merged[at] as Uint8Array).slice();
      for (const { id, value } of changes) {
        const row = rowOfId(ids, spec.idLength, id);
        if (row < 0) continue;
        const code = dictionary.indexOf(value);
        if (code < 0) return null;
        codes[row] = code;
      }
      const merged = collected.merged.map((values, i) => (i === at ? codes : values));
      return patchable(spec, { ...collected, merged, ids }, options);
    },
  };
}

/**
 * Like buildFeed, and keeps what it takes to change coded values later without the database.
 * Rows must come in ascending id order; their ids are kept when the feed shows them (else the
 * first recode is given them: reading 250,000 ids costs a rebuild ~90 ms it may never need).
 */
export async function buildPatchableFeed(
  spec: LayerSpec,
  chunks: AsyncIterable<PackedChunk> | Iterable<PackedChunk>,
  options: BuildOptions,
): Promise<PatchableFeed> {
  return patchable(spec, await collect(spec, chunks, options.ids), options);
}
