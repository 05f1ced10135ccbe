/**
 * The published track record: a rolling-origin backtest (Tashman 2000) over the last weekly
 * origins. At each origin o = asOf − H − 7j (j = 0 … 11) the model is fitted afresh on the
 * counts before o and scored on the H days after it, all of which lie before `asOf`; the
 * baselines are scored on the same windows. Every figure is recomputed from the raw counts.
 */
import { err, ok, type Result } from '../result.js';
import { lastFourWeeks, lastPeriodGiStar, sameWeeksLastYear } from './baselines.js';
import { DailyCounts } from './counts.js';
import { forecastGrids, type ForecastError, type ForecastInput, type GridForecast } from './model.js';
import { nbCdf } from './negative-binomial.js';
import { hotSpotSkill, intervalCoverage, meanAbsoluteError, perArea, rootMeanSquaredError } from './skill.js';

/** Skill of one forecaster; null where it does not apply (Gi* has no counts) or cannot be had. */
export interface SkillFigures {
  mae: number | null;
  rmse: number | null;
  coverage80: number | null;
  coverage95: number | null;
  /** PAI and PEI of the grids flagged within 5 % and 10 % of the area, averaged over origins. */
  pai5: number | null;
  pei5: number | null;
  pai10: number | null;
  pei10: number | null;
}

export interface BacktestReport {
  asOf: number;
  horizonDays: number;
  origins: number[];
  model: SkillFigures & {
    /**
     * The probability the fitted distributions give their own 80 % / 95 % intervals, averaged:
     * at least the nominal level, more where counts are small, since counts are whole numbers.
     * Coverage near this figure is what calibration means.
     */
    intervalProbability80: number;
    intervalProbability95: number;
  };
  baselines: {
    /** Null when the first origin lacks a year of history. */
    sameWeeksLastYear: SkillFigures | null;
    lastFourWeeks: SkillFigures;
    giStarHotSpots: SkillFigures;
  };
  /** Per origin: cases that happened and the model's expected total. */
  perOrigin: { origin: number; actualTotal: number; expectedTotal: number }[];
}

export interface BacktestInput extends ForecastInput {
  /** Area of each grid in m², for PAI and PEI. */
  areas: ArrayLike<number>;
}

export const BACKTEST_ORIGINS = 12;

class Scorer {
  private readonly predicted: number[] = [];
  private readonly actual: number[] = [];
  private readonly lower80: number[] = [];
  private readonly upper80: number[] = [];
  private readonly lower95: number[] = [];
  private readonly upper95: number[] = [];
  private readonly hot: Record<'pai5' | 'pei5' | 'pai10' | 'pei10', number[]> = {
    pai5: [],
    pei5: [],
    pai10: [],
    pei10: [],
  };

  addCounts(forecasts: readonly GridForecast[], actual: Float64Array): void {
    forecasts.forEach((f, i) => {
      this.predicted.push(f.expected);
      this.actual.push(actual[i]!);
      this.lower80.push(f.lower80);
      this.upper80.push(f.upper80);
      this.lower95.push(f.lower95);
      this.upper95.push(f.upper95);
    });
  }

  addHotSpots(scores: ArrayLike<number>, actual: Float64Array, areas: ArrayLike<number>): void {
    for (const [share, pai, pei] of [
      [0.05, 'pai5', 'pei5'],
      [0.1, 'pai10', 'pei10'],
    ] as const) {
      const skill = hotSpotSkill(scores, actual, areas, share);
      if (skill.pai !== null) this.hot[pai].push(skill.pai);
      if (skill.pei !== null) this.hot[pei].push(skill.pei);
    }
  }

  figures(): SkillFigures {
    const counts = this.actual.length > 0;
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    return {
      mae: counts ? meanAbsoluteError(this.predicted, this.actual) : null,
      rmse: counts ? rootMeanSquaredError(this.predicted, this.actual) : null,
      coverage80: counts ? intervalCoverage(this.lower80, this.upper80, this.actual) : null,
      coverage95: counts ? intervalCoverage(this.lower95, this.upper95, this.actual) : null,
      pai5: mean(this.hot.pai5),
      pei5: mean(this.hot.pei5),
      pai10: mean(this.hot.pai10),
      pei10: mean(this.hot.pei10),
    };
  }
}

/** The backtest as of the start of day `asOf`, for horizon H, over `originCount` weekly origins. */
export function backtest(
  input: BacktestInput,
  asOf: number,
  horizonDays: number,
  originCount = BACKTEST_ORIGINS,
): Result<BacktestReport, ForecastError> {
  if (input.areas.length !== input.gridCount)
    throw new Error(`backtest: ${input.gridCount} grids but ${input.areas.length} areas`);
  const origins = Array.from({ length: originCount }, (_, j) => asOf - horizonDays - 7 * j).reverse();
  const outcomes = DailyCounts.from(input.gridCount, input.rows, input.historyStart, asOf);
  const model = new Scorer();
  const naiveYear = new Scorer();
  const naiveWeeks = new Scorer();
  const gi = new Scorer();
  let withYear = true;
  let probability80 = 0;
  let probability95 = 0;
  let scored = 0;
  const perOrigin: BacktestReport['perOrigin'] = [];
  for (const origin of origins) {
    const forecast = forecastGrids(input, origin, horizonDays);
    if (!forecast.ok) return err(forecast.error);
    const actual = outcomes.windowSums(origin, origin + horizonDays);
    const { grids, model: fitted } = forecast.value;
    model.addCounts(grids, actual);
    model.addHotSpots(
      perArea(
        Float64Array.from(grids, (g) => g.expected),
        input.areas,
      ),
      actual,
      input.areas,
    );
    for (const g of grids) {
      probability80 +=
        nbCdf(g.upper80, g.expected, fitted.dispersion) - nbCdf(g.lower80 - 1, g.expected, fitted.dispersion);
      probability95 +=
        nbCdf(g.upper95, g.expected, fitted.dispersion) - nbCdf(g.lower95 - 1, g.expected, fitted.dispersion);
    }
    scored += grids.length;

    // The baselines see the counts before the origin only, as the model does.
    const before = DailyCounts.from(input.gridCount, input.rows, input.historyStart, origin);
    const year = sameWeeksLastYear(before, origin, horizonDays);
    if (year) {
      naiveYear.addCounts(year, actual);
      naiveYear.addHotSpots(
        perArea(
          Float64Array.from(year, (g) => g.expected),
          input.areas,
        ),
        actual,
        input.areas,
      );
    } else withYear = false;
    const weeks = lastFourWeeks(before, origin, horizonDays);
    naiveWeeks.addCounts(weeks, actual);
    naiveWeeks.addHotSpots(
      perArea(
        Float64Array.from(weeks, (g) => g.expected),
        input.areas,
      ),
      actual,
      input.areas,
    );
    gi.addHotSpots(lastPeriodGiStar(before, input.neighbours, origin), actual, input.areas);

    perOrigin.push({
      origin,
      actualTotal: actual.reduce((s, x) => s + x, 0),
      expectedTotal: grids.reduce((s, g) => s + g.expected, 0),
    });
  }
  return ok({
    asOf,
    horizonDays,
    origins,
    model: {
      ...model.figures(),
      intervalProbability80: probability80 / scored,
      intervalProbability95: probability95 / scored,
    },
    baselines: {
      sameWeeksLastYear: withYear ? naiveYear.figures() : null,
      lastFourWeeks: naiveWeeks.figures(),
      giStarHotSpots: gi.figures(),
    },
    perOrigin,
  });
}
