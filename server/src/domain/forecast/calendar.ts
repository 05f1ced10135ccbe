/**
 * The calendar part of the forecast: how the whole unit's daily case total moves with the
 * weekday and the time of year. Fitted once per unit on the pooled daily totals (plenty of
 * cases even where each grid has few) as a Poisson log-linear model
 *
 *   ln E[N(d)] = a + weekday(d) + Σₖ (sₖ sin kωd + cₖ cos kωd) + b·(d − d̄)/365,   ω = 2π/365.2425,
 *
 * with K = 3 annual harmonics once a full year of history exists (none before: one cannot tell
 * a season from a drift in less). The trend b is there only so that growth is not mistaken for
 * a season; the multiplier leaves it out, the grid model carries the level.
 */
import { fitBeta } from './glm.js';

const YEAR_DAYS = 365.2425;
const OMEGA = (2 * Math.PI) / YEAR_DAYS;

export interface CalendarModel {
  /** ln multiplier per weekday, 0 = Sunday (1970-01-01, day 0, was a Thursday). */
  weekday: number[];
  /** [sin, cos] coefficient per annual harmonic k = 1, 2, … */
  harmonics: [number, number][];
  /** The day-of-week and season multiplier of one day (the unit's average day is about 1). */
  multiplier(day: number): number;
  /** Σ of multipliers over the days [from, to): the expected share of cases a window gets. */
  exposure(from: number, to: number): number;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Fits the calendar to daily totals `totals[i]` of day `firstDay + i`. */
export function fitCalendar(totals: Float64Array, firstDay: number): CalendarModel {
  const n = totals.length;
  const harmonicCount = n >= 365 ? 3 : 0;
  const withTrend = n >= 730;
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  for (let w = 1; w < 7; w++) columns.push(new Float64Array(n));
  for (let k = 0; k < 2 * harmonicCount; k++) columns.push(new Float64Array(n));
  const trend = withTrend ? new Float64Array(n) : null;
  if (trend) columns.push(trend);
  const middle = firstDay + (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const day = firstDay + i;
    const w = weekdayOfDay(day);
    if (w > 0) columns[w]![i] = 1;
    for (let k = 1; k <= harmonicCount; k++) {
      columns[5 + 2 * k]![i] = Math.sin(k * OMEGA * day);
      columns[6 + 2 * k]![i] = Math.cos(k * OMEGA * day);
    }
    if (trend) trend[i] = (day - middle) / 365;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += totals[i]!;
  const beta = total > 0 ? fitBeta(columns, totals, new Float64Array(n), 0) : new Float64Array(columns.length);
  const weekday = [0, ...Array.from({ length: 6 }, (_, w) => beta[w + 1]!)];
  // Centre the weekdays so that a week's multipliers average about 1.
  const mean = Math.log(weekday.reduce((s, x) => s + Math.exp(x), 0) / 7);
  const centred = weekday.map((x) => x - mean);
  const harmonics: [number, number][] = Array.from({ length: harmonicCount }, (_, k) => [
    beta[7 + 2 * k]!,
    beta[8 + 2 * k]!,
  ]);
  return calendarModel(centred, harmonics);
}

/** A calendar from its coefficients (fitCalendar's, or a test's). */
export function calendarModel(weekday: number[], harmonics: [number, number][]): CalendarModel {
  const multiplier = (day: number) => {
    let x = weekday[weekdayOfDay(day)]!;
    harmonics.forEach(([s, c], k) => {
      x += s * Math.sin((k + 1) * OMEGA * day) + c * Math.cos((k + 1) * OMEGA * day);
    });
    return Math.exp(x);
  };
  return {
    weekday,
    harmonics,
    multiplier,
    exposure(from, to) {
      let sum = 0;
      for (let d = from; d < to; d++) sum += multiplier(d);
      return sum;
    },
  };
}
