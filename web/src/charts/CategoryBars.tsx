/**
 * Cases by category in the time window: horizontal bars, longest first, as many as the panel
 * holds whole; the rest folded into a last row that says how many categories it holds.
 */
import { scaleLinear } from 'd3';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { css, ACCENT } from '../theme/palette.js';
import { foldRest } from './series.js';
import { useFittingRows } from './use-fitting-rows.js';
import './charts.css';

export interface CategoryBarsProps {
  buckets: readonly { key: string; count: number }[];
  formatCount: (n: number) => string;
}

export function CategoryBars({ buckets, formatCount }: CategoryBarsProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const sorted = [...buckets].sort((a, b) => b.count - a.count);
  const empty = sorted.every((b) => b.count === 0);
  const fit = useFittingRows(list, sorted.length, !empty);
  const rows = foldRest(sorted, fit);
  const max = Math.max(1, ...rows.map((b) => b.count));
  const width = scaleLinear().domain([0, max]).range([0, 100]);
  if (empty) return <p className="empty">{t('panels.noData')}</p>;
  return (
    <ol className="bars" data-testid="chart-category" ref={list}>
      {rows.map((b, i) => (
        <li key={b.key} className="bar-row">
          <span className="bar-label">
            {b.rest === undefined ? t(`category.${b.key}`) : t('panels.otherCategories', { n: b.rest })}
          </span>
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
