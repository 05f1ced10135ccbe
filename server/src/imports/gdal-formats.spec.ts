/**
 * What GDAL writes that our own exports never hold: .prj files in ESRI WKT for every supported
 * coordinate system, GeoPackages in projected systems, dBASE date, numeric and logical fields,
 * and Chinese field names cut to 10 bytes. Files made by ogr2ogr from a small GeoJSON, read
 * through the import's preparation (no database). Skipped, saying so, without ogr2ogr.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_OGR2OGR, metresApart, ogr2ogr, workFolder, writeBytes } from '../../test/gdal.js';
import { prepareImport } from './prepare.js';
import type { CameraRow } from './rows.js';

const CAMERAS = [
  { id: '37170200001325000001', lon: 115.4812345, lat: 35.2412345, last_seen: '2026-06-30T01:02:03.000Z' },
  { id: '37170200001325000002', lon: 115.5123456, lat: 35.2601234, last_seen: '2026-06-29T17:30:00.456Z' },
  { id: '37170200001325000003', lon: 115.4409876, lat: 35.2198765, last_seen: null },
];

const geojson = (properties: (c: (typeof CAMERAS)[number]) => Record<string, unknown>) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: CAMERAS.map((c) => ({
      type: 'Feature',
      properties: properties(c),
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
    })),
  });

const camera = (c: (typeof CAMERAS)[number]) => ({
  id: c.id,
  name: `摄像机${c.id.slice(-1)}`,
  kind: 'dome',
  status: 'online',
  last_seen: c.last_seen,
  heading: 90,
  fov: 60,
  owner_unit: '牡丹分局',
  working: c.id.endsWith('1'),
});

const prepare = (bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}) =>
  prepareImport({
    layer: 'cameras',
    fileName,
    bytes,
    mapping: { fields, values: {}, defaults: {} },
    jurisdictionPrefix: '3717',
  });

/** Each system a .prj or gpkg_spatial_ref_sys may declare, by the EPSG code GDAL is given. */
const SYSTEMS = [
  { epsg: 4490, name: 'cgcs2000', what: 'CGCS2000 geographic' },
  { epsg: 4497, name: 'epsg:4497', what: 'a 6° Gauss–Krüger zone with its number in the easting' },
  { epsg: 4509, name: 'epsg:4509', what: 'a 6° Gauss–Krüger zone by central meridian' },
  { epsg: 4526, name: 'epsg:4526', what: 'a 3° Gauss–Krüger zone with its number in the easting' },
  { epsg: 4547, name: 'epsg:4547', what: 'a 3° Gauss–Krüger zone by central meridian' },
];

const suite = HAS_OGR2OGR
  ? describe
  : (title: string) =>
      describe.skip(`${title}: skipped, ogr2ogr is not installed (apt-get install gdal-bin)`, () => {
        it('needs GDAL', () => {});
      });

