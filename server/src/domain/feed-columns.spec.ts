import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrowFeed } from '../../test/arrow-rows.js';
import {
  codeColumn,
  dictionaryCoder,
  encodeFeed,
  MAX_OFFSET_DEGREES,
  positionColumn,
  textColumn,
  timeColumn,
  type ColumnInput,
} from './feed-columns.js';
import { decodeFeed, feedRows } from './feed-decode.js';

const lonLat = (points: [number, number][]) => new Float64Array(points.flat());

function sample(): ColumnInput[] {
  return [
    positionColumn(
      'position',
      lonLat([
        [115.48, 35.23],
        [115.5, 35.25],
        [115.46, 35.2],
      ]),
    ),
    codeColumn('status', ['online', 'offline', 'fault'], Uint8Array.of(0, 2, 1)),
    codeColumn('level', [1, 2, 3, 4], Uint8Array.of(3, 0, 1)),
    codeColumn('overdue', [false, true], Uint8Array.of(1, 0, 0)),
    timeColumn(
      'reportedAt',
      Float64Array.of(Date.UTC(2026, 5, 30, 1, 2, 59), Date.UTC(2026, 5, 29, 23, 0), Date.UTC(2026, 6, 1)),
    ),
    textColumn('id', 'AB1CD2EF3', 3),
  ];
}

const EXPECTED = [
  ['online', 4, true, '2026-06-30T01:02:00.000Z', 'AB1'],
  ['fault', 1, false, '2026-06-29T23:00:00.000Z', 'CD2'],
  ['offline', 2, false, '2026-07-01T00:00:00.000Z', 'EF3'],
];

const meaning = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r.status, r.level, r.overdue, (r.reportedAt as Date).toISOString(), r.id]);

describe('the feed format', () => {
  it('gives back every column and its meaning after a round trip through flechette', () => {
    const feed = decodeFeed(encodeFeed('test', 3, sample(), { unit: '371702005000' }));
    expect([feed.layer, feed.rows, feed.meta]).toEqual(['test', 3, { unit: '371702005000' }]);
    const rows = feedRows(feed);
    expect(meaning(rows)).toEqual(EXPECTED);
    const positions = rows.map((r) => r.position as [number, number]);
    expect(positions[0]![0]).toBeCloseTo(115.48, 6);
    expect(positions[2]![1]).toBeCloseTo(35.2, 6);
  });

  it('is read the same by apache-arrow, with the documented Arrow types and metadata', () => {
    const bytes = encodeFeed('test', 3, sample(), { unit: '371702005000' });
    const feed = arrowFeed(bytes);
    expect([feed.layer, feed.meta]).toEqual(['test', { unit: '371702005000' }]);
    expect(feed.types).toEqual({
      position: 'FixedSizeList[2]<Float32>',
      status: 'Dictionary<Int8, Utf8>',
      level: 'Dictionary<Int8, Int32>',
      overdue: 'Dictionary<Int8, Bool>',
      reportedAt: 'Uint32',
      id: 'Utf8',
    });
    expect(meaning(feed.rows)).toEqual(EXPECTED);
    expect(feed.rows.map((r) => r.position)).toEqual(feedRows(decodeFeed(bytes)).map((r) => r.position));
  });

  it('writes the same bytes for the same rows', () => {
    expect(Buffer.from(encodeFeed('test', 3, sample())).equals(Buffer.from(encodeFeed('test', 3, sample())))).toBe(
      true,
    );
  });

  it('decodes positions, codes and times as views of the stream, so deck.gl gets them without a copy', () => {
    const bytes = encodeFeed('test', 3, sample());
    for (const column of decodeFeed(bytes).columns.values()) expect(column.values.buffer).toBe(bytes.buffer);
    expect(decodeFeed(bytes).columns.get('position')!.values).toBeInstanceOf(Float32Array);
  });

  it('reads a feed that sits at an unaligned offset of a larger buffer', () => {
    const bytes = encodeFeed('test', 3, sample());
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(feedRows(decodeFeed(shifted.subarray(3)))).toEqual(feedRows(decodeFeed(bytes)));
  });

  it('encodes an empty feed', () => {
    const bytes = encodeFeed('empty', 0, [positionColumn('position', new Float64Array(0))]);
    expect(decodeFeed(bytes).rows).toBe(0);
    expect(arrowFeed(bytes).rows).toEqual([]);
  });

  it('refuses columns whose length does not match the row count, and codes outside the dictionary', () => {
    expect(() => encodeFeed('t', 3, [codeColumn('status', ['a', 'b'], Uint8Array.of(0, 1))])).toThrow(
      /column status: 2 values for 3 rows/,
    );
    expect(() => codeColumn('status', ['a', 'b'], Uint8Array.of(0, 2))).toThrow(/code 2 outside its 2 values/);
    expect(() => codeColumn('big', Array.from({ length: 129 }, String), new Uint8Array(0))).toThrow(/over 128/);
  });

  it('refuses input that is not an Arrow stream, or an Arrow stream that is not a map feed', () => {
    expect(() => decodeFeed(new TextEncoder().encode('{"not":"a feed"}'))).toThrow(/not an Arrow IPC stream/);
    const bytes = encodeFeed('test', 3, sample());
    expect(() => decodeFeed(bytes.subarray(0, bytes.length - 64))).toThrow(/not an Arrow IPC stream/);
  });
});

