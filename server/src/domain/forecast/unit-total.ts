/**
 * The forecast of a unit's total from its grids' forecasts. A sum of NB2 counts is not NB2
 * in general; it is approximated by the NB2 with the same mean and variance: mean Σμ,
 * variance Σ(μ + αμ²), so α_total = α Σμ² / (Σμ)². The grids are taken as independent given
 * the model, which leaves out shocks common to all of them: the unit's interval is, if
 * anything, too narrow, and the backtest is where that would show.
 */
import { gridForecast, type GridForecast } from './model.js';

/** Expected total and 80 % / 95 % intervals of the sum of grid forecasts sharing dispersion α. */
export function unitTotalForecast(
  grids: readonly { expected: number }[],
  alpha: number,
): GridForecast & { dispersion: number } {
  let mean = 0;
  let squares = 0;
  for (const g of grids) {
    mean += g.expected;
    squares += g.expected * g.expected;
  }
  const dispersion = mean > 0 ? (alpha * squares) / (mean * mean) : 0;
  return { ...gridForecast(mean, dispersion), dispersion };
}
