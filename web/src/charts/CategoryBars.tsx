/** Cases by category in the time window: horizontal bars, longest first. */
import { scaleLinear } from 'd3';
import { useTranslation } from 'react-i18next';
import { css, ACCENT } from '../theme/palette.js';
import './charts.css';

export interface CategoryBarsProps {
  buckets: readonly { key: string; count: number }[];
  formatCount: (n: number) => string;
}

export function CategoryBars({ buckets, formatCount }: CategoryBarsProps) {
  const { t } = useTranslation();
  const sorted = [...buckets].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...sorted.map((b) => b.count));
  const width = scaleLinear().domain([0, max]).range([0, 100]);
  if (sorted.every((b) => b.count === 0)) return <p className="empty">{t('panels.noData')}</p>;
  return (
    <ol className="bars" data-testid="chart-category">
      {sorted.map((b, i) => (
        <li key={b.key} className="bar-row">
          <span className="bar-label">{t(`category.${b.key}`)}</span>
          <span className="bar-track">
            <span
              className="bar-fill"
              style={{
                width: `${width(b.count)}%`,
                background: `linear-gradient(90deg, ${css(ACCENT, 0.25)}, ${css(ACCENT, i < 3 ? 1 : 0.7)})`,
              }}
            />
          </span>
          <span className="bar-value">{formatCount(b.count)}</span>
        </li>
      ))}
    </ol>
  );
}
