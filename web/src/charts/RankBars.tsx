/** The ten areas with the highest case rate (per 10,000 residents). */
import { scaleLinear } from 'd3';
import { useTranslation } from 'react-i18next';
import type { Ranked } from './series.js';
import './charts.css';

export interface RankBarsProps {
  ranked: readonly Ranked[];
  formatRate: (n: number) => string;
}

export function RankBars({ ranked, formatRate }: RankBarsProps) {
  const { t } = useTranslation();
  if (ranked.length === 0) return <p className="empty">{t('panels.noData')}</p>;
  const width = scaleLinear()
    .domain([0, Math.max(...ranked.map((r) => r.rate))])
    .range([0, 100]);
  return (
    <ol className="bars rank" data-testid="chart-rank">
      {ranked.map((r, i) => (
        <li key={r.code} className="bar-row" data-code={r.code}>
          <span className={`rank-no${i < 3 ? ' top' : ''}`}>{i + 1}</span>
          <span className="bar-label">{r.name}</span>
          <span className="bar-track">
            <span className={`bar-fill heat-${Math.min(i, 5)}`} style={{ width: `${width(r.rate)}%` }} />
          </span>
          <span className="bar-value">{formatRate(r.rate)}</span>
        </li>
      ))}
    </ol>
  );
}
