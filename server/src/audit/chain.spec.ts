import { describe, expect, it } from 'vitest';
import {
  canonicalText,
  chainHash,
  finishVerification,
  GENESIS_HASH,
  pruneDetailText,
  startVerification,
  verifyRows,
  type ChainHead,
  type ChainRow,
} from './chain.js';

type Fields = Omit<ChainRow, 'prevHash' | 'hash'>;

const fields = (id: number, overrides: Partial<Fields> = {}): Fields => ({
  id: String(id),
  atMicros: String(1_782_784_800_000_000 + id),
  username: 'demo-city',
  operation: 'advanceCase',
  target: `C-${id}`,
  success: true,
  outcome: 'ok',
  detail: null,
  ...overrides,
});

/** Rows chained from `start`, as the database's trigger writes them. */
function chain(list: Fields[], start = GENESIS_HASH): ChainRow[] {
  let prev = start;
  return list.map((f) => {
    const hash = chainHash(prev, f);
    const row = { ...f, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

const headOf = (rows: ChainRow[], anchor: { id: string | null; hash: string } = { id: null, hash: GENESIS_HASH }) => ({
  lastId: rows.at(-1)?.id ?? null,
  lastHash: rows.at(-1)?.hash ?? anchor.hash,
  anchorId: anchor.id,
  anchorHash: anchor.hash,
});

const verify = (head: ChainHead, ...batches: ChainRow[][]) =>
  finishVerification(batches.reduce(verifyRows, startVerification(head)));

describe('the audit hash chain', () => {
  it('hashes a canonical text that tells a null from an empty text and cannot be shifted between fields', () => {
    const a = canonicalText(GENESIS_HASH, fields(1, { target: null, detail: '' }));
    const b = canonicalText(GENESIS_HASH, fields(1, { target: '', detail: null }));
    expect(a).not.toBe(b);
    const c = canonicalText(GENESIS_HASH, fields(1, { username: 'ab', operation: 'c' }));
    const d = canonicalText(GENESIS_HASH, fields(1, { username: 'a', operation: 'bc' }));
    expect(c).not.toBe(d);
    // Lengths are in UTF-8 bytes, as the database counts them.
    expect(canonicalText(GENESIS_HASH, fields(1, { detail: '审计' }))).toContain('|6:审计');
  });

  it('finds an intact chain intact, read in batches of any size', () => {
    const rows = chain([1, 2, 3, 5, 8].map((id) => fields(id)));
    expect(verify(headOf(rows), rows)).toEqual({ intact: true, checked: 5, firstBrokenId: null, problem: null });
    expect(verify(headOf(rows), rows.slice(0, 2), rows.slice(2), [])).toMatchObject({ intact: true, checked: 5 });
  });

  it('finds an empty record intact', () => {
    expect(verify(headOf([]))).toMatchObject({ intact: true, checked: 0 });
  });

  it('names an edited row', () => {
    const rows = chain([1, 2, 3, 4].map((id) => fields(id)));
    rows[2] = { ...rows[2]!, detail: 'covered up' };
    expect(verify(headOf(rows), rows)).toEqual({
      intact: false,
      checked: 3,
      firstBrokenId: '3',
      problem: 'its fields do not match its hash: it was changed',
    });
  });

  it('names the row after an edited row whose hash was recomputed', () => {
    const rows = chain([1, 2, 3, 4].map((id) => fields(id)));
    const edited = fields(2, { success: false });
    rows[1] = { ...edited, prevHash: rows[0]!.hash, hash: chainHash(rows[0]!.hash, edited) };
    expect(verify(headOf(rows), rows)).toMatchObject({ intact: false, firstBrokenId: '3' });
  });

  it('names the row after a removed one', () => {
    const rows = chain([1, 2, 3, 4].map((id) => fields(id)));
    const report = verify(headOf(rows), [rows[0]!, rows[2]!, rows[3]!]);
    expect(report).toMatchObject({ intact: false, firstBrokenId: '3' });
    expect(report.problem).toMatch(/does not chain to row #1: a row between them was removed/);
  });

  it('notices rows removed from the end of the record, and from its start', () => {
    const rows = chain([1, 2, 3].map((id) => fields(id)));
    expect(verify(headOf(rows), rows.slice(0, 2))).toMatchObject({
      intact: false,
      firstBrokenId: '3',
      problem: 'the chain ends at row #3 but the last row is #2: rows after it were removed',
    });
    expect(verify(headOf(rows), rows.slice(1))).toMatchObject({ intact: false, firstBrokenId: '2' });
  });

  it('verifies a pruned chain from its anchor, named by the prune record', () => {
    const all = chain([1, 2, 3].map((id) => fields(id)));
    const anchor = { id: '2', hash: all[1]!.hash };
    const detail = pruneDetailText({
      removed: 2,
      before: '2026-01-01T00:00:00.000Z',
      anchorId: '2',
      anchorHash: anchor.hash,
    });
    const record = fields(4, { operation: 'pruneAudit', username: 'scheduler', target: null, detail });
    const kept = [all[2]!, ...chain([record], all[2]!.hash)];
    expect(verify(headOf(kept, anchor), kept)).toMatchObject({ intact: true, checked: 2 });
    // An anchor moved without a prune record naming it: rows were removed outside pruning.
    const moved = { id: '3', hash: kept[0]!.hash };
    expect(verify(headOf(kept, moved), kept.slice(1))).toMatchObject({
      intact: false,
      firstBrokenId: '3',
      problem: 'no prune record names the anchor (#3) the chain starts from: it was changed',
    });
  });
});
