/** The index of a unit over its last periods: a line over the warning bands, the current period marked. */
import { line, scaleLinear, scalePoint } from 'd3';
import { BAND_COLORS, css } from '../theme/palette.js';
import { remPx, useSize } from './use-size.js';

export interface TrendPoint {
  /** Period key (its first day). */
  key: string;
  /** Axis label. */
  tick: string;
  score: number | null;
}

const BANDS: [number, number, keyof typeof BAND_COLORS][] = [
  [0, 40, 'red'],
  [40, 60, 'orange'],
  [60, 75, 'yellow'],
  [75, 100, 'blue'],
];

export function ScoreTrend({
  points,
  label,
  marked,
}: {
  points: readonly TrendPoint[];
  label: string;
  marked?: string;
}) {
  const { ref, width, height } = useSize<HTMLDivElement>();
  const rem = width > 0 ? remPx() : 16;
  // Room for the '100' label: half of its line box stands above its grid line.
  const m = { top: rem * 0.85, right: rem * 0.8, bottom: rem * 1.4, left: rem * 2.1 };
  const x = scalePoint<string>()
    .domain(points.map((p) => p.key))
    .range([m.left, Math.max(m.left + 1, width - m.right)])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, 100])
    .range([Math.max(m.top + 1, height - m.bottom), m.top]);
  const path = line<TrendPoint>()
    .defined((p) => p.score !== null)
    .x((p) => x(p.key)!)
    .y((p) => y(p.score ?? 0));
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(width / (rem * 3)))));
  return (
    <div
      className="score-trend"
      ref={ref}
      data-testid="index-trend"
      data-points={points.filter((p) => p.score !== null).length}
    >
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={label}>
          {BANDS.map(([from, to, band]) => (
            <rect
              key={band}
              x={m.left}
              width={Math.max(0, width - m.left - m.right)}
              y={y(to)}
              height={y(from) - y(to)}
              fill={css(BAND_COLORS[band], 0.1)}
            />
          ))}
          {[0, 40, 60, 75, 100].map((v) => (
            <text key={v} x={m.left - rem * 0.3} y={y(v)} dy="0.35em" textAnchor="end" className="axis">
              {v}
            </text>
          ))}
          <path d={path(points as TrendPoint[]) ?? ''} fill="none" stroke="rgb(56 189 248)" strokeWidth={rem * 0.12} />
          {points.map((p) =>
            p.score === null ? null : (
              <circle
                key={p.key}
                cx={x(p.key)}
                cy={y(p.score)}
                r={rem * (p.key === marked ? 0.32 : 0.18)}
                fill={p.key === marked ? '#fff' : 'rgb(56 189 248)'}
              />
            ),
          )}
          {points.map((p, i) =>
            i % every === (points.length - 1) % every ? (
              <text key={p.key} x={x(p.key)} y={height - rem * 0.3} textAnchor="middle" className="axis">
                {p.tick}
              </text>
            ) : null,
          )}
        </svg>
      )}
    </div>
  );
}
