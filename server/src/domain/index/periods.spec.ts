import { describe, expect, it } from 'vitest';
import { lastClosedPeriod, periodContaining, periodStartingOn, previousPeriod, samePeriodLastYear } from './periods.js';

const at = new Date('2026-06-30T10:00:00+08:00');

describe('index periods in Asia/Shanghai', () => {
  it('puts 00:30 local time on the local day, not the UTC day before', () => {
    const p = periodContaining('day', new Date('2026-06-30T00:30:00+08:00'));
    expect(p.start).toBe('2026-06-30');
    expect(p.startAt.toISOString()).toBe('2026-06-29T16:00:00.000Z');
    expect(p.endAt.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('runs ISO weeks Monday to Sunday', () => {
    const p = periodContaining('week', at); // a Tuesday
    expect([p.start, p.end, p.days]).toEqual(['2026-06-29', '2026-07-05', 7]);
    expect(periodContaining('week', new Date('2026-07-05T23:59:00+08:00')).start).toBe('2026-06-29');
  });

  it('runs calendar months, February included', () => {
    const p = periodContaining('month', new Date('2028-02-10T12:00:00+08:00'));
    expect([p.start, p.end, p.days]).toEqual(['2028-02-01', '2028-02-29', 29]);
  });

  it('gives the last closed period before now', () => {
    expect(lastClosedPeriod('day', at).start).toBe('2026-06-29');
    expect(lastClosedPeriod('week', at).start).toBe('2026-06-22');
    expect(lastClosedPeriod('month', at).start).toBe('2026-05-01');
    expect(previousPeriod(periodContaining('month', new Date('2026-01-15T00:00:00+08:00'))).start).toBe('2025-12-01');
  });

  it('compares with the same period a year before', () => {
    expect(samePeriodLastYear(periodContaining('day', at)).start).toBe('2025-06-30');
    expect(samePeriodLastYear(periodContaining('week', at)).start).toBe('2025-06-30');
    expect(samePeriodLastYear(periodContaining('month', at)).start).toBe('2025-06-01');
    expect(samePeriodLastYear(periodContaining('day', new Date('2028-02-29T09:00:00+08:00'))).start).toBe('2027-02-28');
  });

  it('accepts only the first day of a period as its start', () => {
    expect(periodStartingOn('week', '2026-06-29')?.end).toBe('2026-07-05');
    expect(periodStartingOn('week', '2026-06-30')).toBeNull();
    expect(periodStartingOn('month', '2026-13-01')).toBeNull();
    expect(periodStartingOn('day', 'yesterday')).toBeNull();
  });
});
