/** Relay-style connections with keyset cursors (opaque base64url of the sort key). */
import { badInput } from '../errors.js';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput('first', `must be a whole number from 1 to ${MAX_PAGE}, got ${first}`);
  }
  return first;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key inside a cursor, checked against the expected shape ('s' string, 'n' number). */
export function decodeCursor(cursor: string | null | undefined, shape: string): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((v, i) => (shape[i] === 's' ? typeof v === 'string' : typeof v === 'number' && Number.isFinite(v)))
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'is not a cursor from this list; pass an endCursor you were given');
}

export interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a connection from `limit + 1` fetched rows (the extra one tells if there is more). */
export function toConnection<R, T>(
  rows: R[],
  limit: number,
  totalCount: number,
  keyOf: (row: R) => (string | number)[],
  toNode: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
