import shpwrite from '@mapbox/shp-write';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseMapping, type Mapping } from './mapping.js';
import { prepareImport, type PrepareInput } from './prepare.js';
import type { CameraRow, CaseRow, GridRow, RiskPointRow } from './rows.js';

const NO_MAPPING: Mapping = { fields: {}, values: {}, defaults: {} };
const utf8 = (s: string) => new TextEncoder().encode(s);
/** GBK bytes of ASCII + the few Chinese characters these tests use (no GBK encoder in Node). */
const GBK: Record<string, number[]> = {
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  经: [0xbe, 0xad],
  度: [0xb6, 0xc8],
  纬: [0xce, 0xb3],
  类: [0xc0, 0xe0],
  别: [0xb1, 0xf0],
  等: [0xb5, 0xc8],
  级: [0xbc, 0xb6],
  学: [0xd1, 0xa7],
  校: [0xd0, 0xa3],
  红: [0xba, 0xec],
  编: [0xb1, 0xe0],
  码: [0xc2, 0xeb],
  责: [0xd4, 0xf0],
  任: [0xc8, 0xce],
  单: [0xb5, 0xa5],
  位: [0xce, 0xbb],
  中: [0xd6, 0xd0],
};
function gbk(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 128) out.push(ch.charCodeAt(0));
    else if (GBK[ch]) out.push(...GBK[ch]!);
    else throw new Error(`no GBK bytes for ${ch} in this test`);
  }
  return new Uint8Array(out);
}

const input = (over: Partial<PrepareInput>): PrepareInput => ({
  layer: 'cameras',
  fileName: 'x.csv',
  bytes: new Uint8Array(),
  crs: 'wgs84',
  mapping: NO_MAPPING,
  jurisdictionPrefix: '3717',
  ...over,
});

