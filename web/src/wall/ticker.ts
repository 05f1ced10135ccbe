/**
 * The live ticker: the newest case events first, at most a screenful. Before any live event
 * arrives it shows the newest registered cases, so it is never empty on a quiet morning.
 */
import type { LiveCaseEvent } from '../api/live.js';
import type { CaseBrief } from './queries.js';

export interface TickerItem {
  /** Unique per event. */
  id: string;
  code: string;
  at: string;
  category: string;
  severity: string | null;
  villageCode: string;
  /** null for a newly reported case. */
  fromStatus: string | null;
  toStatus: string;
  live: boolean;
}

export const TICKER_LENGTH = 8;

export function itemFromEvent(event: LiveCaseEvent): TickerItem | null {
  if (!event.case) return null;
  return {
    id: `${event.caseCode}@${event.at}@${event.toStatus}`,
    code: event.caseCode,
    at: event.at,
    category: event.case.category,
    severity: event.case.severity,
    villageCode: event.case.villageCode,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    live: true,
  };
}

export function itemFromCase(c: CaseBrief): TickerItem {
  return {
    id: `${c.code}@${c.reportedAt}`,
    code: c.code,
    at: c.reportedAt ?? '',
    category: c.category,
    severity: c.severity ?? null,
    villageCode: c.villageCode,
    fromStatus: null,
    toStatus: c.status ?? 'registered',
    live: false,
  };
}

/** Adds an item on top, dropping duplicates and the oldest beyond the ticker's length. */
export function pushItem(items: readonly TickerItem[], item: TickerItem, length = TICKER_LENGTH): TickerItem[] {
  return [item, ...items.filter((i) => i.id !== item.id)].slice(0, length);
}

/** The items to show: live events first, topped up with the latest cases. */
export function tickerItems(
  live: readonly TickerItem[],
  latest: readonly TickerItem[],
  length = TICKER_LENGTH,
): TickerItem[] {
  const seen = new Set(live.map((i) => i.code));
  return [...live, ...latest.filter((i) => !seen.has(i.code))].slice(0, length);
}
