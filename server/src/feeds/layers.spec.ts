import { describe, expect, it } from 'vitest';
import { PACKED_BYTES, type PackedChunk } from '../db/queries/feeds.js';
import { arrowFeed, arrowRows } from '../../test/arrow-rows.js';
import { decodeFeed, feedRows } from '../domain/feed-decode.js';
import { buildFeed, CAMERA_LAYER, CASE_LAYER, RISK_POINT_LAYER, type LayerSpec } from './layers.js';
import { buildPatchableFeed, rowOfId } from './patchable-feed.js';

type Row = Record<string, unknown> & { id: string };

/** Packs rows the way the database does: big-endian records, codes 1-based (0 = unknown). */
function pack(spec: LayerSpec, rows: Row[]): PackedChunk {
  const width = spec.fields.reduce((n, f) => n + PACKED_BYTES[f.kind], 0);
  const records = new Uint8Array(rows.length * width);
  const view = new DataView(records.buffer);
  rows.forEach((row, i) => {
    let at = i * width;
    for (const f of spec.fields) {
      const value = row[f.name];
      if (f.kind === 'float') view.setFloat64(at, value as number, false);
      else if (f.kind === 'time') view.setFloat64(at, (value as Date).getTime() / 1000, false);
      else view.setInt16(at, f.dictionary!.indexOf(value as string) + 1, false);
      at += PACKED_BYTES[f.kind];
    }
  });
  return { rows: rows.length, records, ids: rows.map((r) => r.id).join('') };
}

const chunked = (spec: LayerSpec, rows: Row[], size: number): PackedChunk[] => {
  const out: PackedChunk[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(pack(spec, rows.slice(i, i + size)));
  return out;
};

const buildCamera = (i: number, overrides: Partial<Row> = {}): Row => ({
  id: `3717020005131500${String(i).padStart(4, '0')}`,
  lon: 115.4 + (i % 100) / 1000,
  lat: 35.2 + Math.floor(i / 100) / 1000,
  status: ['online', 'offline', 'fault'][i % 3]!,
  kind: 'dome',
  heading: 90,
  fov: 60,
  ...overrides,
});

const cameras = (n: number) => Array.from({ length: n }, (_, i) => buildCamera(i));

describe('a feed patched by id', () => {
  it('finds rows by id among fixed-length ids in order', () => {
    const ids = ['0001', '0005', '0009', '0120'].join('');
    expect(['0001', '0005', '0009', '0120', '0000', '0006', '9999'].map((id) => rowOfId(ids, 4, id))).toEqual([
      0, 1, 2, 3, -1, -1, -1,
    ]);
    expect(rowOfId('', 4, '0001')).toBe(-1);
  });

  it('gives the same bytes as a feed built from the changed rows, with or without the id column', async () => {
    const rows = cameras(1200);
    const changed = rows.map((r, i) =>
      i === 7 || i === 1100 ? { ...r, status: 'fault' } : i === 8 ? { ...r, status: 'online' } : r,
    );
    for (const ids of [true, false]) {
      const kept = await buildPatchableFeed(CAMERA_LAYER, chunked(CAMERA_LAYER, rows, 500), {
        ids,
        meta: { unit: 'x' },
      });
      const fresh = await buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, changed)], { ids, meta: { unit: 'x' } });
      expect(kept.hasIds).toBe(ids);
      const allIds = ids ? undefined : rows.map((r) => r.id).join('');
      const changes = [
        { id: rows[7]!.id, value: 'online' },
        { id: rows[7]!.id, value: 'fault' }, // the later change wins
        { id: rows[8]!.id, value: 'online' },
        { id: rows[1100]!.id, value: 'fault' },
        { id: '37170200051315009999', value: 'offline' }, // not in this feed: skipped
      ];
      if (!ids) expect(kept.recode('status', changes, allIds!.slice(20))).toBeNull(); // ids that do not fit
      const patched = kept.recode('status', changes, allIds)!;
      expect(patched.hasIds).toBe(true);
      expect(Buffer.from(patched.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
      expect(Buffer.from(kept.bytes).equals(Buffer.from(fresh.bytes))).toBe(false);
      // Patching again starts from the patched rows, and leaves the kept bytes as they were.
      const before = Buffer.from(patched.bytes);
      const back = patched.recode('status', [{ id: rows[1100]!.id, value: rows[1100]!.status as string }])!;
      expect(arrowRows(back.bytes)[1100]!.status).toBe(rows[1100]!.status);
      expect(before.equals(Buffer.from(patched.bytes))).toBe(true);
    }
  });

  it("refuses a value outside the field's dictionary, so the caller builds afresh", async () => {
    const kept = await buildPatchableFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, cameras(3))], { ids: false });
    expect(kept.recode('status', [{ id: cameras(3)[0]!.id, value: 'exploded' }])).toBeNull();
    expect(() => kept.recode('lon', [])).toThrow(/no coded field "lon"/);
  });
});

