/**
 * Every layer exported, converted by GDAL's ogr2ogr into each format and encoding a center's
 * GIS tools write, and imported back as a dry run and as an upsert: the layer exported again
 * must be exactly what was exported first. Skipped, saying so, where ogr2ogr is not installed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, TEST_NOW, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';
import {
  expectSameFeatures,
  HAS_OGR2OGR,
  ogr2ogr,
  ogrinfo,
  workFolder,
  writeBytes,
  type ExportedFeature,
} from '../../test/gdal.js';
import { rollBackImport, type ImportReport } from './service.js';

/** A village of the tiny city: every layer has records there, few enough to stay quick. */
const UNIT = '371702005001';
const LAYERS = ['cameras', 'risk_points', 'cases', 'grids'] as const;
type Layer = (typeof LAYERS)[number];
const KEY: Record<Layer, string> = { cameras: 'id', risk_points: 'id', cases: 'code', grids: 'code' };
const ADMIN = { username: 'demo-admin', jurisdiction: '371700000000' };

interface Variant {
  name: string;
  /** Made from the layer's GeoJSON export at `source`, in `folder`; the file to upload and its name. */
  make: (source: string, folder: string, layer: Layer) => Promise<{ bytes: Uint8Array; fileName: string }>;
  /** The coordinate system to state, for formats that cannot declare one. */
  crs?: string;
  /** Layers it cannot carry, with why. */
  skip?: Partial<Record<Layer, string>>;
}

/** Keeps a Shapefile's times: as text, since a dBASE date field holds no time of day. */
const KEEP_TIMES = ['-fieldTypeToString', 'DateTime'];

const shapefile = (encoding: string): Variant => ({
  name: `a zipped Shapefile in ${encoding}`,
  make: async (source, folder, layer) => ({
    bytes: await ogr2ogr('ESRI Shapefile', source, join(folder, `${layer}-${encoding}`), [
      '-lco',
      `ENCODING=${encoding}`,
      ...KEEP_TIMES,
    ]),
    fileName: `${layer}.zip`,
  }),
});

const VARIANTS: Variant[] = [
  {
    name: 'GeoJSON written by GDAL',
    crs: 'wgs84',
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('GeoJSON', source, join(folder, `${layer}-gdal.geojson`), []),
      fileName: `${layer}.geojson`,
    }),
  },
  shapefile('UTF-8'),
  shapefile('GBK'),
  {
    name: "CSV with GDAL's X and Y columns",
    crs: 'wgs84',
    skip: { grids: 'a grid is a polygon; a CSV cannot carry it as columns' },
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('CSV', source, join(folder, `${layer}.csv`), ['-lco', 'GEOMETRY=AS_XY']),
      fileName: `${layer}.csv`,
    }),
  },
  {
    name: "CSV with GDAL's WKT geometry column",
    crs: 'wgs84',
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('CSV', source, join(folder, `${layer}-wkt.csv`), ['-lco', 'GEOMETRY=AS_WKT']),
      fileName: `${layer}-wkt.csv`,
    }),
  },
  {
    name: "CSV with GDAL's WKT column of multi-part geometries",
    crs: 'wgs84',
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('CSV', source, join(folder, `${layer}-wkt-multi.csv`), [
        ...['-lco', 'GEOMETRY=AS_WKT', '-nlt', 'PROMOTE_TO_MULTI'],
      ]),
      fileName: `${layer}-wkt-multi.csv`,
    }),
  },
  {
    name: 'a GeoPackage written by GDAL',
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('GPKG', source, join(folder, `${layer}.gpkg`), []),
      fileName: `${layer}.gpkg`,
    }),
  },
  {
    name: 'a GeoPackage of multi-part geometries',
    make: async (source, folder, layer) => ({
      bytes: await ogr2ogr('GPKG', source, join(folder, `${layer}-multi.gpkg`), ['-nlt', 'PROMOTE_TO_MULTI']),
      fileName: `${layer}-multi.gpkg`,
    }),
  },
];

