import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiColumn,
  decodeColumns,
  dictionaryCoder,
  encodeColumns,
  feedRows,
  MAX_OFFSET_DEGREES,
  positionColumn,
  timeColumn,
  type ColumnInput,
} from './feed-columns.js';

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
    {
      name: 'status',
      type: 'uint8',
      size: 1,
      dictionary: ['online', 'offline', 'fault'],
      values: Uint8Array.of(0, 2, 1),
    },
    { name: 'count', type: 'uint16', size: 1, values: Uint16Array.of(1, 65535, 7) },
    { name: 'delta', type: 'int32', size: 1, values: Int32Array.of(-5, 0, 2 ** 31 - 1) },
    { name: 'weight', type: 'float64', size: 1, values: Float64Array.of(0.1, -2.5, 1e300) },
    timeColumn(
      'reportedAt',
      Float64Array.of(Date.UTC(2026, 5, 30, 1, 2, 59), Date.UTC(2026, 5, 29, 23, 0), 0 + Date.UTC(2026, 6, 1)),
    ),
    asciiColumn('id', 'AB1CD2EF3', 3),
  ];
}

describe('the columns format', () => {
  it('gives back every column and its meaning after a round trip', () => {
    const feed = decodeColumns(encodeColumns('test', 3, sample(), { unit: '371702005000' }));
    expect(feed.rows).toBe(3);
    expect(feed.header).toMatchObject({ layer: 'test', rows: 3, meta: { unit: '371702005000' } });
    const rows = feedRows(feed);
    expect(rows.map((r) => [r.status, r.count, r.delta, r.weight, r.id])).toEqual([
      ['online', 1, -5, 0.1, 'AB1'],
      ['fault', 65535, 0, -2.5, 'CD2'],
      ['offline', 7, 2 ** 31 - 1, 1e300, 'EF3'],
    ]);
    expect(rows.map((r) => (r.reportedAt as Date).toISOString())).toEqual([
      '2026-06-30T01:02:00.000Z',
      '2026-06-29T23:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
    ]);
    const positions = rows.map((r) => r.position as [number, number]);
    expect(positions[0]![0]).toBeCloseTo(115.48, 6);
    expect(positions[2]![1]).toBeCloseTo(35.2, 6);
  });

  it('starts the header and every column at a multiple of 8 bytes, so typed arrays view the input in place', () => {
    const bytes = encodeColumns('test', 3, sample());
    const headerLength = new DataView(bytes.buffer).getUint32(12, true);
    expect((16 + headerLength) % 8).toBe(0);
    const feed = decodeColumns(bytes);
    for (const { descriptor, values } of feed.columns.values()) {
      expect(descriptor.offset % 8).toBe(0);
      expect(values.buffer).toBe(bytes.buffer);
    }
    expect(feed.columns.get('position')!.values).toBeInstanceOf(Float32Array);
  });

  it('reads a feed that sits at an unaligned offset of a larger buffer', () => {
    const bytes = encodeColumns('test', 3, sample());
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(feedRows(decodeColumns(shifted.subarray(3)))).toEqual(feedRows(decodeColumns(bytes)));
  });

  it('writes the documented prefix: magic, version, row count, header length', () => {
    const bytes = encodeColumns('test', 3, sample());
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('ZZCF');
    const view = new DataView(bytes.buffer);
    expect([view.getUint16(4, true), view.getUint16(6, true), view.getUint32(8, true)]).toEqual([1, 0, 3]);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + view.getUint32(12, true))));
    expect(header.columns.map((c: { name: string }) => c.name)).toEqual([
      'position',
      'status',
      'count',
      'delta',
      'weight',
      'reportedAt',
      'id',
    ]);
  });

  it('encodes an empty feed', () => {
    const feed = decodeColumns(encodeColumns('empty', 0, [positionColumn('position', new Float64Array(0))]));
    expect(feed.rows).toBe(0);
    expect(feedRows(feed)).toEqual([]);
  });

  it('refuses columns whose length does not match the row count or whose array type is wrong', () => {
    const status: ColumnInput = { name: 'status', type: 'uint8', size: 1, values: Uint8Array.of(0, 1) };
    expect(() => encodeColumns('t', 3, [status])).toThrow(/2 values for 3 rows/);
    expect(() => encodeColumns('t', 2, [{ ...status, type: 'uint16' }])).toThrow(/must be a Uint16Array/);
  });

  it('refuses input that is not a feed, a newer version, or a truncated feed', () => {
    const bytes = encodeColumns('test', 3, sample());
    expect(() => decodeColumns(new TextEncoder().encode('{"not":"a feed"}'))).toThrow(/magic/);
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint16(4, 2, true);
    expect(() => decodeColumns(newer)).toThrow(/version 2/);
    expect(() => decodeColumns(bytes.subarray(0, bytes.length - 16))).toThrow(/does not fit/);
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
        const feed = decodeColumns(encodeColumns('t', points.length, [column]));
        feedRows(feed).forEach((row, i) => {
          const [lon, lat] = row.position as [number, number];
          // 1.3 cm is about 1.2e-7 degrees of latitude.
          expect(Math.abs(lon - points[i]![0])).toBeLessThan(1.2e-7);
          expect(Math.abs(lat - points[i]![1])).toBeLessThan(1.2e-7);
        });
      }),
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
    expect(column.origin).toEqual([115.5, 35.5]);
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
    expect(column.epoch).toBe('2026-01-01T00:00:00.000Z');
    expect(Array.from(column.values)).toEqual([(24 + 3) * 60 + 4, 12 * 60]);
  });

  it('codes dictionary values and refuses values outside the dictionary', () => {
    const code = dictionaryCoder('level', [1, 2, 3, 4]);
    expect([4, 1].map(code)).toEqual([3, 0]);
    expect(() => code(5)).toThrow(/5 is not one of/);
  });

  it('refuses ids of the wrong length or with non-ASCII characters', () => {
    expect(() => asciiColumn('id', '12345', 4)).toThrow(/ASCII, 4 characters each/);
    expect(() => asciiColumn('id', '网格', 2)).toThrow(/ASCII, 2 characters each/);
  });
});
