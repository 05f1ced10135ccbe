/**
 * When the province's copy of a city stopped being current (docs/federation.md, "A link that
 * drops"): a link whose apply worker is down, or that has heard nothing from the city for longer
 * than the city's sender keeps quiet between keepalives, is stale since the last time it heard.
 */

/** Longer than a quiet sender waits between keepalives (half of wal_sender_timeout, 60 s by default). */
export const STALE_AFTER_SECONDS = 75;

export interface LinkState {
  enabled: boolean;
  running: boolean;
  lastMessageAt: Date | null;
  latestEndAt: Date | null;
}

/**
 * The instant since which a city's data at the province is stale; null when current. A link that
 * has never heard from its city is stale with no known instant (`since: null`).
 */
export function staleSince(link: LinkState, now: Date): { stale: boolean; since: Date | null } {
  const heard = latest(link.lastMessageAt, link.latestEndAt);
  if (!link.enabled || !link.running) return { stale: true, since: heard };
  if (!heard) return { stale: true, since: null };
  if (now.getTime() - heard.getTime() > STALE_AFTER_SECONDS * 1000) return { stale: true, since: heard };
  return { stale: false, since: null };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
