/**
 * Simulated case counts for the forecast tests: a rows × cols lattice of grids, each with a
 * gamma-distributed rate fixed in time (so a grid's total over any window is negative binomial
 * given the calendar), days following a weekday and annual calendar, all from a seeded generator.
 */
import type { CountRow } from '../src/domain/forecast/counts.js';

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000). */
export function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Poisson(mean) by counting exponential gaps (fine for the small means used here). */
export function poisson(mean: number, random: () => number): number {
  let k = 0;
  let t = -Math.log(1 - random());
  while (t < mean) {
    k++;
    t -= Math.log(1 - random());
  }
  return k;
}

/** Queen neighbours of a rows × cols lattice, row by row. */
export function lattice(rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < rows && cc >= 0 && cc < cols) list.push(rr * cols + cc);
        }
      out.push(list);
    }
  }
  return out;
}

export interface SimulatedCity {
  gridCount: number;
  neighbours: number[][];
  rates: number[];
  rows: CountRow[];
  firstDay: number;
  endDay: number;
}

/** The weekday and season of the simulation: weekends lighter, a summer peak. */
export function simulatedCalendar(day: number): number {
  const weekday = (((day + 4) % 7) + 7) % 7;
  const week = weekday === 0 ? 0.7 : weekday === 6 ? 0.8 : 1.06;
  return week * (1 + 0.3 * Math.cos((2 * Math.PI * (day - 200)) / 365.2425));
}

/** Daily Poisson counts with per-grid rates Gamma(shape, mean dailyMean). */
export function simulateCity(opts: {
  rows: number;
  cols: number;
  dailyMean: number;
  shape: number;
  firstDay: number;
  days: number;
  seed: number;
}): SimulatedCity {
  const random = seededRandom(opts.seed);
  const gridCount = opts.rows * opts.cols;
  const rates = Array.from({ length: gridCount }, () => (gamma(opts.shape, random) / opts.shape) * opts.dailyMean);
  const rows: CountRow[] = [];
  for (let d = opts.firstDay; d < opts.firstDay + opts.days; d++) {
    const c = simulatedCalendar(d);
    for (let g = 0; g < gridCount; g++) {
      const k = poisson(rates[g]! * c, random);
      if (k > 0) rows.push({ grid: g, day: d, count: k });
    }
  }
  return {
    gridCount,
    neighbours: lattice(opts.rows, opts.cols),
    rates,
    rows,
    firstDay: opts.firstDay,
    endDay: opts.firstDay + opts.days,
  };
}
