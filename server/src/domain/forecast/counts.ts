/**
 * Case counts per grid and day, kept sparse (most grid-days have no case): per grid the days
 * with cases in ascending order and the running total, so that the count in any window of days
 * is two binary searches. Days are whole local days numbered from 1970-01-01.
 */

/** Cases of one grid on one day. `grid` indexes the grid list the counts belong to. */
export interface CountRow {
  grid: number;
  day: number;
  count: number;
}

export class DailyCounts {
  private constructor(
    readonly gridCount: number,
    /** First day the history covers (days before it are unknown, not zero). */
    readonly start: number,
    /** The day after the last one kept: nothing on or after it was read. */
    readonly end: number,
    private readonly days: Int32Array[],
    private readonly cumulative: Float64Array[],
  ) {}

  /**
   * The counts of `rows` on days in [start, end); rows outside are dropped, so whatever
   * happened on or after `end` cannot reach anything computed from the result.
   */
  static from(gridCount: number, rows: Iterable<CountRow>, start: number, end: number): DailyCounts {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start < end))
      throw new Error(`DailyCounts: need whole days with start < end, got [${start}, ${end})`);
    const perGrid: [number, number][][] = Array.from({ length: gridCount }, () => []);
    for (const r of rows) {
      if (!Number.isInteger(r.grid) || r.grid < 0 || r.grid >= gridCount)
        throw new Error(`DailyCounts: grid index ${r.grid} outside 0..${gridCount - 1}`);
      if (!(r.count >= 0)) throw new Error(`DailyCounts: negative count ${r.count} for grid ${r.grid}, day ${r.day}`);
      if (r.day >= start && r.day < end && r.count > 0) perGrid[r.grid]!.push([r.day, r.count]);
    }
    const days: Int32Array[] = [];
    const cumulative: Float64Array[] = [];
    for (const list of perGrid) {
      list.sort((a, b) => a[0] - b[0]);
      const d = new Int32Array(list.length);
      const c = new Float64Array(list.length + 1);
      list.forEach(([day, count], i) => {
        d[i] = day;
        c[i + 1] = c[i]! + count;
      });
      days.push(d);
      cumulative.push(c);
    }
    return new DailyCounts(gridCount, start, end, days, cumulative);
  }

  /** Cases of grid `g` on days in [from, to), clipped to the days kept. */
  windowSum(g: number, from: number, to: number): number {
    const days = this.days[g]!;
    const c = this.cumulative[g]!;
    return c[lowerBound(days, Math.min(to, this.end))]! - c[lowerBound(days, Math.max(from, this.start))]!;
  }

  /** Cases of every grid in [from, to). */
  windowSums(from: number, to: number): Float64Array {
    const out = new Float64Array(this.gridCount);
    for (let g = 0; g < this.gridCount; g++) out[g] = this.windowSum(g, from, to);
    return out;
  }

  /** Cases of all grids together per day of [start, end). */
  dailyTotals(): Float64Array {
    const out = new Float64Array(this.end - this.start);
    for (let g = 0; g < this.gridCount; g++) {
      const days = this.days[g]!;
      const c = this.cumulative[g]!;
      for (let i = 0; i < days.length; i++) out[days[i]! - this.start]! += c[i + 1]! - c[i]!;
    }
    return out;
  }
}

/** Index of the first element ≥ x. */
function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The local (Asia/Shanghai, UTC+8 all year) day number of an instant. */
export function shanghaiDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + 8 * 3_600_000) / 86_400_000);
}

/** The instant local midnight begins day `day`. */
export function startOfShanghaiDay(day: number): Date {
  return new Date(day * 86_400_000 - 8 * 3_600_000);
}
