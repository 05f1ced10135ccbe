/**
 * The leaders' review: a unit and a period; its index broken down by indicator, its trend, its
 * children on a map coloured by index with Gi* hot spots over them, their ranking; drill down by
 * clicking, back up by the breadcrumb (or the browser's back button: the state is in the URL);
 * a second period to compare; PNG and CSV export.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.js';
import { useLiveVersion } from '../api/use-live-version.js';
import { IndicatorBars } from '../charts/IndicatorBars.js';
import { ScoreTrend } from '../charts/ScoreTrend.js';
import type { StyleJson } from '../map/basemap-style.js';
import { resolveStyleUrls } from '../map/basemap-style.js';
import { childLevel, isChildOf, levelOf, pathFrom } from '../stability/drill.js';
import { outlineLoader } from '../stability/outlines.js';
import { periodLabel, periodOr, previousPeriod, recentPeriods } from '../stability/periods.js';
import { ME } from '../stability/queries.js';
import { Panel } from '../ui/Panel.js';
import { ReviewHeader } from './ReviewHeader.js';
import { ReviewMapFrame } from './ReviewMapFrame.js';
import { BreakdownTable, HotspotList, RankingTable, ScoreCard, useNumber } from './ReviewPanels.js';
import { useAuthFailure, useLoad, useReviewData } from './use-review-data.js';
import { useReviewExports } from './use-review-exports.js';
import { useReviewLocation } from './use-review-location.js';
import { useReviewView } from './use-review-view.js';

/** Periods offered in the pickers. */
const CHOICES = 24;

/** What the review reads again when it happens: hot spots and outlines follow cases and grids. */
const LIVE_TOPICS = ['caseChanged', 'gridsChanged', 'indexPublished'] as const;
/** Hot spots are a whole period's statistics: a quarter-minute behind the newest case is soon enough. */
const LIVE_REVIEW_MS = 15_000;

export function Review({ api, onAuthFailed }: { api: ApiClient; onAuthFailed: (reason: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const num = useNumber();
  const [state, go] = useReviewLocation();
  const [hover, setHover] = useState<string | null>(null);
  const canvases = useRef<() => HTMLCanvasElement[]>(() => []);

  const me = useLoad('me', () => api.query<{ me: { username: string; jurisdiction: string } }>(ME));
  const root = me.data?.me.jurisdiction ?? null;
  const unit = state.unit ?? root;

  const now = useMemo(() => new Date(), []);
  const choices = useMemo(() => recentPeriods(state.kind, now, CHOICES), [state.kind, now]);
  const a = periodOr(state.kind, state.period, choices[0]!);
  const b = state.compare ? periodOr(state.kind, state.compare, previousPeriod(a)) : null;

  const outlines = useMemo(() => outlineLoader(api.query), [api]);
  // A publication of the index is read at once; case moves and grid changes a while later.
  const [indexVersion, setIndexVersion] = useState(0);
  const liveVersion = useLiveVersion(api, unit && unit.slice(0, 12), LIVE_TOPICS, {
    waitMs: LIVE_REVIEW_MS,
    onEvent: (topic) => {
      if (topic === 'gridsChanged') outlines.forgetGrids();
      if (topic === 'indexPublished') setIndexVersion((v) => v + 1);
    },
  });
  const data = useReviewData(api, outlines, unit, a, b, liveVersion, indexVersion);
  useAuthFailure([me, data.indexA, data.hotspots], onAuthFailed);

  const style = useLoad('style', async () =>
    resolveStyleUrls(await api.json<StyleJson>('/basemap/style.json'), window.location.origin),
  );
  // Names of every unit (public, as the wall reads them), for the breadcrumb's ancestors.
  const places = useLoad('places', () => api.json<{ units: { code: string; name: string }[] }>('/basemap/units.json'));
  const view = useReviewView(data, places, a, lang);
  const { index, indexB, ranking, names, scores, bins, rows } = view;

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
  const exports = useReviewExports(view, { baseName, unitName, labelA, labelB, comparing: b !== null }, canvases);

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
      <ReviewHeader
        kind={state.kind}
        path={path}
        unit={unit}
        unitName={unitName}
        names={names}
        a={a}
        b={b}
        choices={choices}
        go={go}
        exports={exports}
        hasIndex={index !== null}
        hasRanking={ranking !== null}
      />
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
            <ScoreTrend points={view.trend} label={t('index.trend')} marked={a.start} />
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
          <ReviewMapFrame
            api={api}
            unit={unit}
            style={style.data}
            view={view}
            hotGrids={data.hotGrids.data ?? []}
            hover={hover}
            drillable={drillable}
            describe={describe}
            onPick={drill}
            canvases={canvases}
          />
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
