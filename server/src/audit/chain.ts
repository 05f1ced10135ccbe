/**
 * The audit record's hash chain, verified without touching a database: each row's hash is the
 * SHA-256 of a canonical text of its fields and of the row before it (migration 018 computes the
 * same in the database as rows are written). Verification reads the rows in id order, a batch at
 * a time, and stops at the first row that is not what the chain says it should be.
 */
import { createHash } from 'node:crypto';

/** The hash the first row chains to before any pruning. */
export const GENESIS_HASH = '0'.repeat(64);

/** The operation of the record that pruning writes, naming the anchor the chain continues from. */
export const PRUNE_OPERATION = 'pruneAudit';

/** A row as the chain sees it: ids and instants as exact text (bigint, microseconds since the epoch). */
export interface ChainRow {
  id: string;
  atMicros: string;
  username: string | null;
  operation: string;
  target: string | null;
  success: boolean;
  outcome: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

/** Where the chain ends (the newest row) and starts (the last row pruned, or none). */
export interface ChainHead {
  lastId: string | null;
  lastHash: string;
  anchorId: string | null;
  anchorHash: string;
}

export interface ChainReport {
  intact: boolean;
  /** Rows read, the broken one included. */
  checked: number;
  firstBrokenId: string | null;
  problem: string | null;
}

/** What a prune record says (its detail, as JSON). */
export interface PruneDetail {
  removed: number;
  before: string;
  anchorId: string | null;
  anchorHash: string;
}

const field = (value: string | null): string => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

/** The text a row's hash is taken over; audit_row_hash() in migration 018 builds the same. */
export function canonicalText(prevHash: string, row: Omit<ChainRow, 'prevHash' | 'hash'>): string {
  return [
    'v1',
    prevHash,
    row.id,
    row.atMicros,
    field(row.username),
    field(row.operation),
    field(row.target),
    row.success ? 't' : 'f',
    field(row.outcome),
    field(row.detail),
  ].join('|');
}

export function chainHash(prevHash: string, row: Omit<ChainRow, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(canonicalText(prevHash, row), 'utf8').digest('hex');
}

export function pruneDetailText(detail: PruneDetail): string {
  return JSON.stringify(detail);
}

function readPruneDetail(text: string | null): PruneDetail | null {
  try {
    const value = JSON.parse(text ?? '') as Partial<PruneDetail>;
    return typeof value.anchorHash === 'string' ? (value as PruneDetail) : null;
  } catch {
    return null;
  }
}

/** A verification under way: feed it the rows in id order with {@link verifyRows}. */
export interface Verification {
  head: ChainHead;
  checked: number;
  /** The hash the next row must chain to. */
  expectedPrev: string;
  lastId: string | null;
  /** The anchor named by the newest successful prune record read so far. */
  prunedAnchor: string | null;
  broken: { id: string; problem: string } | null;
}

export function startVerification(head: ChainHead): Verification {
  return { head, checked: 0, expectedPrev: head.anchorHash, lastId: null, prunedAnchor: null, broken: null };
}

/** Checks the next rows (in id order, after those already given); stops at the first broken one. */
export function verifyRows(state: Verification, rows: readonly ChainRow[]): Verification {
  let { checked, expectedPrev, lastId, prunedAnchor } = state;
  for (const row of rows) {
    if (state.broken) break;
    checked += 1;
    let problem: string | null = null;
    if (row.prevHash !== expectedPrev) {
      problem =
        lastId === null
          ? state.head.anchorId === null
            ? 'does not chain to the start of the record: rows before it were removed'
            : `does not chain to the pruning anchor (#${state.head.anchorId}): rows before it were removed outside pruning`
          : `does not chain to row #${lastId}: a row between them was removed, or #${lastId} was changed`;
    } else if (chainHash(row.prevHash, row) !== row.hash) {
      problem = 'its fields do not match its hash: it was changed';
    }
    if (problem) return { ...state, checked, lastId, broken: { id: row.id, problem } };
    if (row.operation === PRUNE_OPERATION && row.success)
      prunedAnchor = readPruneDetail(row.detail)?.anchorHash ?? null;
    expectedPrev = row.hash;
    lastId = row.id;
  }
  return { ...state, checked, expectedPrev, lastId, prunedAnchor };
}

/** The report once every row up to the head has been given. */
export function finishVerification(state: Verification): ChainReport {
  const report = (broken: { id: string | null; problem: string } | null): ChainReport => ({
    intact: broken === null,
    checked: state.checked,
    firstBrokenId: broken?.id ?? null,
    problem: broken?.problem ?? null,
  });
  if (state.broken) return report(state.broken);
  const { head } = state;
  if (state.lastId !== head.lastId || state.expectedPrev !== head.lastHash) {
    return report({
      id: head.lastId,
      problem:
        state.lastId === null
          ? `the record is empty but its chain ends at row #${head.lastId}: rows were removed`
          : `the chain ends at row #${head.lastId} but the last row is #${state.lastId}: rows after it were removed`,
    });
  }
  if (head.anchorId !== null && state.prunedAnchor !== head.anchorHash) {
    return report({
      id: head.anchorId,
      problem: `no prune record names the anchor (#${head.anchorId}) the chain starts from: it was changed`,
    });
  }
  return report(null);
}
