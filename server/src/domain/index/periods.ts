/**
 * Index periods: calendar days, ISO weeks (Monday to Sunday) and calendar months in
 * Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a fixed offset is
 * exact here and keeps this pure (no time-zone database needed).
 */

export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * The zone of the index calendar. Publications are stored by their periods, so it stays the
 * same whatever TZ_DISPLAY says; the offset below is this zone's.
 */
export const INDEX_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface Period {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  /** Instants bounding the period: [startAt, endAt). */
  startAt: Date;
  endAt: Date;
  days: number;
}

/** Days since 1970-01-01 of the local calendar day containing `at`. */
const localDay = (at: Date) => Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
const dayStartAt = (day: number) => new Date(day * DAY_MS - OFFSET_MS);
const ymd = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfYmd = (value: string) => Math.round(Date.parse(`${value}T00:00:00Z`) / DAY_MS);

function build(kind: PeriodKind, first: number, afterLast: number): Period {
  return {
    kind,
    start: ymd(first),
    end: ymd(afterLast - 1),
    startAt: dayStartAt(first),
    endAt: dayStartAt(afterLast),
    days: afterLast - first,
  };
}

/** The period of `kind` that contains the instant `at`. */
export function periodContaining(kind: PeriodKind, at: Date): Period {
  const day = localDay(at);
  if (kind === 'day') return build(kind, day, day + 1);
  if (kind === 'week') {
    // 1970-01-01 was a Thursday: ISO weekday (Mon = 0) is (day + 3) mod 7.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    return build(kind, monday, monday + 7);
  }
  const date = new Date(day * DAY_MS);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
  return build(kind, first, next);
}

/** The period of `kind` starting on the day `start` (YYYY-MM-DD); null if no period starts then. */
export function periodStartingOn(kind: PeriodKind, start: string): Period | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`))) return null;
  const period = periodContaining(kind, dayStartAt(dayOfYmd(start)));
  return period.start === start ? period : null;
}

/** The period just before `period`. */
export function previousPeriod(period: Period): Period {
  return periodContaining(period.kind, new Date(period.startAt.getTime() - 1));
}

/** The last period of `kind` that has ended by `now`. */
export function lastClosedPeriod(kind: PeriodKind, now: Date): Period {
  return previousPeriod(periodContaining(kind, now));
}

/**
 * The same period a year before: the same day or month of the previous year, and for weeks the
 * week 52 weeks earlier (same weekdays; 29 February compares with 28 February).
 */
export function samePeriodLastYear(period: Period): Period {
  if (period.kind === 'week') {
    return periodContaining('week', new Date(period.startAt.getTime() - 364 * DAY_MS));
  }
  const [y, m, d] = period.start.split('-').map(Number) as [number, number, number];
  const day = Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate());
  return periodContaining(period.kind, dayStartAt(Date.UTC(y - 1, m - 1, day) / DAY_MS));
}
