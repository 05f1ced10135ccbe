/**
 * The wall's data, kept fresh without anyone touching it: unit places (public, hourly), who we
 * are and the units to rank (half-hourly), the snapshot of numbers and statistics (every
 * minute), live events (which also refresh what they change). Every source retries with backoff while the server is away and
 * keeps its last data meanwhile; health reports say what is stale.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { coalesce } from '../api/coalesce.js';
import { listenLive } from '../api/live.js';
import { startPoller, type Poller } from '../api/poller.js';
import { ApiError } from '../api/errors.js';
import type { ApiClient } from '../api/client.js';
import type { Source } from './health.js';
import { WALL_SNAPSHOT, WALL_STATIC, type WallSnapshot, type WallStatic } from './queries.js';
import { itemFromEvent, pushItem, type TickerItem } from './ticker.js';
import type { UnitPlace } from './tour.js';
import type { RankLevel } from './units.js';

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

export function useStatic(api: ApiClient, rankParent: string | null, rankLevel: RankLevel, report: HealthReport) {
  const [data, setData] = useState<WallStatic | null>(null);
  const byUnits = rankLevel !== 'grid';
  const variables = { rankParent, rankLevel: byUnits ? rankLevel : 'village', rankUnits: byUnits };
  usePoller(
    async () => setData(await api.query<WallStatic>(WALL_STATIC, variables)),
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
/** How soon the numbers follow live events (case moves, camera status, warnings). */
export const LIVE_NUMBERS_MS = 3_000;
/** How soon the map's grids follow a committed grid change. */
export const LIVE_GRIDS_MS = 1_000;
/** How soon the map's points follow case moves and camera status (each re-read is the whole feed). */
export const LIVE_POINTS_MS = 15_000;
/** How soon the index follows a publication (the schedule publishes a day, week and month at once). */
export const LIVE_INDEX_MS = 2_000;

/** What the wall does when live events tell it that what it shows has changed. */
export interface LiveReactions {
  /** Refetch the numbers, charts and alerts (also after a reconnect). */
  refreshNumbers: () => void;
  /** Re-read the map's feeds and grids. */
  refreshMap: () => void;
  /** Drop what is kept of a village's grids (before the map re-reads them). */
  forgetGrids: (villageCode: string) => void;
  /** Re-read the stability index: scores, trend and ranking (also after a reconnect). */
  refreshIndex: () => void;
}

/**
 * Live events for the ticker, and refreshes of what they change: a case move or a warning
 * refreshes the numbers, camera status the numbers and the points, a grid change the map at
 * once, a publication of the index the index. After a reconnect the numbers and the index are
 * refetched (events missed meanwhile are not replayed).
 */
export function useLiveEvents(api: ApiClient, unitCode: string | null, reactions: LiveReactions, report: HealthReport) {
  const [items, setItems] = useState<TickerItem[]>([]);
  // Through refs: a new `report` or reaction each render must not tear the socket down and open another.
  const react = useRef(reactions);
  react.current = reactions;
  const reportRef = useRef(report);
  reportRef.current = report;
  useEffect(() => {
    const numbers = coalesce(() => react.current.refreshNumbers(), LIVE_NUMBERS_MS);
    const points = coalesce(() => react.current.refreshMap(), LIVE_POINTS_MS);
    const grids = coalesce(() => {
      points.cancel();
      react.current.refreshMap();
      react.current.refreshNumbers();
    }, LIVE_GRIDS_MS);
    const index = coalesce(() => react.current.refreshIndex(), LIVE_INDEX_MS);
    // Opened a moment after the wall settles: a socket opened and closed again within a render
    // or two (login, unit from the URL) would surface as a stray CloseEvent in the page.
    let stop: (() => void) | null = null;
    const timer = setTimeout(() => {
      stop = listenLive({
        getToken: () => api.token(),
        unitCode,
        handlers: {
          caseChanged: (event) => {
            const item = itemFromEvent(event);
            if (item) setItems((before) => pushItem(before, item));
            numbers.poke();
            points.poke();
          },
          gridsChanged: (event) => {
            react.current.forgetGrids(event.villageCode);
            grids.poke();
          },
          cameraStatusChanged: () => {
            numbers.poke();
            points.poke();
          },
          warningRaised: () => numbers.poke(),
          indexPublished: () => index.poke(),
        },
        onConnected: (reconnected) => {
          reportRef.current('live', true);
          if (!reconnected) return;
          react.current.refreshNumbers();
          react.current.refreshIndex();
        },
        onLost: () => reportRef.current('live', false, new ApiError('network', 'live events disconnected')),
      });
    }, LIVE_SETTLE_MS);
    return () => {
      clearTimeout(timer);
      stop?.();
      for (const c of [numbers, points, grids, index]) c.cancel();
    };
  }, [api, unitCode]);
  return items;
}
