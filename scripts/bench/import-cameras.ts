/**
 * `npx tsx scripts/bench/import-cameras.ts [--admin-url postgres://…/postgres] [--template citybench]
 *   [--cameras 250000] [--keep-csv PATH]`
 *
 * Imports 250,000 cameras from a CSV into a copy of the city-scale database (CREATE DATABASE …
 * TEMPLATE citybench, dropped afterwards, so citybench is never changed), the way a center
 * would: a GCJ-02 register with Chinese headers, longitude and latitude but no grid codes, so
 * every camera's grid is found from its position. The points are random inside the current
 * grids (ST_GeneratePoints, fixed seed). Target: under 60 s on a real PostGIS.
 */
import gcoordModule from 'gcoord';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';
import { databaseUrlFor, dropDatabase } from '../../server/src/db/server-admin.js';
import { copyTemplateDatabase } from './support.js';
import { runImport } from '../../server/src/imports/service.js';

type Gcoord = (typeof gcoordModule)['default'];
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as Gcoord;

const { values } = parseArgs({
  options: {
    'admin-url': { type: 'string', default: 'postgres://postgres:postgres@127.0.0.1:5432/postgres' },
    template: { type: 'string', default: 'citybench' },
    cameras: { type: 'string', default: '250000' },
    'keep-csv': { type: 'string' },
  },
});
const total = Number(values.cameras);
const adminUrl = values['admin-url'];
const copy = `zz_import_bench_${process.pid}`;

/** The CSV a center would bring: GCJ-02 positions, Chinese headers and labels, CRLF, BOM. */
function cameraCsv(points: { lon: number; lat: number }[]): Uint8Array {
  const kinds = ['枪机', '球机', '云台', '卡口'];
  const lines = ['\uFEFF设备编码,设备名称,经度,纬度,设备类型,在线状态,所属单位'];
  points.forEach((p, i) => {
    const id =
      `371799${String(Math.floor(i / 100_000)).padStart(2, '0')}80` + `1327${String(i % 100_000).padStart(6, '0')}`;
    const [lon, lat] = gcoord.transform([p.lon, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    lines.push(
      `${id},导入测试摄像机${i + 1},${lon.toFixed(7)},${lat.toFixed(7)},${kinds[i % 4]},${i % 10 === 0 ? '离线' : '在线'},菏泽市公安局`,
    );
  });
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

await copyTemplateDatabase(adminUrl, copy, values.template);
const db = await openDatabase({ databaseUrl: databaseUrlFor(adminUrl, copy) });
try {
  await migrate(db);
  const { rows: grids } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL');
  const perGrid = Math.ceil(total / grids[0]!.n);
  const { rows: points } = await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(d.geom) AS lon, ST_Y(d.geom) AS lat
     FROM (SELECT code, geom FROM grids WHERE valid_to IS NULL ORDER BY code) g,
       ST_Dump(ST_GeneratePoints(g.geom, $1, 42)) d
     LIMIT $2`,
    [perGrid, total],
  );
  const csv = cameraCsv(points);
  if (values['keep-csv']) await writeFile(values['keep-csv'], csv);
  const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n;
  console.log(
    `${copy}: ${before} cameras; importing ${points.length} from a ${(csv.byteLength / 1e6).toFixed(1)} MB CSV (GCJ-02, no grid codes)`,
  );

  const started = performance.now();
  const report = await runImport(db, {
    layer: 'cameras',
    fileName: 'cameras-250k.csv',
    bytes: csv,
    crs: 'gcj02',
    dryRun: false,
    user: { username: 'bench', jurisdiction: '371700000000' },
    now: new Date(),
    onPhase: (name, ms) => console.log(`  ${name.padEnd(28)} ${(ms / 1000).toFixed(1)} s`),
  });
  const seconds = (performance.now() - started) / 1000;
  const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n;
  const counted = (await db.query<{ n: number }>('SELECT sum(n)::int AS n FROM camera_status_counts')).rows[0]!.n;
  console.log(JSON.stringify(report.counts), report.rejected.slice(0, 3));
  console.log(
    `import of ${points.length} cameras: ${seconds.toFixed(1)} s (target < 60 s); cameras ${before} → ${after}; summary counts ${counted}`,
  );
} finally {
  await db.close();
  await dropDatabase(adminUrl, copy);
}
