/** The review's panels: the score card, the indicator table, the children's ranking, the hot-spot list. */
import { useTranslation } from 'react-i18next';
import { IndexGauge } from '../charts/IndexGauge.js';
import type { HotspotCell, RankingEntry, StabilityIndex } from '../stability/queries.js';
import { BAND_COLORS, css } from '../theme/palette.js';
import type { BreakdownRow } from './breakdown.js';

const n = (lang: string, digits: number) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });

export function useNumber() {
  const { i18n } = useTranslation();
  return (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : n(i18n.language, digits).format(v);
}

export function BandTag({ band }: { band: keyof typeof BAND_COLORS }) {
  const { t } = useTranslation();
  return (
    <span className={`band-tag ${band}`} style={{ background: css(BAND_COLORS[band], 0.85) }}>
      {t(`band.${band}`)}
    </span>
  );
}

export function ScoreCard({
  a,
  b,
  labelA,
  labelB,
}: {
  a: StabilityIndex;
  b: StabilityIndex | null;
  labelA: string;
  labelB: string | null;
}) {
  const { t } = useTranslation();
  const num = useNumber();
  const change = b ? a.score - b.score : null;
  return (
    <div className="score-card" data-testid="score-card" data-score={a.score} data-band={a.band}>
      <IndexGauge score={a.score} label={t('index.title')} size={150} />
      <div className="score-facts">
        <div className="score-line">
          <span className="score-big">{num(a.score, 1)}</span>
          <BandTag band={a.band} />
          <span className="muted">{labelA}</span>
        </div>
        {b && labelB && (
          <div className="score-line compare" data-testid="score-compare" data-score={b.score}>
            <span className="score-mid">{num(b.score, 1)}</span>
            <BandTag band={b.band} />
            <span className="muted">{labelB}</span>
            <span className={`change ${change! >= 0 ? 'up' : 'down'}`} data-testid="score-change">
              {change! >= 0 ? '▲' : '▼'} {num(Math.abs(change!), 1)}
            </span>
          </div>
        )}
        {a.rank !== null && a.rankOf !== null && <p>{t('review.rankOf', { rank: a.rank, of: a.rankOf })}</p>}
        <p className="muted">{t('review.population', { population: num(a.population, 0) })}</p>
        <p className="muted small">
          {t('review.revision', { revision: a.revision, version: a.weightsVersion, by: a.publishedBy })}
        </p>
      </div>
    </div>
  );
}

export function BreakdownTable({
  rows,
  score,
  compare,
}: {
  rows: BreakdownRow[];
  score: number;
  compare: number | null;
}) {
  const { t } = useTranslation();
  const num = useNumber();
  const comparing = compare !== null;
  return (
    <table className="review-table breakdown" data-testid="breakdown-table">
      <thead>
        <tr>
          <th>{t('review.indicator')}</th>
          <th>{t('review.raw')}</th>
          <th>{t('review.normalised')}</th>
          <th>{t('review.weight')}</th>
          <th>{t('review.contribution')}</th>
          {comparing && (
            <>
              <th>
                {t('review.periodB')} {t('review.contribution')}
              </th>
              <th>{t('review.change')}</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.key}
            data-key={r.key}
            data-raw={r.raw ?? ''}
            data-normalised={r.normalised ?? ''}
            data-weight={r.weight}
            data-contribution={r.contribution}
            data-compare={r.compare?.contribution ?? ''}
          >
            <td title={r.unit}>
              {r.label}
              <small className={`dir ${r.direction}`}>{r.direction === 'positive' ? '↑' : '↓'}</small>
            </td>
            <td>{num(r.raw, 3)}</td>
            <td>{num(r.normalised, 3)}</td>
            <td>{num(r.weight, 3)}</td>
            <td>{num(r.contribution, 2)}</td>
            {comparing && (
              <>
                <td>{num(r.compare?.contribution, 2)}</td>
                <td className={r.change === null ? '' : r.change >= 0 ? 'up' : 'down'}>
                  {r.change === null ? '—' : `${r.change >= 0 ? '+' : ''}${num(r.change, 2)}`}
                </td>
              </>
            )}
          </tr>
        ))}
        <tr className="total">
          <td>{t('review.total')}</td>
          <td />
          <td />
          <td>
            {num(
              rows.reduce((s, r) => s + r.weight, 0),
              3,
            )}
          </td>
          <td>{num(score, 2)}</td>
          {comparing && (
            <>
              <td>{num(compare, 2)}</td>
              <td>{`${score - compare! >= 0 ? '+' : ''}${num(score - compare!, 2)}`}</td>
            </>
          )}
        </tr>
      </tbody>
    </table>
  );
}

export function RankingTable({
  entries,
  selected,
  onPick,
  onHover,
  canDrill,
}: {
  entries: readonly RankingEntry[];
  selected: string | null;
  onPick: (code: string) => void;
  onHover: (code: string | null) => void;
  canDrill: boolean;
}) {
  const { t } = useTranslation();
  const num = useNumber();
  return (
    <table className="review-table ranking" data-testid="ranking-table">
      <thead>
        <tr>
          <th>{t('review.rank')}</th>
          <th>{t('review.name')}</th>
          <th>{t('index.score')}</th>
          <th>{t('review.previousScore')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr
            key={e.unitCode}
            data-code={e.unitCode}
            data-score={e.score}
            className={e.unitCode === selected ? 'selected' : undefined}
            onMouseEnter={() => onHover(e.unitCode)}
            onMouseLeave={() => onHover(null)}
          >
            <td>{e.rank}</td>
            <td>
              {canDrill ? (
                <button type="button" className="link" onClick={() => onPick(e.unitCode)}>
                  {e.unitName ?? e.unitCode}
                </button>
              ) : (
                (e.unitName ?? e.unitCode)
              )}
            </td>
            <td>
              <i className="band-dot" style={{ background: css(BAND_COLORS[e.band]) }} />
              {num(e.score, 1)}
            </td>
            <td className="muted">{num(e.previousScore, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HotspotList({
  cells,
  names,
  onHover,
}: {
  cells: readonly HotspotCell[];
  names: ReadonlyMap<string, string>;
  onHover: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const num = useNumber();
  const significant = cells
    .filter((c) => c.bin !== 0)
    .sort((a, b) => b.bin - a.bin || (b.zScore ?? 0) - (a.zScore ?? 0));
  if (significant.length === 0) return <p className="empty">{t('review.hotspotsNone')}</p>;
  return (
    <table className="review-table hotspots" data-testid="hotspot-list">
      <thead>
        <tr>
          <th>{t('review.grid')}</th>
          <th>{t('review.count')}</th>
          <th>{t('review.zScore')}</th>
          <th>{t('review.bin')}</th>
        </tr>
      </thead>
      <tbody>
        {significant.map((c) => (
          <tr
            key={c.gridCode}
            data-code={c.gridCode}
            data-bin={c.bin}
            onMouseEnter={() => onHover(c.gridCode)}
            onMouseLeave={() => onHover(null)}
          >
            <td title={c.gridCode}>{names.get(c.gridCode) ?? c.gridCode}</td>
            <td>{c.count}</td>
            <td>{num(c.zScore, 2)}</td>
            <td className={c.bin > 0 ? 'hot' : 'cold'}>{t(`hotspotBin.${c.bin}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
