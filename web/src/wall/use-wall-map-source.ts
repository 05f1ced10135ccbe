/**
 * What the wall's map reads: the basemap and the binary feeds (the cases of the last year, the
 * cameras and risk points), for the address's unit when it names one, and the grids' counts for
 * the window as the map zooms in (outlines kept until a grid change drops them).
 */
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../api/client.js';
import { useBasemap, useFeeds } from '../map/use-map-data.js';
import type { Range } from '../time/windows.js';
import { gridLoader } from './grids.js';

interface MapSourceInput {
  unitParam: string | null;
  /** The address names a unit not yet vouched for: the feeds wait. */
  unitPending: boolean;
  feedRange: Range;
  range: Range;
  refreshKey: number;
  mapHealth: (ok: boolean) => void;
}

/** The basemap, the feeds and the grid loader for the wall's map. */
export function useWallMapSource(api: ApiClient, p: MapSourceInput) {
  const grids = useMemo(() => gridLoader(api), [api]);
  const { range, feedRange, unitPending } = p;
  const loadGrids = useCallback((code: string) => grids.load(code, range), [grids, range]);
  const unitQuery = p.unitParam ? `unit=${p.unitParam}` : '';
  const feedQuery = useMemo(
    () =>
      unitPending
        ? null
        : {
            cases: [`from=${feedRange.from.toISOString()}`, `to=${feedRange.to.toISOString()}`, unitQuery]
              .filter(Boolean)
              .join('&'),
            others: unitQuery,
          },
    [feedRange, unitQuery, unitPending],
  );
  const mapSource = {
    fetchFeed: api.feed,
    fetchJson: api.json,
    feedQuery,
    refreshKey: p.refreshKey,
    onHealth: p.mapHealth,
  };
  const basemap = useBasemap(mapSource.fetchJson, p.mapHealth);
  // The feeds name a unit only when the address does; otherwise the server gives the whole
  // jurisdiction, so they are asked for at once, beside the login, not after the "who am I".
  const feeds = useFeeds(mapSource);
  return { basemap, feeds, loadGrids, forgetGrids: grids.forgetVillage };
}