const suite = HAS_OGR2OGR
  ? eachDriver
  : (title: string) =>
      describe.skip(`${title}: skipped, ogr2ogr is not installed (apt-get install gdal-bin)`, () => {
        it('needs GDAL', () => {});
      });

suite('GDAL round trips of every layer', (driver) => {
  let api: TestApi;
  let token: string;
  let folder: Awaited<ReturnType<typeof workFolder>>;
  const exported = new Map<Layer, ExportedFeature[]>();

  const exportFile = async (layer: Layer, format: 'geojson' | 'gpkg' | 'csv') => {
    const res = await fetch(`${api.base}/exports/${layer}.${format}?unit=${UNIT}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  const features = async (layer: Layer) =>
    (JSON.parse(new TextDecoder().decode(await exportFile(layer, 'geojson'))) as { features: ExportedFeature[] })
      .features;
  const upload = async (layer: Layer, fileName: string, bytes: Uint8Array, dryRun: boolean, crs?: string) => {
    const query = new URLSearchParams({ layer, fileName, ...(dryRun ? { dryRun: '1' } : {}), ...(crs ? { crs } : {}) });
    const res = await fetch(`${api.base}/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    const body = (await res.json()) as ImportReport;
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const source = (layer: Layer) => join(folder.path, `${layer}.geojson`);

  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-admin');
    folder = await workFolder();
    for (const layer of LAYERS) {
      await writeBytes(source(layer), await exportFile(layer, 'geojson'));
      exported.set(layer, await features(layer));
      expect(exported.get(layer)!.length, layer).toBeGreaterThan(0);
    }
  });
  afterAll(async () => {
    await api.stop();
    await folder.remove();
  });

  /** Dry run, then upsert, then the export again: exactly the rows exported first. */
  const roundTrip = async (layer: Layer, file: { bytes: Uint8Array; fileName: string }, crs?: string) => {
    const n = exported.get(layer)!.length;
    const dry = await upload(layer, file.fileName, file.bytes, true, crs);
    expect(dry.rejected).toEqual([]);
    expect(dry.counts).toMatchObject({ read: n, valid: n, inserted: 0 });
    const applied = await upload(layer, file.fileName, file.bytes, false, crs);
    expect(applied.rejected).toEqual([]);
    expect(applied).toMatchObject({ applied: true, counts: { read: n, inserted: 0 } });
    expectSameFeatures(exported.get(layer)!, await features(layer), KEY[layer]);
  };

  for (const layer of LAYERS) {
    for (const variant of VARIANTS) {
      const why = variant.skip?.[layer];
      if (why) continue;
      it(`${layer} through ${variant.name} dry-run and upsert back to exactly the rows exported`, async () => {
        await roundTrip(layer, await variant.make(source(layer), folder.path, layer), variant.crs);
      });
    }

    if (layer !== 'grids') {
      it(`${layer} through a Shapefile GDAL wrote with its defaults, times as dBASE dates, dry-runs with a note`, async () => {
        const bytes = await ogr2ogr('ESRI Shapefile', source(layer), join(folder.path, `${layer}-dates`), [
          '-lco',
          'ENCODING=GBK',
        ]);
        const dry = await upload(layer, `${layer}.zip`, bytes, true);
        expect(dry.rejected).toEqual([]);
        expect(dry.counts).toMatchObject({ read: exported.get(layer)!.length, inserted: 0 });
        expect(dry.warnings.map((w) => w.reason).join('\n')).toContain('dBASE date fields hold no time of day');
      });
    }

    it(`${layer} exports its times with the display zone's offset, which GDAL reads as the same instants`, async () => {
      const times = exported
        .get(layer)!
        .flatMap((f) => Object.values(f.properties))
        .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v));
      expect(times.length).toBeGreaterThan(0);
      for (const t of times) expect(t).toMatch(/\+08:00$/);
      const info = await ogrinfo(source(layer), []);
      expect(info).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\+08/);
    });

    it(`${layer} through our own CSV export: GDAL reads its geometry in EPSG:4326, and it upserts back without a stated system`, async () => {
      const bytes = await exportFile(layer, 'csv');
      const path = await writeBytes(join(folder.path, `${layer}-ours.csv`), bytes);
      const info = await ogrinfo(path);
      expect(info).toContain(`Feature Count: ${exported.get(layer)!.length}`);
      expect(info).toMatch(/ID\["EPSG",4326\]/);
      expect(info).toMatch(layer === 'grids' ? /Geometry: Unknown|Polygon/ : /Geometry: Unknown|Point/);
      await roundTrip(layer, { bytes, fileName: `${layer}.csv` });
    });

    it(`${layer} through our own GeoPackage export reads in GDAL and upserts back to the rows exported`, async () => {
      const bytes = await exportFile(layer, 'gpkg');
      const info = await ogrinfo(await writeBytes(join(folder.path, `${layer}-ours.gpkg`), bytes));
      expect(info).toContain(`Feature Count: ${exported.get(layer)!.length}`);
      expect(info).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
      // The R-tree spatial index GDAL itself writes, whole: GDAL finds it and a box query reads it.
      const path = join(folder.path, `${layer}-ours.gpkg`);
      expect(await ogrinfo(path, ['-sql', `SELECT HasSpatialIndex('${layer}', 'geom')`])).toContain('= 1');
      const everything = `SELECT count(*) FROM rtree_${layer}_geom WHERE maxx >= -180 AND minx <= 180`;
      expect(await ogrinfo(path, ['-sql', everything])).toContain(`= ${exported.get(layer)!.length}`);
      await roundTrip(layer, { bytes, fileName: `${layer}.gpkg` });
    });
  }

  it('takes a GeoPackage GDAL wrote the one way every import goes: all or nothing, audited, rolled back exactly', async () => {
    const before = exported.get('cameras')!;
    /** The export with the first camera renamed and, if `bad`, the second one's heading out of range. */
    const edited = async (bad: boolean) => {
      const features = before.map((f, i) => ({
        type: 'Feature',
        properties: {
          ...f.properties,
          ...(i === 0 ? { name: '改名的摄像机' } : {}),
          ...(bad && i === 1 ? { heading: 720 } : {}),
        },
        geometry: f.geometry,
      }));
      const path = join(folder.path, `cameras-${bad ? 'bad' : 'edited'}.geojson`);
      await writeBytes(path, new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })));
      return ogr2ogr('GPKG', path, join(folder.path, `cameras-${bad ? 'bad' : 'edited'}.gpkg`), []);
    };
    const audited = async () =>
      (
        await api.db.query<{ success: boolean; target: string; detail: string }>(
          "SELECT success, target, detail FROM audit_log WHERE operation = 'import cameras' ORDER BY id DESC LIMIT 1",
        )
      ).rows[0];

    const refused = await upload('cameras', 'bad.gpkg', await edited(true), false);
    expect(refused.applied).toBe(false);
    expect(refused.rejected.map((r) => r.field)).toEqual(['heading']);
    expectSameFeatures(before, await features('cameras'), 'id');
    expect(await audited()).toEqual({
      success: false,
      target: 'bad.gpkg',
      detail: '1 records rejected; nothing written',
    });

    const applied = await upload('cameras', 'edited.gpkg', await edited(false), false);
    expect(applied).toMatchObject({ applied: true, format: 'geopackage', crs: 'wgs84', rejected: [] });
    const renamed = (await features('cameras')).find((f) => f.properties.id === before[0]!.properties.id)!;
    expect(renamed.properties.name).toBe('改名的摄像机');
    expect(await audited()).toMatchObject({ success: true, target: `import #${applied.importId} edited.gpkg` });

    await rollBackImport(api.db, applied.importId!, ADMIN, new Date(TEST_NOW.getTime() + 60_000));
    expectSameFeatures(before, await features('cameras'), 'id');
  });
});
