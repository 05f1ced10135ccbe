/**
 * What the review's panels and map show, derived from what was read: the units' names, their
 * scores and hot-spot bins by code, the box to fit, the indicator rows and the trend's points.
 */
import { useMemo } from 'react';
import { featureBbox, type Bbox } from '../map/grid-view.js';
import type { AreaScore } from '../map/layers/index-areas.js';
import { levelOf } from '../stability/drill.js';
import { periodsEndingWith, periodTick, type Period } from '../stability/periods.js';
import { breakdownRows } from './breakdown.js';
import type { Loaded, useReviewData } from './use-review-data.js';

type ReviewData = ReturnType<typeof useReviewData>;
type Places = Loaded<{ units: { code: string; name: string }[] }>;

/** The review's derived view of `data` for period `a` in `lang`. */
export function useReviewView(data: ReviewData, places: Places, a: Period, lang: 'zh' | 'en') {
  const index = data.indexA.data?.stabilityIndex ?? null;
  const indexB = data.indexB.data?.stabilityIndex ?? null;
  const ranking = data.indexA.data?.ranking ?? null;
  const areas = data.areas.data ?? [];
  const names = useMemo(() => {
    const m = new Map<string, string>((places.data?.units ?? []).map((u) => [u.code, u.name]));
    for (const f of [...areas, ...(data.hotGrids.data ?? [])]) m.set(f.properties.code, f.properties.name ?? '');
    for (const e of ranking?.entries ?? []) if (e.unitName) m.set(e.unitCode, e.unitName);
    if (index?.unitName) m.set(index.unitCode, index.unitName);
    return m;
  }, [places.data, areas, data.hotGrids.data, ranking, index]);
  const scores = useMemo(() => {
    const m = new Map<string, AreaScore>();
    for (const e of ranking?.entries ?? []) m.set(e.unitCode, { score: e.score, band: e.band });
    if (index && levelOf(index.unitCode) === 'grid') m.set(index.unitCode, { score: index.score, band: index.band });
    return m;
  }, [ranking, index]);
  const bins = useMemo(() => new Map((data.hotspots.data ?? []).map((c) => [c.gridCode, c.bin])), [data.hotspots.data]);
  const bbox = useMemo<Bbox | null>(() => {
    if (areas.length === 0) return null;
    const boxes = areas.map(featureBbox);
    return [
      Math.min(...boxes.map((x) => x[0])),
      Math.min(...boxes.map((x) => x[1])),
      Math.max(...boxes.map((x) => x[2])),
      Math.max(...boxes.map((x) => x[3])),
    ];
  }, [areas]);
  const rows = useMemo(() => (index ? breakdownRows(index, indexB, lang) : []), [index, indexB, lang]);
  const history = data.history.data ?? [];
  const trend = useMemo(() => {
    const byStart = new Map(history.map((h) => [h.periodStart, h.score]));
    return periodsEndingWith(a, 12).map((p) => ({
      key: p.start,
      tick: periodTick(p, lang),
      score: byStart.get(p.start) ?? null,
    }));
  }, [history, a.start, a.kind, lang]);
  return { index, indexB, ranking, areas, names, scores, bins, bbox, rows, trend };
}

/** The derived view, as {@link useReviewView} returns it. */
export type ReviewView = ReturnType<typeof useReviewView>;