async function prepared(over: Partial<PrepareInput>) {
  const result = await prepareImport(input(over));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const square = (x: number, y: number, d = 0.01) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('preparing an import', () => {
  it('reads a UTF-8 CSV with a BOM and Windows line endings, with Chinese headers and labels', async () => {
    const csv =
      '\uFEFF编码,名称,经度,纬度,类型,状态,所属单位,网格编码\r\n' +
      '37170200001325000001,东安路口,115.48,35.24,球机,在线,牡丹分局,371702001001001\r\n' +
      '37170200001325000002,西门,115.49,35.25,枪机,离线,牡丹分局,\r\n';
    const p = await prepared({ bytes: utf8(csv) });
    expect(p.rejected).toEqual([]);
    expect(p.rows.map((r) => r.position)).toEqual(['line 2', 'line 3']);
    const first = p.rows[0]!.row as CameraRow;
    expect(first).toMatchObject({ id: '37170200001325000001', name: '东安路口', kind: 'dome', status: 'online' });
    expect((p.rows[1]!.row as CameraRow).grid_code).toBeNull(); // left to the location
  });

  it('reads a GBK-encoded CSV without being told', async () => {
    const csv = '编码,名称,类别,等级,责任单位,经度,纬度\n371702001001R0001,中学,学校,红,中学,115.48,35.24\n';
    const p = await prepared({ layer: 'risk_points', bytes: gbk(csv) });
    expect(p.rejected).toEqual([]);
    expect(p.rows[0]!.row as RiskPointRow).toMatchObject({ name: '中学', category: 'school', level: 1 });
    expect(p.warnings.map((w) => w.reason)).toContain('the CSV is not UTF-8; read as GBK');
  });

  it("takes the coordinate system a CSV's GDAL geometry header names, a Gauss–Krüger zone here, without being told", async () => {
    const csv =
      'id,name,kind,owner_unit,_WKTgeom_EPSG_4547\n37170200001325000001,a,dome,u,POINT (634715.8677 3902223.234)\n';
    const p = await prepared({ bytes: utf8(csv), crs: null });
    expect(p.crs.name).toBe('epsg:4547');
    const row = p.rows[0]!.row as CameraRow;
    expect(Math.abs(row.lon - 115.48)).toBeLessThan(1e-7);
    expect(Math.abs(row.lat - 35.24)).toBeLessThan(1e-7);
  });

  it('says so when a CSV geometry header names a system it does not know, and asks for one', async () => {
    const csv = 'id,name,kind,owner_unit,_WKTgeom_EPSG_3857\n37170200001325000001,a,dome,u,POINT (115.48 35.24)\n';
    const refused = await prepareImport(input({ bytes: utf8(csv), crs: null }));
    expect(refused.ok || refused.error.message).toContain('say which coordinate system');
    const p = await prepared({ bytes: utf8(csv), crs: 'wgs84' });
    expect(p.warnings.map((w) => w.reason)).toContain(
      'the geometry column _WKTgeom_EPSG_3857 names EPSG:3857, a coordinate system this import does not know',
    );
  });

  it('converts GCJ-02 positions, so the stored point differs from the file by hundreds of metres', async () => {
    const csv = 'id,name,lon,lat,kind,owner_unit\n37170200001325000001,a,115.48,35.24,dome,u\n';
    const p = await prepared({ bytes: utf8(csv), crs: 'gcj02' });
    const row = p.rows[0]!.row as CameraRow;
    expect(Math.abs(row.lon - 115.48)).toBeGreaterThan(0.003);
  });

  it('rejects each bad row with its line, field and reason, and keeps the good ones', async () => {
    const csv = [
      'id,name,lon,lat,kind,owner_unit,grid_code',
      '37170200001325000001,ok,115.48,35.24,dome,u,371702001001001',
      '3717020000132500000X,bad id,115.48,35.24,dome,u,',
      '37170200001325000003,bad kind,115.48,35.24,fisheye,u,',
      '37170200001325000001,again,115.48,35.24,dome,u,',
      '37170200001325000005,elsewhere,115.48,35.24,dome,u,110101001001001',
      '37170200001325000006,no place,,,dome,u,',
      '37170200001325000007,swapped,35.24,215.48,dome,u,',
    ].join('\n');
    const p = await prepared({ bytes: utf8(csv) });
    expect(p.rows.map((r) => r.position)).toEqual(['line 2']);
    const by = Object.fromEntries(p.rejected.map((r) => [r.position, r]));
    expect(by['line 3']).toMatchObject({ field: 'id' });
    expect(by['line 4']).toMatchObject({ field: 'kind' });
    expect(by['line 4']!.reason).toContain('fisheye');
    expect(by['line 5']!.reason).toBe('37170200001325000001 appears twice in the file (first at line 2)');
    expect(by['line 6']!.reason).toContain('outside your jurisdiction');
    expect(by['line 7']!.reason).toContain('missing');
    expect(by['line 8']!.reason).toContain('not a position');
  });

  it('rejects control and bidirectional characters in any text field, naming the field and the position', async () => {
    const csv = [
      '编码,名称,经度,纬度,类型,所属单位,朝向',
      '37170200001325000001,东安\u0007路口,115.48,35.24,dome,u,',
      '37170200001325000002,"两\n行",115.48,35.24,dome,u,',
      '37170200001325000003,ok,115.48,35.24,dome,牡丹\u202E分局,',
      '37170200001325000004,ok,115.48,35.24,dome\u200f,u,',
      '37170200001325000005,ok,115.48,35.24,dome,u,9\u0000',
      '37170200001325000006,ok,115.48\u2066,35.24,dome,u,',
      '37170200001325000007,东安路口,115.48,35.24,dome,u,',
    ].join('\r\n');
    const p = await prepared({ bytes: utf8(csv) });
    expect(p.rows.map((r) => r.position)).toEqual(['line 8']);
    expect(p.rejected.map((r) => `${r.position} ${r.field}: ${r.reason}`)).toEqual([
      'line 2 name (名称): contains the control character U+0007 at position 3',
      'line 3 name (名称): contains the control character U+000A (a line feed) at position 2',
      'line 4 owner_unit (所属单位): contains the bidirectional override U+202E (RIGHT-TO-LEFT OVERRIDE) at position 3; remove it',
      'line 5 kind (类型): contains the bidirectional control U+200F (RIGHT-TO-LEFT MARK) at position 5; remove it',
      'line 6 heading (朝向): contains the control character U+0000 (NUL) at position 2',
      'line 7 lon (经度): contains the bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE) at position 7; remove it',
    ]);
  });

  it('rejects a forbidden character from a GeoJSON property or a mapping default the same way', async () => {
    const feature = (id: string, name: string) => ({
      type: 'Feature',
      properties: { id, name, category: 'school', level: 2 },
      geometry: { type: 'Point', coordinates: [115.48, 35.24] },
    });
    const mapping = parseMapping({ defaults: { responsible_unit: '教育\u0085局' } });
    if (!mapping.ok) throw new Error(mapping.error);
    const p = await prepared({
      layer: 'risk_points',
      fileName: 'r.geojson',
      mapping: mapping.value,
      bytes: utf8(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [feature('371702001001R0001', '实验\u202D小学')],
        }),
      ),
    });
    expect(p.rejected.map((r) => `${r.position} ${r.field}: ${r.reason}`)).toEqual([
      'feature 1 name: contains the bidirectional override U+202D (LEFT-TO-RIGHT OVERRIDE) at position 3; remove it',
      'feature 1 responsible_unit: contains the control character U+0085 at position 3',
    ]);
  });

  it('refuses a file name holding a bidirectional override', async () => {
    const result = await prepareImport(input({ fileName: 'cameras\u202Evsc.csv', bytes: utf8('id,name\n1,2') }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        message:
          'the file name contains the bidirectional override U+202E (RIGHT-TO-LEFT OVERRIDE) at position 8; remove it',
      },
    });
  });

  it('repairs a grid with Z values, repeated vertices and clockwise winding, and says so', async () => {
    const ring = [
      [115.4, 35.2, 40],
      [115.4, 35.21, 40],
      [115.4, 35.21, 40],
      [115.41, 35.21, 41],
      [115.41, 35.2, 40],
      [115.4, 35.2, 40],
    ];
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '371702001001001', name: 'g' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    };
    const p = await prepared({ layer: 'grids', fileName: 'g.geojson', bytes: utf8(JSON.stringify(fc)) });
    expect(p.rejected).toEqual([]);
    const reasons = p.warnings.map((w) => w.reason);
    expect(reasons).toContain('Z values dropped');
    expect(reasons).toContain('1 repeated vertices removed');
    expect(reasons.some((r) => r.startsWith('winding of 1 rings corrected'))).toBe(true);
    const g = (p.rows[0]!.row as GridRow).geometry;
    expect(g.coordinates[0]).toHaveLength(5);
    expect(g.coordinates[0]![1]).toEqual([115.41, 35.2]); // now counter-clockwise
  });

  it('keeps a one-part multipolygon with a hole of mixed winding, and refuses empty and many-part geometry', async () => {
    const outer = square(115.4, 35.2, 0.02).reverse(); // clockwise
    const hole = square(115.405, 35.205, 0.005); // counter-clockwise: wrong for a hole
    const features = [
      {
        properties: { code: '371702001001001', name: 'a' },
        geometry: { type: 'MultiPolygon', coordinates: [[outer, hole]] },
      },
      { properties: { code: '371702001001002', name: 'b' }, geometry: { type: 'MultiPolygon', coordinates: [] } },
      { properties: { code: '371702001001003', name: 'c' }, geometry: null },
      {
        properties: { code: '371702001001004', name: 'd' },
        geometry: { type: 'MultiPolygon', coordinates: [[square(115.5, 35.2)], [square(115.6, 35.2)]] },
      },
    ].map((f) => ({ type: 'Feature', ...f }));
    const p = await prepared({
      layer: 'grids',
      fileName: 'g.json',
      bytes: utf8(JSON.stringify({ type: 'FeatureCollection', features })),
    });
    expect(p.rows.map((r) => r.position)).toEqual(['feature 1']);
    expect(p.warnings.find((w) => w.position === 'feature 1' && w.reason.startsWith('winding of 2'))).toBeDefined();
    expect(p.rejected.map((r) => `${r.position}: ${r.reason}`)).toEqual([
      'feature 2: the geometry is empty',
      'feature 3: the geometry is empty',
      'feature 4: a multipolygon of 2 parts; a grid must be one polygon',
    ]);
  });

  it('reads a zipped Shapefile without .prj once told the coordinate system, and refuses it when not', async () => {
    const zip = await shapefileZip({ prj: null, cpg: 'UTF-8' });
    const mapping = parseMapping({ fields: { code: 'CODE', name: 'NAME' } });
    if (!mapping.ok) throw new Error(mapping.error);
    const refused = await prepareImport(
      input({ layer: 'grids', fileName: 'g.zip', bytes: zip, crs: null, mapping: mapping.value }),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('no .prj');
    const p = await prepared({
      layer: 'grids',
      fileName: 'g.zip',
      bytes: zip,
      crs: 'cgcs2000',
      mapping: mapping.value,
    });
    expect(p.rejected).toEqual([]);
    expect(p.rows[0]).toMatchObject({ position: 'record 1', row: { code: '371702001001001', name: 'Grid one' } });
  });

  it('takes the coordinate system from a Shapefile .prj in Gauss–Krüger metres', async () => {
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const x = 39_364_000;
    const y = 3_901_000;
    const ring = [
      [x, y],
      [x + 500, y],
      [x + 500, y + 500],
      [x, y + 500],
      [x, y],
    ];
    const zip = await shapefileZip({ prj, cpg: null, ring });
    const mapping = parseMapping({ fields: { code: 'CODE', name: 'NAME' } });
    const p = await prepared({
      layer: 'grids',
      fileName: 'g.zip',
      bytes: zip,
      crs: null,
      mapping: mapping.ok ? mapping.value : NO_MAPPING,
    });
    expect(p.crs.name).toBe('epsg:4527');
    const [lon, lat] = (p.rows[0]!.row as GridRow).geometry.coordinates[0]![0]!;
    expect(lon).toBeCloseTo(115.5, 1);
    expect(lat).toBeCloseTo(35.24, 1);
  });

  it('checks cases: closing time by status, deadline from category and severity, Beijing time', async () => {
    const csv = [
      '案件编码,类别,严重程度,来源,状态,登记时间,办结时间,经度,纬度',
      '3717020010012026063000001,邻里纠纷,一般,12345热线,登记受理,2026-06-30 09:00,,115.48,35.24',
      '371702001001202606300002,邻里纠纷,一般,12345热线,登记受理,2026-06-30 09:00,,115.48,35.24',
      '371702001001202606300003,邻里纠纷,一般,热线,案结事了,2026/6/30 9:00,,115.48,35.24',
    ].join('\r\n');
    const p = await prepared({ layer: 'cases', bytes: utf8(csv) });
    const row = p.rows[0]!.row as CaseRow;
    expect(row).toMatchObject({
      code: '371702001001202606300002',
      category: 'neighbour',
      severity: 'low',
      source: 'hotline',
    });
    expect(row.reported_at).toBe('2026-06-30T01:00:00.000Z');
    expect(row.deadline).toBe('2026-07-30T01:00:00.000Z');
    expect(p.rejected.map((r) => `${r.position} ${r.field}`)).toEqual(['line 2 code (案件编码)', 'line 4 closed_at']);
  });

  it('refuses a mapping that names a column we do not import', () => {
    expect(parseMapping({ fields: { colour: 'x' } }).ok).toBe(false);
    expect(parseMapping({ field: {} }).ok).toBe(false);
  });
});

/** A zipped Shapefile of one polygon grid, with or without .prj and .cpg. */
async function shapefileZip(options: {
  prj: string | null;
  cpg: string | null;
  ring?: number[][];
}): Promise<Uint8Array> {
  const ring = options.ring ?? square(115.4, 35.2);
  const parts = await new Promise<{ shp: DataView; shx: DataView; dbf: DataView }>((resolve, reject) =>
    shpwrite.write([{ CODE: '371702001001001', NAME: 'Grid one' }], 'POLYGON', [[ring]], (error, data) =>
      error ? reject(error) : resolve(data),
    ),
  );
  const zip = new JSZip();
  const bytes = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  zip.file('grids.shp', bytes(parts.shp));
  zip.file('grids.shx', bytes(parts.shx));
  zip.file('grids.dbf', bytes(parts.dbf));
  if (options.prj) zip.file('grids.prj', options.prj);
  if (options.cpg) zip.file('grids.cpg', options.cpg);
  return zip.generateAsync({ type: 'uint8array' });
}