describe('building columns', () => {
  it('keeps positions within a city to under 1.3 cm of their Float64 value', () => {
    const city = fc.tuple(
      fc.double({ min: 114.8, max: 116.4, noNaN: true }),
      fc.double({ min: 34.6, max: 35.9, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(city, { minLength: 1, maxLength: 50 }), (points) => {
        const column = positionColumn('position', lonLat(points));
        const feed = decodeFeed(encodeFeed('t', points.length, [column]));
        feedRows(feed).forEach((row, i) => {
          const [lon, lat] = row.position as [number, number];
          // 1.3 cm is about 1.2e-7 degrees of latitude.
          expect(Math.abs(lon - points[i]![0])).toBeLessThan(1.2e-7);
          expect(Math.abs(lat - points[i]![1])).toBeLessThan(1.2e-7);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('puts the origin at the centre of the extent', () => {
    const column = positionColumn(
      'position',
      lonLat([
        [115, 35],
        [116, 36],
      ]),
    );
    expect(column.kind === 'position' && column.origin).toEqual([115.5, 35.5]);
  });

  it('refuses positions that spread too far for Float32 offsets', () => {
    const far = lonLat([
      [110, 35],
      [110 + 2 * MAX_OFFSET_DEGREES + 1, 35],
    ]);
    expect(() => positionColumn('position', far)).toThrow(/span more than/);
  });

  it('counts whole minutes from UTC midnight of the earliest day', () => {
    const column = timeColumn('t', Float64Array.of(Date.UTC(2026, 0, 2, 3, 4, 59, 999), Date.UTC(2026, 0, 1, 12)));
    expect(column.kind === 'time' && column.epoch).toBe('2026-01-01T00:00:00.000Z');
    expect(Array.from(column.values)).toEqual([(24 + 3) * 60 + 4, 12 * 60]);
  });

  it('codes dictionary values and refuses values outside the dictionary', () => {
    const code = dictionaryCoder('level', [1, 2, 3, 4]);
    expect([4, 1].map(code)).toEqual([3, 0]);
    expect(() => code(5)).toThrow(/5 is not one of/);
  });

  it('refuses ids of the wrong length or with non-ASCII characters', () => {
    expect(() => textColumn('id', '12345', 4)).toThrow(/ASCII, 4 characters each/);
    expect(() => textColumn('id', '网格', 2)).toThrow(/ASCII, 2 characters each/);
  });
});
