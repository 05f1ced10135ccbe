/**
 * The wall's stability-index data, read after the first frame and then every half hour (the
 * index is published once a period): the focus unit's latest published index with its 12-period
 * trend and its children's ranking; on demand, township and grid scores for the map's index
 * layer and Gi* hot spots for its hot-spot layer.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AreaFeature } from '../map/layers/choropleth.js';
import type { AreaScore } from '../map/layers/index-areas.js';
import { hotspotTownships, outlineLoader } from '../stability/outlines.js';
import { periodStartingOn, trendWindow, type PeriodKind } from '../stability/periods.js';
import {
  HOTSPOTS,
  INDEX_HISTORY,
  UNIT_INDEX,
  type HistoryPoint,
  type HotspotCell,
  type RankingEntry,
  type UnitIndexAnswer,
} from '../stability/queries.js';
import type { ApiClient } from '../api/client.js';

export const INDEX_PERIOD_MS = 30 * 60_000;
/** GraphQL refuses more aliases than this in one request (server/src/graphql/limits.ts). */
const ALIASES = 15;

export interface WallIndex {
  answer: UnitIndexAnswer;
  history: HistoryPoint[];
}

/**
 * `load` for `key` now and every `periodMs`, and again whenever `revision` grows; the answer for
 * the key stays on screen while it is read again (null only for a key not yet answered).
 */
function useEvery<T>(key: string | null, periodMs: number, load: () => Promise<T>, revision = 0): T | null {
  const [value, setValue] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    const run = () =>
      load().then(
        (v) => !cancelled && setValue({ key, value: v }),
        () => undefined, // The last answer stays on screen; the wall's health shows the outage.
      );
    void run();
    const timer = setInterval(run, periodMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [key, revision]);
  return value && value.key === key ? value.value : null;
}

/** `revision` grows with each publication of the index (a live event): the index is read again. */
export function useWallIndex(api: ApiClient, unit: string | null, kind: PeriodKind, revision = 0): WallIndex | null {
  const load = async (): Promise<WallIndex> => {
    const answer = await api.query<UnitIndexAnswer>(UNIT_INDEX, { unit, period: kind, at: null, withRanking: true });
    const period = answer.stabilityIndex && periodStartingOn(kind, answer.stabilityIndex.periodStart);
    const history = period
      ? (
          await api.query<{ stabilityIndexHistory: HistoryPoint[] }>(INDEX_HISTORY, {
            unit,
            period: kind,
            ...trendWindow(period),
          })
        ).stabilityIndexHistory
      : [];
    return { answer, history };
  };
  return useEvery(unit && `${unit}|${kind}`, INDEX_PERIOD_MS, load, revision);
}

/** One request ranking the children of several parents (aliases r0, r1, …). */
export function rankingsQuery(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: ranking(parentCode: $p${i}, period: $period) { entries { unitCode score band } }`,
  );
  const vars = Array.from({ length: count }, (_, i) => `$p${i}: ID`).join(', ');
  return `query IndexScores($period: IndexPeriod!, ${vars}) { ${fields.join(' ')} }`;
}

/** Latest published scores of the children of every parent, in requests of at most 15 parents. */
export async function childScores(
  api: ApiClient,
  parents: readonly string[],
  kind: PeriodKind,
): Promise<Map<string, AreaScore>> {
  const out = new Map<string, AreaScore>();
  for (let i = 0; i < parents.length; i += ALIASES) {
    const chunk = parents.slice(i, i + ALIASES);
    const vars = Object.fromEntries(chunk.map((p, j) => [`p${j}`, p]));
    const answer = await api.query<Record<string, { entries: RankingEntry[] } | null>>(rankingsQuery(chunk.length), {
      period: kind,
      ...vars,
    });
    for (const r of Object.values(answer)) for (const e of r?.entries ?? []) out.set(e.unitCode, e);
  }
  return out;
}

/**
 * Scores for the map's index layer: every township (rankings of the counties) and, for the
 * townships whose grids are on screen, every grid (rankings of their villages).
 */
export function useIndexScores(
  api: ApiClient,
  counties: readonly string[],
  gridTownships: readonly string[],
  kind: PeriodKind,
  enabled: boolean,
  revision = 0,
): ReadonlyMap<string, AreaScore> {
  const townships = useEvery(
    enabled && counties.length ? `${counties.join(',')}|${kind}` : null,
    INDEX_PERIOD_MS,
    () => childScores(api, counties, kind),
    revision,
  );
  // Grid scores kept per township, for the revision they were read at.
  const [grids, setGrids] = useState<{
    revision: number;
    byTownship: ReadonlyMap<string, ReadonlyMap<string, AreaScore>>;
  }>({ revision, byTownship: new Map() });
  const wanted = enabled ? gridTownships.join(',') : '';
  useEffect(() => {
    let cancelled = false;
    const kept = grids.revision === revision ? grids.byTownship : new Map();
    for (const township of wanted ? wanted.split(',') : []) {
      if (kept.has(township)) continue;
      void childScores(api, [township], kind)
        .then((villages) => childScores(api, [...villages.keys()], kind))
        .then(
          (scores) =>
            !cancelled &&
            setGrids((before) => ({
              revision,
              byTownship: new Map(before.revision === revision ? before.byTownship : []).set(township, scores),
            })),
          () => undefined,
        );
    }
    return () => {
      cancelled = true;
    };
  }, [wanted, kind, revision]);
  return useMemo(() => {
    const all = new Map(townships ?? []);
    for (const g of grids.byTownship.values()) for (const [code, s] of g) all.set(code, s);
    return all;
  }, [townships, grids]);
}

export interface WallHotspots {
  grids: AreaFeature[];
  bins: Map<string, number>;
  version: string;
}

/** Gi* over the wall's time window, with outlines for the grids that are significant. */
export function useWallHotspots(
  api: ApiClient,
  unit: string | null,
  range: { from: Date; to: Date },
  enabled: boolean,
): WallHotspots | null {
  const outlines = useMemo(() => outlineLoader(api.query), [api]);
  const key = enabled && unit ? `${unit}|${range.from.toISOString()}|${range.to.toISOString()}` : null;
  return useEvery(key, INDEX_PERIOD_MS, async () => {
    const { hotspots } = await api.query<{ hotspots: HotspotCell[] }>(HOTSPOTS, {
      unit,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
    });
    const bins = new Map(hotspots.map((c) => [c.gridCode, c.bin]));
    const all = await Promise.all(hotspotTownships(hotspots).map((t) => outlines.grids(t)));
    const grids = all.flat().filter((g) => (bins.get(g.properties.code) ?? 0) !== 0);
    return { grids, bins, version: key! };
  });
}
