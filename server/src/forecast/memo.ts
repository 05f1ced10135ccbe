/**
 * Forecasts already made, served again while their inputs are unchanged. A forecast reads only
 * cases before its origin day, so a wall opened all day asks for the same one: the first request
 * of a day fits (seconds at city scale), the others read a one-row fingerprint of the inputs
 * (readForecastFingerprint) and get the forecast made before. A new case today leaves the
 * fingerprint as it was; a late-reported past case, a grid change or a reload changes it, and
 * the next request fits again. Requests that arrive while a fit runs wait for that fit.
 */
import type { Database } from '../db/database.js';

/** Forecasts kept per database: the units and horizons the screens ask for on one day. */
export const MEMO_ENTRIES = 48;

interface Entry<T> {
  fingerprint: string;
  value: Promise<T>;
}

const memos = new WeakMap<Database, Map<string, Entry<unknown>>>();

/**
 * The value made by `make` for `key`, made again only when `fingerprint` differs from the one it
 * was made with. A failed `make` is not kept. The least recently used entry goes beyond
 * MEMO_ENTRIES.
 */
export function memoised<T>(db: Database, key: string, fingerprint: string, make: () => Promise<T>): Promise<T> {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  const kept = memo.get(key) as Entry<T> | undefined;
  memo.delete(key);
  if (kept && kept.fingerprint === fingerprint) {
    memo.set(key, kept);
    return kept.value;
  }
  const value = make();
  const entry: Entry<T> = { fingerprint, value };
  memo.set(key, entry);
  value.catch(() => {
    if (memo.get(key) === entry) memo.delete(key);
  });
  while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  return value;
}
