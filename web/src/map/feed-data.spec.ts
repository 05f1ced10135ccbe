import { describe, expect, it } from 'vitest';
import {
  gatherRows,
  rowsWithin,
  colorsByCode,
  dayRange,
  numbersByCode,
  reportDays,
  rowCode,
  rowPosition,
  rowTime,
  toPointFeed,
  weightsWhere,
} from './feed-data.js';
import { dayKey, startOfDay } from '../time/zone.js';
import { feedBytes } from '../test-support/feeds.js';

async function caseFeed() {
  return toPointFeed(
    feedBytes(
      'cases',
      [115.41, 35.25, 115.43, 35.27],
      {
        status: [
          ['registered', 'mediating', 'resolved'],
          [0, 2],
        ],
        category: [
          ['land', 'family'],
          [0, 1],
        ],
        overdue: [
          [false, true],
          [0, 1],
        ],
      },
      ['2026-06-30T01:30:00Z', '2026-06-29T08:00:00Z'],
    ),
  );
}

describe('toPointFeed', () => {
  it('keeps positions as offsets from the origin, and reads codes and times back', async () => {
    const feed = await caseFeed();
    expect(feed.layer).toBe('cases');
    expect(feed.rows).toBe(2);
    expect(feed.positions).toBeInstanceOf(Float32Array);
    const [lon, lat] = rowPosition(feed, 1);
    expect(lon).toBeCloseTo(115.43, 6);
    expect(lat).toBeCloseTo(35.27, 6);
    expect(rowCode(feed, 'status', 0)).toBe('registered');
    expect(rowCode(feed, 'overdue', 1)).toBe(true);
    expect(rowTime(feed, 0)?.toISOString()).toBe('2026-06-30T01:30:00.000Z');
    expect(feed.minutes).toBeInstanceOf(Float32Array);
  });

  it('reads a feed without times', async () => {
    const feed = toPointFeed(feedBytes('cameras', [115.4, 35.2], { status: [['online', 'offline', 'fault'], [2]] }));
    expect(feed.minutes).toBeNull();
    expect(rowTime(feed, 0)).toBeNull();
    expect(rowCode(feed, 'status', 0)).toBe('fault');
  });
});

describe('per-row attributes', () => {
  it('colours each row by its code', async () => {
    const feed = await caseFeed();
    const colors = colorsByCode(feed.codes.status!, { registered: [255, 0, 0], resolved: [0, 255, 0] }, 200);
    expect([...colors]).toEqual([255, 0, 0, 200, 0, 255, 0, 200]);
  });

  it('uses the fallback colour for values without one', async () => {
    const feed = await caseFeed();
    expect([...colorsByCode(feed.codes.category!, {}, 255, [1, 2, 3])]).toEqual([1, 2, 3, 255, 1, 2, 3, 255]);
  });

  it('weights rows by a test on their value', async () => {
    const feed = await caseFeed();
    expect([...weightsWhere(feed.codes.overdue!, (v) => v === true)]).toEqual([0, 1]);
  });

  it('numbers rows by report day in Shanghai, and turns whole days into a filter range', async () => {
    const feed = await caseFeed();
    const dayStart = (at: Date) => startOfDay(dayKey(at, 'Asia/Shanghai'), 'Asia/Shanghai');
    const { base, days } = reportDays(feed, dayStart);
    // Reported 2026-06-30 09:30 and 2026-06-29 16:00 in Shanghai; the epoch, 2026-06-29 00:00 UTC,
    // falls on 29 June in Shanghai, which is day 0.
    expect(new Date(base).toISOString()).toBe('2026-06-28T16:00:00.000Z');
    expect([...days]).toEqual([1, 0]);
    const today = dayRange(base, startOfDay('2026-06-30', 'Asia/Shanghai'), startOfDay('2026-07-01', 'Asia/Shanghai'));
    expect(today).toEqual([1, 1]);
    expect(
      dayRange(base, startOfDay('2026-06-24', 'Asia/Shanghai'), startOfDay('2026-07-01', 'Asia/Shanghai')),
    ).toEqual([-5, 1]);
  });

  it('reads levels as numbers for the GPU filter', () => {
    expect([...numbersByCode({ values: Uint8Array.from([0, 3]), dictionary: [1, 2, 3, 4] })]).toEqual([1, 4]);
  });
});

describe('rows within a range', () => {
  it('names the rows whose value is inside, inclusive, in order; null when every row is', () => {
    const days = Float32Array.from([3, 9, 5, 10, 4]);
    expect([...rowsWithin(days, [4, 9])!]).toEqual([1, 2, 4]);
    expect([...rowsWithin(days, [11, 20])!]).toEqual([]);
    expect(rowsWithin(days, [3, 10])).toBeNull();
    expect(rowsWithin(new Float32Array(0), [0, 1])).toBeNull();
  });

  it('gathers those rows of an attribute of any width, keeping its type', () => {
    const positions = Float32Array.from([0, 0.5, 1, 1.5, 2, 2.5]);
    const rows = Uint32Array.from([2, 0]);
    const gathered = gatherRows(positions, 2, rows);
    expect(gathered).toBeInstanceOf(Float32Array);
    expect([...gathered]).toEqual([2, 2.5, 0, 0.5]);
    const colors = gatherRows(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 4, Uint32Array.from([1]));
    expect(colors).toBeInstanceOf(Uint8Array);
    expect([...colors]).toEqual([5, 6, 7, 8]);
  });
});
