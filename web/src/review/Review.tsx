/**
 * The leaders' review: a unit and a period; its index broken down by indicator, its trend, its
 * children on a map coloured by index with Gi* hot spots over them, their ranking; drill down by
 * clicking, back up by the breadcrumb (or the browser's back button: the state is in the URL);
 * a second period to compare; PNG and CSV export.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IndicatorBars } from '../charts/IndicatorBars.js';
import { ScoreTrend } from '../charts/ScoreTrend.js';
import { featureBbox, type Bbox } from '../map/grid-view.js';
import type { StyleJson } from '../map/basemap-style.js';
import { resolveStyleUrls } from '../map/basemap-style.js';
import type { AreaScore } from '../map/layers/index-areas.js';
import { toCsv } from '../stability/csv.js';
import {
  childLevel,
  isChildOf,
  levelOf,
  pathFrom,
  searchOf,
  stateFromSearch,
  type ReviewState,
} from '../stability/drill.js';
import { outlineLoader } from '../stability/outlines.js';
import {
  PERIOD_KINDS,
  periodLabel,
  periodOr,
  periodsEndingWith,
  periodTick,
  previousPeriod,
  recentPeriods,
  type PeriodKind,
} from '../stability/periods.js';
import { ME } from '../stability/queries.js';
import { BAND_COLORS, HOTSPOT_COLORS } from '../theme/palette.js';
import type { ApiClient } from '../api/client.js';
import { Panel } from '../ui/Panel.js';
import { breakdownRows, breakdownTable, rankingTable } from './breakdown.js';
import { composeMapImage, downloadCsv, downloadPng } from './export.js';
import { BreakdownTable, HotspotList, RankingTable, ScoreCard, useNumber } from './ReviewPanels.js';
import { useLoad, useReviewData } from './use-review-data.js';

const ReviewMap = lazy(() => import('../map/ReviewMap.js'));

/** Periods offered in the pickers. */
const CHOICES = 24;

