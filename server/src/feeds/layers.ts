/**
 * What each map feed carries, and building a feed from the packed chunks the database sends
 * (see db/queries/feeds.ts). Pure: chunks in, bytes out.
 *
 * Bytes per row before compression (positions are Float32 lon/lat offsets, codes Int8; ids are
 * utf8, their length plus a 4-byte offset), besides a few hundred bytes of schema and dictionaries:
 * - cameras: position 8 + status 1 + kind 1 + heading 1 + fov 1 = 12 (+24 with ids); heading and
 *   fov in 5° steps (domain/camera-view.ts), for the view cones drawn at close zoom
 * - risk points: position 8 + level 1 + category 1 = 10 (+21 with ids)
 * - cases: position 8 + status, category, severity, overdue 1 each + reportedAt Uint32 minutes 4
 *   = 16 (+28 with ids)
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
import { CAMERA_FOVS, CAMERA_HEADINGS } from '../domain/camera-view.js';
import {
  codeColumn,
  encodeFeed,
  positionColumn,
  textColumn,
  timeColumn,
  type ColumnInput,
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
    { name: 'heading', kind: 'code', dictionary: CAMERA_HEADINGS, positioned: true },
    { name: 'fov', kind: 'code', dictionary: CAMERA_FOVS, positioned: true },
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
export const columnName = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

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
  /** Adds the `id` column (utf8, each the layer's fixed length); the chunks must then carry ids. */
  ids: boolean;
  /** Written to the schema metadata as `meta`: what was asked for. */
  meta?: Record<string, unknown>;
}

/** The rows of a feed, decoded from the database's chunks: one array per field, and the ids. */
export interface Collected {
  rows: number;
  merged: (Float64Array | Uint8Array)[];
  /** Every row's id, fixed-length, concatenated in row order ('' when the chunks carry none). */
  ids: string;
}

/** Reads the chunks (in order) into one array per field, and the ids when asked for. */
export async function collect(
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

/** The feed's bytes (feed-columns.ts) for collected rows. */
export function encode(spec: LayerSpec, { rows, merged, ids }: Collected, options: BuildOptions): Uint8Array {
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
    if (field.kind === 'code') columns.push(codeColumn(name, field.dictionary!, merged[i] as Uint8Array));
    else if (field.kind === 'time') columns.push(timeColumn(name, merged[i] as Float64Array, 'minute'));
    else throw new Error(`${spec.layer}: field ${field.name} of kind ${field.kind} has no feed column`);
  });
  if (options.ids) columns.push(textColumn('id', ids, spec.idLength));
  return encodeFeed(spec.layer, rows, columns, options.meta);
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
