/**
 * A kept feed whose coded values (camera statuses, as heartbeats change them) are patched into
 * its Arrow bytes where they lie, without the database and without encoding it again: a coded
 * column is one Int8 code a row in the record batch, and the dictionaries are whole vocabularies,
 * so a changed value changes one byte and nothing else. The patched bytes are what a fresh build
 * of the changed rows gives (layers.spec.ts holds it to that).
 */
import type { PackedChunk } from '../db/queries/feeds.js';
import type { DictionaryValue } from '../domain/feed-columns.js';
import { decodeFeed } from '../domain/feed-decode.js';
import { collect, columnName, encode, type BuildOptions, type LayerSpec } from './layers.js';

/** A feed that can be given again with some rows' coded values changed, found by id. */
export interface PatchableFeed {
  bytes: Uint8Array;
  rows: number;
  /** Bytes held besides `bytes` (the ids), for the cache's accounting. */
  heldBytes: number;
  /** Whether it knows its rows' ids (else the first recode must be given them). */
  hasIds: boolean;
  /**
   * The same feed with `field` set to each change's value in the row of its id (ids not in the
   * feed are skipped: the change is outside its area); null when a value is not in the field's
   * dictionary or `ids` (every row's id, in row order, when the feed has none) do not fit its
   * rows (the caller builds the feed afresh). The kept bytes are left as they are: requests
   * may still be sending them.
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

/** Where each coded field's codes start in `bytes` (field name as packed, e.g. `status`). */
function codeOffsets(spec: LayerSpec, bytes: Uint8Array): Map<string, number> {
  const feed = decodeFeed(bytes);
  const offsets = new Map<string, number>();
  for (const field of spec.fields) {
    if (field.kind !== 'code') continue;
    const column = feed.columns.get(columnName(field.name));
    // The decoder views the bytes in place for a single aligned record batch, which encode writes.
    if (column?.kind !== 'code' || column.values.buffer !== bytes.buffer) {
      throw new Error(`${spec.layer}: the codes of ${field.name} do not lie in the feed's bytes`);
    }
    offsets.set(field.name, column.values.byteOffset - bytes.byteOffset);
  }
  return offsets;
}

function patchable(
  spec: LayerSpec,
  bytes: Uint8Array,
  rows: number,
  ids: string,
  at: Map<string, number>,
): PatchableFeed {
  const hasIds = ids.length === rows * spec.idLength;
  return {
    bytes,
    rows,
    heldBytes: ids.length,
    hasIds,
    recode(field, changes, given) {
      const start = at.get(field);
      if (start === undefined) throw new Error(`${spec.layer} has no coded field "${field}"`);
      const known = hasIds ? ids : (given ?? '');
      if (known.length !== rows * spec.idLength) return null;
      const dictionary = spec.fields.find((f) => f.name === field)!.dictionary!;
      const patched = bytes.slice();
      for (const { id, value } of changes) {
        const row = rowOfId(known, spec.idLength, id);
        if (row < 0) continue;
        const code = dictionary.indexOf(value);
        if (code < 0) return null;
        patched[start + row] = code;
      }
      return patchable(spec, patched, rows, known, at);
    },
  };
}

/**
 * Like buildFeed, and keeps what it takes to change coded values later. Rows must come in
 * ascending id order; their ids are kept when the feed shows them (else the first recode is
 * given them: reading every camera's id costs a database read it may never need).
 */
export async function buildPatchableFeed(
  spec: LayerSpec,
  chunks: AsyncIterable<PackedChunk> | Iterable<PackedChunk>,
  options: BuildOptions,
): Promise<PatchableFeed> {
  const collected = await collect(spec, chunks, options.ids);
  const bytes = encode(spec, collected, options);
  return patchable(spec, bytes, collected.rows, collected.ids, codeOffsets(spec, bytes));
}
