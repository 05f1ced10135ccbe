import { describe, expect, it } from 'vitest';
import { addDays, dayKey, formatClock, formatDateTime, formatHourMinute, formatLongDate, startOfDay } from './zone.js';

const TZ = 'Asia/Shanghai';

describe('the display zone', () => {
  it('puts an instant on its calendar day in Shanghai, not in UTC', () => {
    const lateUtc = new Date('2026-06-29T17:30:00Z'); // 01:30 on 30 June in Shanghai
    expect(dayKey(lateUtc, TZ)).toBe('2026-06-30');
    expect(dayKey(lateUtc, 'UTC')).toBe('2026-06-29');
    expect(formatHourMinute(lateUtc, TZ)).toBe('01:30');
    expect(formatClock(new Date('2026-06-30T02:03:04Z'), TZ)).toBe('10:03:04');
    expect(formatDateTime(lateUtc, TZ)).toBe('2026-06-30 01:30');
  });

  it('finds the instant a day begins', () => {
    expect(startOfDay('2026-06-30', TZ).toISOString()).toBe('2026-06-29T16:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('steps calendar days across months and years', () => {
    expect(addDays('2026-06-30', 1)).toBe('2026-07-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('writes the header date in either language', () => {
    const at = new Date('2026-06-30T02:00:00Z');
    expect(formatLongDate(at, TZ, 'zh')).toBe('2026年6月30日星期二');
    expect(formatLongDate(at, TZ, 'en')).toMatch(/^Tue,? 30 Jun 2026$/);
  });
});
