import { describe, expect, it } from 'vitest';
import { nextPlaybackDay, playbackRange, wholeDaysBetween, windowDayKeys, windowRange } from './windows.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-06-30T10:00:00+08:00');

describe('time windows', () => {
  it('makes "today" the calendar day in Shanghai', () => {
    const { from, to } = windowRange('today', NOW, TZ);
    expect(from.toISOString()).toBe('2026-06-29T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('makes "7 days" today and the six days before', () => {
    const { from, to } = windowRange('d7', NOW, TZ);
    expect(from.toISOString()).toBe('2026-06-23T16:00:00.000Z');
    expect(to.getTime() - from.getTime()).toBe(7 * 86_400_000);
    expect(windowDayKeys('d7', NOW, TZ)).toEqual([
      '2026-06-24',
      '2026-06-25',
      '2026-06-26',
      '2026-06-27',
      '2026-06-28',
      '2026-06-29',
      '2026-06-30',
    ]);
  });

  it('has as many days as it says', () => {
    expect(windowDayKeys('d365', NOW, TZ)).toHaveLength(365);
    expect(windowDayKeys('d365', NOW, TZ)[0]).toBe('2025-07-01');
  });
});

describe('playback', () => {
  it('shows the day at full strength and fades in the days before', () => {
    const { range, soft } = playbackRange('2026-06-30', TZ);
    expect(soft.from.toISOString()).toBe('2026-06-29T16:00:00.000Z');
    expect(soft.to).toEqual(range.to);
    expect(range.from.toISOString()).toBe('2026-06-26T16:00:00.000Z');
  });

  it('steps through the days and starts over', () => {
    const days = ['2026-06-28', '2026-06-29', '2026-06-30'];
    expect(nextPlaybackDay(null, days)).toBe('2026-06-28');
    expect(nextPlaybackDay('2026-06-29', days)).toBe('2026-06-30');
    expect(nextPlaybackDay('2026-06-30', days)).toBe('2026-06-28');
    expect(nextPlaybackDay('2020-01-01', days)).toBe('2026-06-28');
  });

  it('counts whole days late, never negative', () => {
    expect(wholeDaysBetween(new Date('2026-06-01T00:00:00Z'), new Date('2026-06-03T23:00:00Z'))).toBe(2);
    expect(wholeDaysBetween(new Date('2026-06-05T00:00:00Z'), new Date('2026-06-03T00:00:00Z'))).toBe(0);
  });
});
