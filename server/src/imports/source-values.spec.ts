import shpwrite from '@mapbox/shp-write';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readShapefileZip } from './readers.js';
import { dateFieldsNote, isoOfGdalDateTime, normaliseSourceValue, type ValueNotes } from './source-values.js';

const notes = (): ValueNotes => ({ dateFields: new Set() });

describe('source values', () => {
  it("turns GDAL's date-time text with an offset into ISO 8601", () => {
    expect(isoOfGdalDateTime('2026/06/30 01:02:03+00')).toBe('2026-06-30T01:02:03+00:00');
    expect(isoOfGdalDateTime('2026/06/30 09:02:03.456+08')).toBe('2026-06-30T09:02:03.456+08:00');
    expect(isoOfGdalDateTime('2026/06/30 06:32:03+0530')).toBe('2026-06-30T06:32:03+05:30');
  });

  it('leaves text without an offset for the row checks to read as Beijing time', () => {
    expect(isoOfGdalDateTime('2026/06/30 01:02:03')).toBeNull();
    expect(normaliseSourceValue('name', '2026/06/30 01:02', notes())).toBe('2026/06/30 01:02');
  });

  it('reads a dBASE date as its day and notes the field, and a blank one as no value', () => {
    const seen = notes();
    expect(normaliseSourceValue('last_seen', new Date(2026, 5, 30), seen)).toBe('2026-06-30');
    expect(normaliseSourceValue('closed_at', new Date(0, -1, 0), seen)).toBeNull();
    expect(dateFieldsNote(seen)).toContain('last_seen: dBASE date fields hold no time of day');
    expect(dateFieldsNote(notes())).toBeNull();
  });

  it('reads the logical fields of a Shapefile as true or false', async () => {
    const parts = await new Promise<{ shp: DataView; shx: DataView; dbf: DataView }>((resolve, reject) =>
      shpwrite.write(
        [
          { ID: 'a', WORKING: true },
          { ID: 'b', WORKING: false },
        ],
        'POINT',
        [
          [115.4, 35.2],
          [115.5, 35.3],
        ],
        (error, data) => (error ? reject(error) : resolve(data)),
      ),
    );
    const zip = new JSZip();
    const bytes = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    for (const ext of ['shp', 'shx', 'dbf'] as const) zip.file(`points.${ext}`, bytes(parts[ext]));
    const file = await readShapefileZip(await zip.generateAsync({ type: 'uint8array' }));
    if (!file.ok) throw new Error(file.error);
    expect(file.value.records.map((r) => r.properties.WORKING)).toEqual(['true', 'false']);
  });
});
