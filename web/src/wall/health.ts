/**
 * Whether what the wall shows is current. Each data source (snapshot, map feeds, live events)
 * reports success or failure; while any fails, the wall shows "data as of hh:mm" with the time
 * the failing data was last fetched, and keeps showing that data.
 */
export type Source = 'snapshot' | 'map' | 'live';

export interface SourceHealth {
  ok: boolean;
  lastOkAt: Date | null;
}

export type Health = Readonly<Partial<Record<Source, SourceHealth>>>;

export function reportHealth(health: Health, source: Source, ok: boolean, at: Date): Health {
  const before = health[source];
  if (before?.ok === ok && !ok) return health;
  return { ...health, [source]: { ok, lastOkAt: ok ? at : (before?.lastOkAt ?? null) } };
}

/** null while everything is current; else when the oldest failing source last succeeded (or null if it never did). */
export function staleSince(health: Health): { since: Date | null } | null {
  const failing = Object.values(health).filter((h): h is SourceHealth => !!h && !h.ok);
  if (failing.length === 0) return null;
  const times = failing.map((h) => h.lastOkAt).filter((t): t is Date => t !== null);
  return { since: times.length === failing.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null };
}
