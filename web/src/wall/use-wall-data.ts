/**
 * The wall's data, kept fresh without anyone touching it: unit places (public, hourly), who we
 * are and the units to rank (half-hourly), the snapshot of numbers and statistics (every
 * minute), live case events. Every source retries with backoff while the server is away and
 * keeps its last data meanwhile; health reports say what is stale.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { listenToCaseEvents } from '../api/live.js';
import { startPoller, type Poller } from '../api/poller.js';
import { ApiError } from '../api/errors.js';
import type { ApiClient } from '../api/client.js';
import type { Source } from './health.js';
import { WALL_SNAPSHOT, WALL_STATIC, type WallSnapshot, type WallStatic } from './queries.js';
import { itemFromEvent, pushItem, type TickerItem } from './ticker.js';
import type { UnitPlace } from './tour.js';

export const SNAPSHOT_PERIOD_MS = 60_000;
export const STATIC_PERIOD_MS = 30 * 60_000;
export const PLACES_PERIOD_MS = 60 * 60_000;

export type HealthReport = (source: Source, ok: boolean, error?: unknown) => void;

function usePoller(
  task: () => Promise<void>,
  periodMs: number,
  onRun: (ok: boolean, error?: unknown) => void,
  deps: unknown[],
): Poller | null {
  const [poller, setPoller] = useState<Poller | null>(null);
  const taskRef = useRef(task);
  taskRef.current = task;
  const onRunRef = useRef(onRun);
  onRunRef.current = onRun;
  useEffect(() => {
    const p = startPoller({
      task: () => taskRef.current(),
      periodMs,
      onRun: (r) => onRunRef.current(r.ok, r.ok ? undefined : r.error),
    });
    setPoller(p);
    return () => p.stop();
  }, deps);
  return poller;
}

export function usePlaces(api: ApiClient, report: HealthReport) {
  const [places, setPlaces] = useState<UnitPlace[]>([]);
  usePoller(
    async () => setPlaces((await api.json<{ units: UnitPlace[] }>('/basemap/units.json')).units),
    PLACES_PERIOD_MS,
    (ok, error) => report('snapshot', ok, error),
    [api],
  );
  const byCode = useMemo(() => new Map(places.map((p) => [p.code, p])), [places]);
  return { places, byCode };
}

export function useStatic(
  api: ApiClient,
  rankParent: string | null,
  rankLevel: 'township' | 'village',
  report: HealthReport,
) {
  const [data, setData] = useState<WallStatic | null>(null);
  usePoller(
    async () => setData(await api.query<WallStatic>(WALL_STATIC, { rankParent, rankLevel })),
    STATIC_PERIOD_MS,
    (ok, error) => report('snapshot', ok, error),
    [api, rankParent, rankLevel],
  );
  return data;
}

export function useSnapshot(api: ApiClient, variables: Record<string, unknown> | null, report: HealthReport) {
  const [data, setData] = useState<WallSnapshot | null>(null);
  const [fetchedAt, setFetchedAt] = useState<Date | null>(null);
  const key = JSON.stringify(variables);
  const poller = usePoller(
    async () => {
      if (!variables) return;
      setData(await api.query<WallSnapshot>(WALL_SNAPSHOT, variables));
      setFetchedAt(new Date());
    },
    SNAPSHOT_PERIOD_MS,
    (ok, error) => report('snapshot', ok, error),
    [api, key],
  );
  return { data, fetchedAt, refresh: () => poller?.trigger() };
}

const LIVE_SETTLE_MS = 500;

/** Live events; after a reconnect `onReconnect` runs so the wall refetches what it missed. */
export function useLiveEvents(api: ApiClient, unitCode: string | null, onReconnect: () => void, report: HealthReport) {
  const [items, setItems] = useState<TickerItem[]>([]);
  const reconnect = useRef(onReconnect);
  reconnect.current = onReconnect;
  // Through a ref: a new `report` each render must not tear the socket down and open another.
  const reportRef = useRef(report);
  reportRef.current = report;
  useEffect(() => {
    // Opened a moment after the wall settles: a socket opened and closed again within a render
    // or two (login, unit from the URL) would surface as a stray CloseEvent in the page.
    let stop: (() => void) | null = null;
    const timer = setTimeout(() => {
      stop = listenToCaseEvents({
        getToken: () => api.token(),
        unitCode,
        onEvent: (event) => {
          const item = itemFromEvent(event);
          if (item) setItems((before) => pushItem(before, item));
        },
        onConnected: (reconnected) => {
          reportRef.current('live', true);
          if (reconnected) reconnect.current();
        },
        onLost: () => reportRef.current('live', false, new ApiError('network', 'live events disconnected')),
      });
    }, LIVE_SETTLE_MS);
    return () => {
      clearTimeout(timer);
      stop?.();
    };
  }, [api, unitCode]);
  return items;
}
