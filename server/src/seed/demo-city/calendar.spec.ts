import { describe, expect, it } from 'vitest';
import {
  caseDayIntensity,
  dayNumberOf,
  dayOfInstant,
  instantAt,
  sameDayYearsBefore,
  shanghaiIso,
  springFestivalDay,
  weekdayOf,
  ymdOfDay,
} from './calendar.js';

describe('Shanghai calendar', () => {
  it('converts dates to day numbers and back', () => {
    expect(dayNumberOf('1970-01-02')).toBe(1);
    expect(ymdOfDay(dayNumberOf('2026-11-22'))).toBe('2026-11-22');
    expect(() => dayNumberOf('2026-02-30')).toThrow(/no such date/);
  });

  it('formats instants with a +08:00 offset on the local day', () => {
    const day = dayNumberOf('2026-11-22');
    const ms = instantAt(day, 9 * 3600 + 15 * 60);
    expect(shanghaiIso(ms)).toBe('2026-11-22T09:15:00+08:00');
    expect(new Date(shanghaiIso(ms)).getTime()).toBe(ms);
    expect(dayOfInstant(instantAt(day, 86_399))).toBe(day);
    expect(dayOfInstant(instantAt(day, 0))).toBe(day);
  });

  it('knows weekdays and Spring Festival', () => {
    expect(weekdayOf(dayNumberOf('2026-11-22'))).toBe(0); // a Sunday
    expect(ymdOfDay(springFestivalDay(2026))).toBe('2026-02-17');
  });

  it('expects more disputes near Spring Festival and fewer at weekends', () => {
    const festivalWeekday = dayNumberOf('2026-02-18'); // Wednesday
    const octoberWeekday = dayNumberOf('2026-10-14'); // Wednesday
    expect(caseDayIntensity(festivalWeekday)).toBeGreaterThan(1.4 * caseDayIntensity(octoberWeekday));
    expect(caseDayIntensity(dayNumberOf('2026-10-18'))).toBeLessThan(caseDayIntensity(octoberWeekday));
  });

  it('steps back whole years, turning 29 February into 28 February', () => {
    expect(sameDayYearsBefore('2026-11-22', 3)).toBe('2023-11-22');
    expect(sameDayYearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(sameDayYearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });
});
