/**
 * The map's own data: the basemap style and township outlines (public, from /basemap) and the
 * three binary feeds (with the wall's token). Feeds are fetched again whenever `refreshKey`
 * changes; while a fetch fails the last feeds stay on the map.
 */
import { useEffect, useRef, useState } from 'react';
import { toPointFeed } from './feed-data.js';
import { resolveStyleUrls, type StyleJson } from './basemap-style.js';
import type { AreaFeature } from './layers/choropleth.js';
import type { Feeds } from './wall-layers.js';
import { markWall } from './benchmark-marks.js';

export interface MapDataSource {
  fetchFeed: (path: string) => Promise<ArrayBuffer>;
  fetchJson: <T>(path: string) => Promise<T>;
  /** Query string for the feeds (unit, from, to), without "?"; null: not yet known, wait. */
  feedQuery: { cases: string; others: string } | null;
  refreshKey: number;
  onHealth: (ok: boolean) => void;
}

export function useBasemap(fetchJson: MapDataSource['fetchJson'], onHealth: (ok: boolean) => void) {
  const [style, setStyle] = useState<StyleJson | null>(null);
  const [townships, setTownships] = useState<AreaFeature[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    Promise.all([
      fetchJson<StyleJson>('/basemap/style.json'),
      fetchJson<{ features: AreaFeature[] }>('/basemap/boundaries/township.geojson'),
    ]).then(
      ([s, t]) => {
        if (cancelled) return;
        markWall('style');
        setStyle(resolveStyleUrls(s, window.location.origin));
        setTownships(t.features);
      },
      () => {
        if (cancelled) return;
        onHealth(false);
        // The server may be restarting: try again shortly.
        setTimeout(() => !cancelled && setAttempt((a) => a + 1), 3000);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fetchJson, onHealth, attempt]);
  return { style, townships };
}

/** The three feeds. */
export function useFeeds(source: MapDataSource): Feeds {
  const [feeds, setFeeds] = useState<Feeds>({ cases: null, cameras: null, riskPoints: null });
  const { fetchFeed, feedQuery, refreshKey } = source;
  const casesQuery = feedQuery?.cases ?? null;
  const othersQuery = feedQuery?.others ?? null;
  // Told, not a reason to fetch again: a new callback from a parent's render must not re-read the feeds.
  const onHealth = useRef(source.onHealth);
  onHealth.current = source.onHealth;
  useEffect(() => {
    if (casesQuery === null || othersQuery === null) return;
    let cancelled = false;
    const get = (path: string) => fetchFeed(path).then(toPointFeed);
    Promise.all([
      get(`/feeds/cases?${casesQuery}`),
      get(`/feeds/cameras?${othersQuery}`),
      get(`/feeds/risk-points?${othersQuery}`),
    ]).then(
      ([cases, cameras, riskPoints]) => {
        if (cancelled) return;
        markWall('feeds');
        setFeeds({ cases, cameras, riskPoints });
        onHealth.current(true);
      },
      () => !cancelled && onHealth.current(false),
    );
    return () => {
      cancelled = true;
    };
  }, [fetchFeed, casesQuery, othersQuery, refreshKey]);
  return feeds;
}
