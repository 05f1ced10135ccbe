/** Cases per day over the last 30 days: new cases as an area, those still open as a line. */
import { area, curveMonotoneX, line, max, scaleLinear, scaleUtc } from 'd3';
import { useTranslation } from 'react-i18next';
import type { DayValue } from './series.js';
import { remPx, useSize } from './use-size.js';
import './charts.css';

export function TrendChart({ days }: { days: readonly DayValue[] }) {
  const { t } = useTranslation();
  const { ref, width, height } = useSize<HTMLDivElement>();
  const rem = width > 0 ? remPx() : 18;
  const top = Math.max(4, max(days, (d) => Math.max(d.count, d.open)) ?? 0);
  // The top leaves room for the highest tick's label: half of its line box stands above its line.
  const vertical = { top: rem * 0.85, bottom: rem * 1.6 };
  const y = scaleLinear()
    .domain([0, top])
    .nice(4)
    .range([Math.max(vertical.top + 1, height - vertical.bottom), vertical.top]);
  const yTicks = y.ticks(4);
  // Room on the left for the longest count on the axis (a digit is about 0.6 em).
  const digits = Math.max(...yTicks.map((v) => String(v).length));
  const margin = { ...vertical, right: rem * 0.6, left: rem * (0.6 + 0.6 * digits) };
  const x = scaleUtc()
    .domain([
      new Date(`${days[0]?.day ?? '2000-01-01'}T00:00:00Z`),
      new Date(`${days.at(-1)?.day ?? '2000-01-01'}T00:00:00Z`),
    ])
    .range([margin.left, Math.max(margin.left + 1, width - margin.right)]);
  const at = (d: DayValue) => x(new Date(`${d.day}T00:00:00Z`));
  const newArea = area<DayValue>()
    .x(at)
    .y0(y(0))
    .y1((d) => y(d.count))
    .curve(curveMonotoneX);
  const openLine = line<DayValue>()
    .x(at)
    .y((d) => y(d.open))
    .curve(curveMonotoneX);
  const ticks = days.filter((_, i) => i % 7 === days.length % 7 || i === days.length - 1);
  return (
    <div className="trend" ref={ref} data-testid="chart-trend">
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={t('panels.trend')}>
          <defs>
            <linearGradient id="trend-fill" x1="0" x2="0" y1="0" y2="1">
              <stop offset="0%" stopColor="rgb(56 189 248 / 0.55)" />
              <stop offset="100%" stopColor="rgb(56 189 248 / 0.02)" />
            </linearGradient>
          </defs>
          {yTicks.map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x1={margin.left} x2={width - margin.right} className="grid-line" />
              <text x={margin.left - rem * 0.4} dy="0.35em" textAnchor="end" className="axis">
                {v}
              </text>
            </g>
          ))}
          <path
            d={newArea(days as DayValue[]) ?? ''}
            fill="url(#trend-fill)"
            stroke="rgb(56 189 248)"
            strokeWidth={rem * 0.12}
          />
          <path
            d={openLine(days as DayValue[]) ?? ''}
            fill="none"
            stroke="rgb(255 159 67)"
            strokeWidth={rem * 0.12}
            strokeDasharray={`${rem * 0.3} ${rem * 0.2}`}
          />
          {ticks.map((d) => (
            <text
              key={d.day}
              x={at(d)}
              y={height - rem * 0.3}
              textAnchor={d === days.at(-1) ? 'end' : 'middle'}
              className="axis"
            >
              {d.day.slice(5).replace('-', '/')}
            </text>
          ))}
        </svg>
      )}
      <div className="trend-legend">
        <span className="swatch new" />
        {t('panels.trendNew')}
        <span className="swatch open" />
        {t('panels.trendOpen')}
      </div>
    </div>
  );
}
