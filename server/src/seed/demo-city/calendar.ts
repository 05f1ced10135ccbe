/**
 * Dates and times in Asia/Shanghai (UTC+8, no daylight saving) without the host's time
 * zone: days are whole-day numbers since 1970-01-01, instants are epoch milliseconds, and
 * output is ISO 8601 with an explicit +08:00 offset.
 */
const MS_PER_DAY = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Day number of a YYYY-MM-DD date. */
export function dayNumberOf(ymd: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new Error(`expected YYYY-MM-DD, got "${ymd}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== ymd) throw new Error(`no such date: ${ymd}`);
  return ms / MS_PER_DAY;
}

export function ymdOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant at `secondsOfDay` local time on `day`. */
export function instantAt(day: number, secondsOfDay: number): number {
  return day * MS_PER_DAY + Math.round(secondsOfDay) * 1000 - OFFSET_MS;
}

/** The local day an instant falls on. */
export function dayOfInstant(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / MS_PER_DAY);
}

/** ISO 8601 with +08:00, to the second: "2026-11-22T09:15:00+08:00". */
export function shanghaiIso(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Spring Festival (春节, first day of the lunar year), from the published calendar. */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

/** The Spring Festival day of a year (early February outside the table). */
export function springFestivalDay(year: number): number {
  return dayNumberOf(SPRING_FESTIVAL[year] ?? `${year}-02-01`);
}

/**
 * Relative number of disputes reported on a day: more in the weeks around Spring
 * Festival (family gatherings, wage settlements) and in high summer, fewer at weekends.
 */
export function caseDayIntensity(day: number): number {
  const year = Number(ymdOfDay(day).slice(0, 4));
  const festival = festivalCloseness(day);
  const summerPeak = dayNumberOf(`${year}-07-25`);
  const s = day - summerPeak;
  const summer = Math.exp(-(s * s) / (2 * 25 * 25));
  const weekday = weekdayOf(day);
  const week = weekday === 0 ? 0.7 : weekday === 6 ? 0.78 : 1.05;
  return (1 + 0.55 * festival + 0.3 * summer) * week;
}

/** How close a day is to Spring Festival (1 on the day, falling off over ~2 weeks). */
export function festivalCloseness(day: number): number {
  const year = Number(ymdOfDay(day).slice(0, 4));
  let c = 0;
  for (const y of [year - 1, year, year + 1]) {
    const d = day - springFestivalDay(y);
    c = Math.max(c, Math.exp(-(d * d) / (2 * 14 * 14)));
  }
  return c;
}

/** The same calendar day `years` earlier (29 February becomes 28 February). */
export function sameDayYearsBefore(ymd: string, years: number): string {
  const year = Number(ymd.slice(0, 4)) - years;
  const candidate = `${String(year).padStart(4, '0')}${ymd.slice(4)}`;
  return candidate.endsWith('-02-29') && new Date(Date.UTC(year, 1, 29)).getUTCMonth() !== 1
    ? candidate.replace(/-29$/, '-28')
    : candidate;
}