describe('map feed layers', () => {
  it('builds the same bytes whether the rows come in one chunk or many', async () => {
    const rows = cameras(2500);
    const whole = await buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, rows)], { ids: true });
    const pieces = await buildFeed(CAMERA_LAYER, chunked(CAMERA_LAYER, rows, 700), { ids: true });
    expect(pieces.rows).toBe(2500);
    expect(Buffer.from(pieces.bytes).equals(Buffer.from(whole.bytes))).toBe(true);
  });

  it('stores a camera in 12 bytes (its view 2 of them), ids left out, beside a schema and dictionaries of fixed size', async () => {
    const size = async (n: number) =>
      (await buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, cameras(n))], { ids: false })).bytes.length;
    const [small, large] = [await size(10_000), await size(20_000)];
    expect((large - small) / 10_000).toBe(12);
    // The view's two dictionaries of 73 angles add about 1 KB once.
    expect(small - 12 * 10_000).toBeLessThan(2500);
    const columns = decodeFeed(
      (await buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, cameras(100))], { ids: false })).bytes,
    );
    expect([...columns.columns.values()].reduce((sum, c) => sum + c.values.byteLength, 0)).toBe(1200);
  });

  it('gives back each camera with its id, status, kind and view', async () => {
    const rows = [buildCamera(1, { status: 'fault', kind: 'ptz', heading: 355, fov: 5 }), buildCamera(4)];
    const decoded = arrowRows((await buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, rows)], { ids: true })).bytes);
    expect(decoded.map(({ position: _p, ...r }) => r)).toEqual([
      { id: rows[0]!.id, status: 'fault', kind: 'ptz', heading: 355, fov: 5 },
      { id: rows[1]!.id, status: 'offline', kind: 'dome', heading: 90, fov: 60 },
    ]);
    expect((decoded[1]!.position as number[])[0]).toBeCloseTo(rows[1]!.lon as number, 6);
  });

  it('gives back risk point levels as numbers 1 to 4', async () => {
    const rows = [1, 4, 2].map((level, i) => ({
      id: `371702005001R000${i + 1}`,
      lon: 115.4,
      lat: 35.2 + i / 100,
      level,
      category: 'school',
    }));
    const built = await buildFeed(RISK_POINT_LAYER, [pack(RISK_POINT_LAYER, rows)], { ids: true });
    const decoded = arrowRows(built.bytes);
    expect(decoded.map((r) => [r.id, r.level, r.category])).toEqual(rows.map((r) => [r.id, r.level, 'school']));
    expect(feedRows(decodeFeed(built.bytes)).map((r) => r.level)).toEqual([1, 4, 2]);
  });

  it('gives back case times to the minute and the overdue flag', async () => {
    const rows = [
      {
        id: '371702005001202606300001',
        lon: 115.4,
        lat: 35.2,
        status: 'mediating',
        category: 'land',
        severity: 'high',
        overdue: true,
        reported_at: new Date('2026-06-30T09:15:42.250+08:00'),
      },
      {
        id: '371702005001202601010001',
        lon: 115.41,
        lat: 35.21,
        status: 'reviewed',
        category: 'family',
        severity: 'low',
        overdue: false,
        reported_at: new Date('2026-01-01T00:00:00+08:00'),
      },
    ];
    const feed = arrowFeed((await buildFeed(CASE_LAYER, [pack(CASE_LAYER, rows)], { ids: false })).bytes);
    expect(Object.keys(feed.types)).toEqual(['position', 'status', 'category', 'severity', 'overdue', 'reportedAt']);
    const decoded = feed.rows.map((r) => [
      r.status,
      r.category,
      r.severity,
      r.overdue,
      (r.reportedAt as Date).toISOString(),
    ]);
    expect(decoded).toEqual([
      ['mediating', 'land', 'high', true, '2026-06-30T01:15:00.000Z'],
      ['reviewed', 'family', 'low', false, '2025-12-31T16:00:00.000Z'],
    ]);
  });

  it('refuses a row whose status is outside the vocabulary, naming the row', async () => {
    const rows = [buildCamera(0), buildCamera(1, { status: 'melted' })];
    await expect(buildFeed(CAMERA_LAYER, [pack(CAMERA_LAYER, rows)], { ids: false })).rejects.toThrow(
      /cameras row 1: status is not one of/,
    );
  });

  it("refuses a chunk whose ids do not have the layer's length", async () => {
    const chunk = { ...pack(CAMERA_LAYER, cameras(2)), ids: '12345' };
    await expect(buildFeed(CAMERA_LAYER, [chunk], { ids: true })).rejects.toThrow(/ids are not 2 × 20/);
  });
});