export function Review({ api, onAuthFailed }: { api: ApiClient; onAuthFailed: (reason: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const num = useNumber();
  const [state, setState] = useState<ReviewState>(() => stateFromSearch(window.location.search));
  const [hover, setHover] = useState<string | null>(null);
  const [showHotspots, setShowHotspots] = useState(true);
  const canvases = useRef<() => HTMLCanvasElement[]>(() => []);

  // The state is the URL: each change is a history entry, and back/forward restore it.
  const go = useCallback((next: Partial<ReviewState>) => {
    setState((s) => {
      const merged = { ...s, ...next };
      window.history.pushState(null, '', window.location.pathname + searchOf(merged, window.location.search));
      return merged;
    });
  }, []);
  useEffect(() => {
    const back = () => setState(stateFromSearch(window.location.search));
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  const me = useLoad('me', () => api.query<{ me: { username: string; jurisdiction: string } }>(ME));
  useEffect(() => {
    if (me.error && /log in|token|unauth/i.test(me.error)) onAuthFailed(me.error);
  }, [me.error]);
  const root = me.data?.me.jurisdiction ?? null;
  const unit = state.unit ?? root;

  const now = useMemo(() => new Date(), []);
  const choices = useMemo(() => recentPeriods(state.kind, now, CHOICES), [state.kind, now]);
  const a = periodOr(state.kind, state.period, choices[0]!);
  const b = state.compare ? periodOr(state.kind, state.compare, previousPeriod(a)) : null;

  const outlines = useMemo(() => outlineLoader(api.query), [api]);
  const data = useReviewData(api, outlines, unit, a, b);
  const index = data.indexA.data?.stabilityIndex ?? null;
  const indexB = data.indexB.data?.stabilityIndex ?? null;
  const ranking = data.indexA.data?.ranking ?? null;
  useEffect(() => {
    for (const e of [data.indexA.error, data.hotspots.error]) if (e && /unauth/i.test(e)) onAuthFailed(e);
  }, [data.indexA.error, data.hotspots.error]);

  const style = useLoad('style', async () =>
    resolveStyleUrls(await api.json<StyleJson>('/basemap/style.json'), window.location.origin),
  );

  const areas = data.areas.data ?? [];
  // Names of every unit (public, as the wall reads them), for the breadcrumb's ancestors.
  const places = useLoad('places', () => api.json<{ units: { code: string; name: string }[] }>('/basemap/units.json'));
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

  const path = root && unit ? pathFrom(root, unit) : [];
  const drillable = unit !== null && childLevel(levelOf(unit)) !== null;
  const drill = useCallback(
    (code: string) => {
      if (unit && isChildOf(code, unit)) go({ unit: code });
    },
    [unit, go],
  );

  const unitName = index?.unitName ?? (unit ? names.get(unit) : null) ?? unit ?? '';
  const labelA = periodLabel(a, lang);
  const labelB = b ? periodLabel(b, lang) : null;
  const baseName = `${unitName}_${labelA}${labelB ? `_${labelB}` : ''}`;
  const bandName = (band: string) => t(`band.${band}`);

  const exportCsv = () => {
    if (!index) return;
    const table = breakdownTable(
      rows,
      { a: index.score, b: indexB?.score ?? null },
      {
        indicator: t('review.indicator'),
        raw: t('review.raw'),
        normalised: t('review.normalised'),
        weight: t('review.weight'),
        contribution: t('review.contribution'),
        change: t('review.change'),
        total: t('review.total'),
        periodA: t('review.periodA'),
        periodB: t('review.periodB'),
      },
      b !== null,
    );
    downloadCsv(`${baseName}_${t('review.breakdown')}.csv`, toCsv(table.header, table.rows));
  };
  const exportRanking = () => {
    if (!ranking) return;
    const table = rankingTable(
      ranking.entries,
      {
        rank: t('review.rank'),
        code: t('detail.code'),
        name: t('review.name'),
        score: t('index.score'),
        band: t('detail.level'),
        previous: t('review.previousScore'),
      },
      bandName,
    );
    downloadCsv(`${baseName}_${t('review.ranking')}.csv`, toCsv(table.header, table.rows));
  };
  const exportPng = () => {
    const image = composeMapImage(canvases.current(), {
      title: `${unitName} · ${t('index.title')} ${index ? num(index.score, 1) : '—'}${index ? ` (${bandName(index.band)})` : ''}`,
      subtitle: `${labelA}${labelB ? ` / ${labelB}` : ''} · ${t('review.drill')}`,
      legend: [
        ...(['red', 'orange', 'yellow', 'blue'] as const).map((band) => ({
          label: bandName(band),
          color: BAND_COLORS[band],
        })),
        ...[3, 2, 1, -1, -2, -3].map((bin) => ({
          label: t(`hotspotBin.${bin}`),
          color: HOTSPOT_COLORS[bin]!,
          outline: true,
        })),
      ],
      footer: index
        ? t('review.revision', { revision: index.revision, version: index.weightsVersion, by: index.publishedBy })
        : '',
    });
    void downloadPng(`${baseName}.png`, image);
  };

  const describe = useCallback(
    (code: string, layer: 'area' | 'hotspot') => {
      const name = names.get(code) ?? code;
      if (layer === 'hotspot') {
        const bin = bins.get(code) ?? 0;
        return [name, t(`hotspotBin.${bin}`)];
      }
      const s = scores.get(code);
      return [name, s ? `${t('index.score')} ${num(s.score, 1)} · ${t(`band.${s.band}`)}` : t('index.noIndex')];
    },
    [names, bins, scores, lang],
  );

  const failed = data.indexA.error ?? me.error;
  return (
    <div className="review" data-testid="review">
      <header className="review-header">
        <div className="review-brand">
          <span className="emblem" aria-hidden="true" />
          <div>
            <h1>{t('review.title')}</h1>
            <nav className="breadcrumb" data-testid="breadcrumb" aria-label={t('review.unit')}>
              {path.map((code, i) => (
                <span key={code}>
                  {i > 0 && <span className="sep">›</span>}
                  {i === path.length - 1 ? (
                    <b data-code={code}>{names.get(code) ?? (code === unit ? unitName : code)}</b>
                  ) : (
                    <button type="button" className="link" data-code={code} onClick={() => go({ unit: code })}>
                      {names.get(code) ?? code}
                    </button>
                  )}
                </span>
              ))}
            </nav>
          </div>
        </div>
        <div className="review-controls">
          <div className="seg" role="group" aria-label={t('review.periodKind')}>
            {PERIOD_KINDS.map((k: PeriodKind) => (
              <button
                key={k}
                type="button"
                className={`chip${k === state.kind ? ' on' : ''}`}
                data-testid={`kind-${k}`}
                aria-pressed={k === state.kind}
                onClick={() => go({ kind: k, period: null, compare: null })}
              >
                {t(`index.periodKind.${k}`)}
              </button>
            ))}
          </div>
          <label>
            {t('review.period')}
            <select data-testid="period-a" value={a.start} onChange={(e) => go({ period: e.target.value })}>
              {choices.map((p) => (
                <option key={p.start} value={p.start}>
                  {periodLabel(p, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('review.compareWith')}
            <select
              data-testid="period-b"
              value={b?.start ?? ''}
              onChange={(e) => go({ compare: e.target.value || null })}
            >
              <option value="">—</option>
              {choices
                .filter((p) => p.start !== a.start)
                .map((p) => (
                  <option key={p.start} value={p.start}>
                    {periodLabel(p, lang)}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" className="chip" data-testid="export-png" onClick={exportPng} disabled={!index}>
            {t('review.exportPng')}
          </button>
          <button type="button" className="chip" data-testid="export-csv" onClick={exportCsv} disabled={!index}>
            {t('review.exportCsv')}
          </button>
          <button
            type="button"
            className="chip"
            data-testid="export-ranking"
            onClick={exportRanking}
            disabled={!ranking}
          >
            {t('review.exportRanking')}
          </button>
          <button
            type="button"
            className="chip"
            data-testid="language"
            onClick={() => void i18n.changeLanguage(lang === 'en' ? 'zh' : 'en')}
          >
            {t('app.switchLanguage')}
          </button>
        </div>
      </header>
      <main className="review-body">
        <div className="review-col left">
          <Panel title={`${unitName} · ${t('index.title')}`} testId="panel-score" className="score-panel">
            {index ? (
              <ScoreCard a={index} b={indexB} labelA={labelA} labelB={labelB} />
            ) : (
              <p className="empty" data-testid="no-index">
                {data.indexA.loading || me.loading ? t('review.loading') : (failed ?? t('review.noData'))}
              </p>
            )}
          </Panel>
          <Panel title={t('index.trend')} testId="panel-trend" className="trend-panel">
            <ScoreTrend points={trend} label={t('index.trend')} marked={a.start} />
          </Panel>
          <Panel
            title={t('review.breakdown')}
            extra={b ? <span className="panel-note">{`${labelA} / ${labelB}`}</span> : undefined}
            testId="panel-breakdown"
            className="breakdown-panel"
          >
            <IndicatorBars
              bars={rows.map((r) => ({
                key: r.key,
                label: r.label,
                contribution: r.contribution,
                max: 100 * r.weight,
                missing: r.raw === null,
                compare: b ? (r.compare?.contribution ?? null) : undefined,
              }))}
              format={(v) => num(v, 1)}
            />
          </Panel>
        </div>
        <div className="review-center">
          <div className="review-map-frame">
            <Suspense fallback={<div className="map-loading">{t('review.loading')}</div>}>
              <ReviewMap
                style={style.data}
                areas={areas}
                scores={scores}
                selected={hover}
                hotspots={{ grids: data.hotGrids.data ?? [], bins, visible: showHotspots }}
                bbox={bbox}
                describe={describe}
                onPick={drill}
                onCanvases={(get) => (canvases.current = get)}
              />
            </Suspense>
            <div className="map-card review-legend" data-testid="review-legend">
              <h3>{t('legend.index')}</h3>
              {(['blue', 'yellow', 'orange', 'red'] as const).map((band) => (
                <span key={band} className="legend-item">
                  <i style={{ background: `rgb(${BAND_COLORS[band].join(' ')})` }} />
                  {bandName(band)}
                </span>
              ))}
              <button
                type="button"
                className={`toggle${showHotspots ? ' on' : ''}`}
                aria-pressed={showHotspots}
                data-testid="toggle-hotspots"
                onClick={() => setShowHotspots((v) => !v)}
              >
                <i />
                {t('legend.hotspots')}
              </button>
              {showHotspots &&
                [3, 2, 1, -1, -2, -3].map((bin) => (
                  <span key={bin} className="legend-item">
                    <i className="outline" style={{ borderColor: `rgb(${HOTSPOT_COLORS[bin]!.join(' ')})` }} />
                    {t(`hotspotBin.${bin}`)}
                  </span>
                ))}
              <p className="hint">{drillable ? t('review.drill') : t('review.leaf')}</p>
            </div>
          </div>
          {index && (
            <div className="review-table-wrap">
              <BreakdownTable rows={rows} score={index.score} compare={b ? (indexB?.score ?? null) : null} />
            </div>
          )}
        </div>
        <div className="review-col right">
          <Panel title={t('review.ranking')} testId="panel-ranking" className="ranking-panel">
            {ranking ? (
              <RankingTable
                entries={ranking.entries}
                selected={hover}
                onPick={drill}
                onHover={setHover}
                canDrill={drillable}
              />
            ) : (
              <p className="empty">{unit && levelOf(unit) === 'grid' ? t('review.leaf') : t('panels.noData')}</p>
            )}
          </Panel>
          <Panel
            title={t('review.hotspots')}
            extra={<span className="panel-note">{t('review.hotspotsNote')}</span>}
            testId="panel-hotspots"
            className="hotspot-panel"
          >
            <HotspotList cells={data.hotspots.data ?? []} names={names} onHover={setHover} />
          </Panel>
        </div>
      </main>
    </div>
  );
}
