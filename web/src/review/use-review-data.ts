/**
 * What the review shows, read for the unit and periods chosen: the index of period A (and B when
 * comparing) with the children's ranking, the 12-period trend, Gi* hot spots of period A, and
 * outlines of the children and of the significant grids. Hot spots and outlines are read again
 * when live events say cases moved or grids changed.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ApiError, type ApiErrorKind } from '../api/errors.js';
import type { AreaFeature } from '../map/layers/choropleth.js';
import { levelOf } from '../stability/drill.js';
import { hotspotTownships, type OutlineLoader } from '../stability/outlines.js';
import { periodAt, trendWindow, type Period } from '../stability/periods.js';
import {
  HOTSPOTS,
  INDEX_HISTORY,
  UNIT_INDEX,
  type HistoryPoint,
  type HotspotCell,
  type UnitIndexAnswer,
} from '../stability/queries.js';

/** One request's state; `errorKind` says why it failed (null for a failure that is no ApiError). */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  errorKind: ApiErrorKind | null;
  loading: boolean;
}

/** Runs `load` whenever `key` changes; an answer to an older key is dropped. */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T> & { key: string | null }>({
    data: null,
    error: null,
    errorKind: null,
    loading: false,
    key: null,
  });
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true, error: null, errorKind: null }));
    load().then(
      (data) => !cancelled && setState({ data, error: null, errorKind: null, loading: false, key }),
      (error: unknown) =>
        !cancelled &&
        setState({
          data: null,
          error: (error as Error).message,
          errorKind: error instanceof ApiError ? error.kind : null,
          loading: false,
          key,
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [key]);
  return state;
}

/** Everything the review reads for `unit` and periods `a` (and `b`, when comparing). */
export function useReviewData(
  api: ApiClient,
  outlines: OutlineLoader,
  unit: string | null,
  a: Period,
  b: Period | null,
  /** Grows when live events changed what the hot spots and outlines are drawn from. */
  liveVersion = 0,
  /** Grows when the index was published again. */
  indexVersion = 0,
) {
  const isGrid = unit !== null && levelOf(unit) === 'grid';
  const indexOf = (p: Period) => () =>
    api.query<UnitIndexAnswer>(UNIT_INDEX, { unit, period: p.kind, at: periodAt(p), withRanking: !isGrid });
  const base = unit ? `${unit}|${a.kind}|${indexVersion}` : null;
  const indexA = useLoad(base && `${base}|${a.start}`, indexOf(a));
  const indexB = useLoad(base && b ? `${base}|${b.start}` : null, indexOf(b ?? a));
  const history = useLoad(base && `${base}|${a.start}|trend`, () =>
    api
      .query<{ stabilityIndexHistory: HistoryPoint[] }>(INDEX_HISTORY, { unit, period: a.kind, ...trendWindow(a) })
      .then((r) => r.stabilityIndexHistory),
  );
  const hotspots = useLoad(unit && `${unit}|${a.kind}|${a.start}|hot|${liveVersion}`, () =>
    api
      .query<{ hotspots: HotspotCell[] }>(HOTSPOTS, {
        unit,
        from: a.startAt.toISOString(),
        to: a.endAt.toISOString(),
      })
      .then((r) => r.hotspots),
  );
  const areas = useLoad<AreaFeature[]>(unit && `${unit}|${liveVersion}`, async () => {
    if (!isGrid) return outlines.children(unit!);
    return (await outlines.grids(unit!.slice(0, 12))).filter((g) => g.properties.code === unit);
  });
  const cells = hotspots.data;
  const townships = useMemo(() => (cells ? hotspotTownships(cells) : []), [cells]);
  const hotGrids = useLoad<AreaFeature[]>(cells ? `${unit}|${a.start}|${townships.join(',')}` : null, async () => {
    const significant = new Set(cells!.filter((c) => c.bin !== 0).map((c) => c.gridCode));
    const all = await Promise.all(townships.map((t) => outlines.grids(t)));
    return all.flat().filter((g) => significant.has(g.properties.code));
  });
  return { indexA, indexB, history, hotspots, areas, hotGrids };
}

/** Tells `onAuthFailed` when any of `loads` was refused for want of a valid sign-in. */
export function useAuthFailure(loads: readonly Loaded<unknown>[], onAuthFailed: (reason: string) => void): void {
  const refused = loads.find((l) => l.errorKind === 'unauthenticated')?.error ?? null;
  useEffect(() => {
    if (refused !== null) onAuthFailed(refused);
  }, [refused]);
}