suite('files as GDAL writes them', () => {
  let folder: Awaited<ReturnType<typeof workFolder>>;
  let source: string;
  beforeAll(async () => {
    folder = await workFolder();
    source = await writeBytes(join(folder.path, 'cameras.geojson'), new TextEncoder().encode(geojson(camera)));
  });
  afterAll(() => folder.remove());

  const expectPositions = (rows: CameraRow[]) => {
    expect(rows.map((r) => r.id)).toEqual(CAMERAS.map((c) => c.id));
    rows.forEach((r, i) => expect(metresApart([r.lon, r.lat], [CAMERAS[i]!.lon, CAMERAS[i]!.lat])).toBeLessThan(0.01));
  };

  for (const system of SYSTEMS) {
    it(`recognises the ESRI WKT .prj of ${system.what} (EPSG:${system.epsg}) and its positions to 1 cm`, async () => {
      const bytes = await ogr2ogr('ESRI Shapefile', source, join(folder.path, `prj-${system.epsg}`), [
        '-t_srs',
        `EPSG:${system.epsg}`,
        '-lco',
        'ENCODING=UTF-8',
      ]);
      const prepared = await prepare(bytes, 'cameras.zip');
      if (!prepared.ok) throw new Error(prepared.error.message);
      expect(prepared.value.rejected).toEqual([]);
      expect(prepared.value.crs.name).toBe(system.name);
      expectPositions(prepared.value.rows.map((r) => r.row as CameraRow));
    });

    it(`reads a GeoPackage's coordinate system ${system.what} (EPSG:${system.epsg}) from gpkg_spatial_ref_sys`, async () => {
      const bytes = await ogr2ogr('GPKG', source, join(folder.path, `srs-${system.epsg}.gpkg`), [
        '-t_srs',
        `EPSG:${system.epsg}`,
      ]);
      const prepared = await prepare(bytes, 'cameras.gpkg');
      if (!prepared.ok) throw new Error(prepared.error.message);
      expect(prepared.value.crs.name).toBe(system.epsg === 4509 ? 'epsg:4509' : system.name);
      expectPositions(prepared.value.rows.map((r) => r.row as CameraRow));
    });
  }

  it('accepts a Shapefile whose times GDAL wrote as dBASE dates, read as that day 00:00 Beijing time with a note', async () => {
    const bytes = await ogr2ogr('ESRI Shapefile', source, join(folder.path, 'dates'), ['-lco', 'ENCODING=UTF-8']);
    const prepared = await prepare(bytes, 'cameras.zip');
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.rejected).toEqual([]);
    expect(prepared.value.rows.map((r) => (r.row as CameraRow).last_seen)).toEqual([
      '2026-06-29T16:00:00.000Z',
      '2026-06-28T16:00:00.000Z',
      null,
    ]);
    expect(prepared.value.warnings.map((w) => w.reason).join('\n')).toContain(
      'last_seen: dBASE date fields hold no time of day',
    );
  });

  it('keeps the times, milliseconds too, of a Shapefile converted with -fieldTypeToString DateTime', async () => {
    const bytes = await ogr2ogr('ESRI Shapefile', source, join(folder.path, 'times'), [
      '-lco',
      'ENCODING=UTF-8',
      '-fieldTypeToString',
      'DateTime',
    ]);
    const prepared = await prepare(bytes, 'cameras.zip');
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.rows.map((r) => (r.row as CameraRow).last_seen)).toEqual(CAMERAS.map((c) => c.last_seen));
  });

  it('reads dBASE numeric fields with decimals as numbers', async () => {
    const bytes = await ogr2ogr('ESRI Shapefile', source, join(folder.path, 'types'), [
      '-lco',
      'ENCODING=UTF-8',
      '-mapFieldType',
      'Integer=Real',
    ]);
    const prepared = await prepare(bytes, 'cameras.zip');
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.rows.map((r) => (r.row as CameraRow).heading)).toEqual([90, 90, 90]);
  });

  for (const encoding of ['UTF-8', 'GBK']) {
    it(`maps Chinese field names GDAL cut to 10 bytes in ${encoding} back to their columns`, async () => {
      const chinese = (c: (typeof CAMERAS)[number]) => ({
        设备国标编码: c.id,
        设备名称: `摄像机${c.id.slice(-1)}`,
        设备类型: '球机',
        所属单位: '牡丹分局',
        最后在线时间: c.last_seen,
      });
      const path = await writeBytes(
        join(folder.path, `zh-${encoding}.geojson`),
        new TextEncoder().encode(geojson(chinese)),
      );
      const bytes = await ogr2ogr('ESRI Shapefile', path, join(folder.path, `zh-${encoding}`), [
        '-lco',
        `ENCODING=${encoding}`,
        ...['-fieldTypeToString', 'DateTime'],
      ]);
      const prepared = await prepare(bytes, 'cameras.zip');
      if (!prepared.ok) throw new Error(prepared.error.message);
      expect(prepared.value.rejected).toEqual([]);
      expect(prepared.value.rows.map((r) => (r.row as CameraRow).last_seen)).toEqual(CAMERAS.map((c) => c.last_seen));
      expect(prepared.value.rows.map((r) => (r.row as CameraRow).kind)).toEqual(['dome', 'dome', 'dome']);
    });

    it(`maps a mapping file's long field name GDAL cut to 10 bytes in ${encoding} back to its column`, async () => {
      const unit = (c: (typeof CAMERAS)[number]) => ({
        id: c.id,
        name: `摄像机${c.id.slice(-1)}`,
        设备管理单位名称: '牡丹分局',
      });
      const path = await writeBytes(
        join(folder.path, `unit-${encoding}.geojson`),
        new TextEncoder().encode(geojson(unit)),
      );
      const bytes = await ogr2ogr('ESRI Shapefile', path, join(folder.path, `unit-${encoding}`), [
        '-lco',
        `ENCODING=${encoding}`,
      ]);
      const prepared = await prepare(bytes, 'cameras.zip', { owner_unit: '设备管理单位名称' });
      if (!prepared.ok) throw new Error(prepared.error.message);
      expect(prepared.value.rejected).toEqual([]);
      expect(prepared.value.rows.map((r) => (r.row as CameraRow).owner_unit)).toEqual([
        '牡丹分局',
        '牡丹分局',
        '牡丹分局',
      ]);
    });
  }
});
