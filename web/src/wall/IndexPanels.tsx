/** The wall's stability-index panels: the focus unit's gauge with its 12-period trend, and its children's ranking. */
import { useTranslation } from 'react-i18next';
import { IndexGauge } from '../charts/IndexGauge.js';
import { remPx } from '../charts/use-size.js';
import { ScoreTrend } from '../charts/ScoreTrend.js';
import { periodLabel, periodsEndingWith, periodStartingOn, periodTick } from '../stability/periods.js';
import type { RankingEntry } from '../stability/queries.js';
import { BAND_COLORS, css } from '../theme/palette.js';
import { Panel } from '../ui/Panel.js';
import type { WallIndex } from './use-index.js';
import './index-panels.css';

/** Rows of the index ranking on the wall: the least stable, where attention goes. */
export const INDEX_RANK_ROWS = 6;

export function IndexPanel({ index }: { index: WallIndex | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const current = index?.answer.stabilityIndex ?? null;
  const period = current ? periodStartingOn(current.period, current.periodStart) : null;
  const byStart = new Map((index?.history ?? []).map((h) => [h.periodStart, h.score]));
  const points = period
    ? periodsEndingWith(period, 12).map((p) => ({
        key: p.start,
        tick: periodTick(p, lang),
        score: byStart.get(p.start) ?? null,
      }))
    : [];
  return (
    <Panel
      title={t('index.title')}
      extra={period ? <span className="panel-note">{periodLabel(period, lang)}</span> : undefined}
      className="index-panel"
      testId="panel-index"
    >
      <div className="gauge-side" data-band={current?.band ?? ''}>
        <IndexGauge score={current?.score ?? null} label={t('index.title')} size={Math.round(7.2 * remPx())} />
        {current ? (
          <span className="band-name" style={{ color: css(BAND_COLORS[current.band]) }}>
            {t(`band.${current.band}`)}
          </span>
        ) : (
          <span className="panel-note">{t('index.noIndex')}</span>
        )}
      </div>
      <ScoreTrend points={points} label={t('index.trend')} marked={period?.start} />
    </Panel>
  );
}

export function IndexRankPanel({ entries }: { entries: readonly RankingEntry[] | null }) {
  const { t } = useTranslation();
  const worst = (entries ?? []).slice(-INDEX_RANK_ROWS).reverse();
  return (
    <Panel title={t('index.rank')} className="index-rank-panel" testId="panel-index-rank">
      {worst.length === 0 ? (
        <p className="empty">{t('index.noIndex')}</p>
      ) : (
        <ol className="bars rank" data-testid="chart-index-rank">
          {worst.map((e) => (
            <li key={e.unitCode} className="bar-row" data-code={e.unitCode} data-score={e.score}>
              <span className="rank-no">{e.rank}</span>
              <span className="bar-label">{e.unitName ?? e.unitCode}</span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${e.score}%`, background: css(BAND_COLORS[e.band]) }} />
              </span>
              <span className="bar-value">{e.score.toFixed(1)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
