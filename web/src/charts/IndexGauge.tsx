/** The stability index as a half-ring gauge: the four warning bands as the track, the score as the needle. */
import { arc } from 'd3';
import { css, BAND_COLORS } from '../theme/palette.js';
import { remPx } from './use-size.js';

/** Band limits of the 0..100 score (docs/stability-index.md). */
const SEGMENTS: [number, number, keyof typeof BAND_COLORS][] = [
  [0, 40, 'red'],
  [40, 60, 'orange'],
  [60, 75, 'yellow'],
  [75, 100, 'blue'],
];

const angle = (score: number) => (Math.max(0, Math.min(100, score)) / 100) * Math.PI - Math.PI / 2;

export function IndexGauge({ score, label, size = 160 }: { score: number | null; label: string; size?: number }) {
  const r = size / 2;
  const ring = arc<[number, number]>()
    .innerRadius(r * 0.72)
    .outerRadius(r * 0.92)
    .startAngle((d) => angle(d[0]))
    .endAngle((d) => angle(d[1]))
    .padAngle(0.015);
  const a = score === null ? null : angle(score);
  return (
    <svg
      className="index-gauge"
      viewBox={`${-r} ${-r} ${size} ${r * 1.3}`}
      width={size}
      height={r * 1.3}
      role="img"
      aria-label={label}
      data-testid="index-gauge"
      data-value={score ?? ''}
    >
      {SEGMENTS.map(([from, to, band]) => (
        <path key={band} d={ring([from, to]) ?? ''} fill={css(BAND_COLORS[band], score === null ? 0.25 : 0.85)} />
      ))}
      {/* The needle starts clear of the score written at the centre. */}
      {a !== null && (
        <line
          x1={Math.sin(a) * r * 0.5}
          y1={-Math.cos(a) * r * 0.5}
          x2={Math.sin(a) * r * 0.8}
          y2={-Math.cos(a) * r * 0.8}
          stroke="#e6f1ff"
          strokeWidth={r * 0.05}
          strokeLinecap="round"
        />
      )}
      {/* Never smaller than the page's body text (a wall's floor is 18 px at 1080p); the box below
          the centre leaves room for the text's descent. */}
      <text y={r * 0.2} textAnchor="middle" className="gauge-value" fontSize={Math.max(r * 0.34, remPx() * 1.05)}>
        {score === null ? '—' : score.toFixed(1)}
      </text>
    </svg>
  );
}
