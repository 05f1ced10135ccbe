/**
 * Where a score comes from: one bar per indicator, its points (contribution) against the most
 * it could add (100 × weight). With a second period, its bar sits under the first.
 */
import { scaleLinear } from 'd3';

export interface IndicatorBar {
  key: string;
  label: string;
  /** Points added to the score. */
  contribution: number;
  /** Points it would add at its best (100 × weight). */
  max: number;
  missing: boolean;
  /** The compared period's points, when comparing. */
  compare?: number | null;
}

export function IndicatorBars({ bars, format }: { bars: readonly IndicatorBar[]; format: (n: number) => string }) {
  const top = Math.max(1, ...bars.map((b) => b.max));
  const w = scaleLinear().domain([0, top]).range([0, 100]);
  return (
    <ol className="indicator-bars" data-testid="indicator-bars">
      {bars.map((b) => (
        <li key={b.key} data-key={b.key} className={b.missing ? 'missing' : undefined}>
          <span className="ib-label" title={b.label}>
            {b.label}
          </span>
          <span className="ib-track">
            <span className="ib-max" style={{ width: `${w(b.max)}%` }} />
            <span className="ib-fill" style={{ width: `${w(b.contribution)}%` }} />
            {b.compare != null && <span className="ib-compare" style={{ width: `${w(b.compare)}%` }} />}
          </span>
          <span className="ib-value">
            {b.missing ? '—' : format(b.contribution)}
            {b.compare != null && <small> / {format(b.compare)}</small>}
          </span>
        </li>
      ))}
    </ol>
  );
}
