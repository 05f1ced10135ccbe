import { describe, expect, it } from 'vitest';
import {
  isoWeek,
  periodLabel,
  periodOr,
  periodStartingOn,
  periodsEndingWith,
  periodTick,
  recentPeriods,
  trendWindow,
} from './periods.js';

const NOW = new Date('2026-06-30T10:00:00+08:00');

describe('index periods on screen', () => {
  it('offers the closed periods, newest first, never the one still running', () => {
    expect(recentPeriods('month', NOW, 3).map((p) => p.start)).toEqual(['2026-05-01', '2026-04-01', '2026-03-01']);
    expect(recentPeriods('day', NOW, 2).map((p) => p.start)).toEqual(['2026-06-29', '2026-06-28']);
    // 2026-06-30 is a Tuesday: the week of Monday 06-29 is still running.
    expect(recentPeriods('week', NOW, 2).map((p) => p.start)).toEqual(['2026-06-22', '2026-06-15']);
  });

  it('spans twelve months across a year boundary for the trend', () => {
    const may = periodStartingOn('month', '2026-05-01')!;
    const months = periodsEndingWith(may, 12).map((p) => p.start);
    expect(months[0]).toBe('2025-06-01');
    expect(months.at(-1)).toBe('2026-05-01');
    expect(trendWindow(may)).toEqual({ from: '2025-05-31T16:00:00.000Z', to: '2026-05-31T16:00:00.000Z' });
  });

  it('numbers weeks the ISO way, the week of 1 January included', () => {
    expect(isoWeek(periodStartingOn('week', '2026-05-11')!)).toEqual({ year: 2026, week: 20 });
    expect(isoWeek(periodStartingOn('week', '2025-12-29')!)).toEqual({ year: 2026, week: 1 });
    expect(isoWeek(periodStartingOn('week', '2020-12-28')!)).toEqual({ year: 2020, week: 53 });
  });

  it('names periods in Chinese and English', () => {
    const may = periodStartingOn('month', '2026-05-01')!;
    expect(periodLabel(may, 'zh')).toBe('2026年5月');
    expect(periodLabel(may, 'en')).toBe('May 2026');
    const week = periodStartingOn('week', '2026-05-11')!;
    expect(periodLabel(week, 'zh')).toBe('2026年第20周（05-11–05-17）');
    expect(periodTick(week, 'en')).toBe('W20');
    expect(periodTick(periodStartingOn('day', '2026-05-15')!, 'zh')).toBe('05-15');
  });

  it('falls back when a start day names no period of the kind', () => {
    const fallback = periodStartingOn('month', '2026-05-01')!;
    expect(periodOr('month', '2026-05-02', fallback)).toBe(fallback);
    expect(periodOr('month', null, fallback)).toBe(fallback);
    expect(periodOr('month', '2026-03-01', fallback).start).toBe('2026-03-01');
  });
});
