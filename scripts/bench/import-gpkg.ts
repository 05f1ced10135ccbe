/**
 * `npx tsx scripts/bench/import-gpkg.ts [--admin-url postgres://…/postgres] [--template citybench]
 *   [--updates]`
 *
 * A city's whole camera layer (250,000 in citybench) exported as GeoJSON (times with the display
 * zone's offset, as /exports writes them), converted by GDAL's ogr2ogr into a GeoPackage the
 * way a QGIS user would hand it back, and imported: a dry run over the cameras there, then applied to a city without them (the layer emptied first), as
 * when a center's register is loaded into a new deployment. `--updates` applies it over the
 * existing cameras instead (every row an update). Everything runs on a copy of the city-scale
 * database (CREATE DATABASE … TEMPLATE citybench, dropped afterwards), so citybench is never
 * changed. Needs gdal-bin. Target: the applied import under 60 s on a real PostGIS. The load
 * average is printed at the start and the end, since the figures mean little without it.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { DEFAULT_DISPLAY_TIME_ZONE } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';
import { findExportChunks } from '../../server/src/db/queries/exports.js';
import { databaseUrlFor, dropDatabase } from '../../server/src/db/server-admin.js';
import { copyTemplateDatabase } from './support.js';
import {
  FEATURE_COLLECTION_END,
  FEATURE_COLLECTION_START,
  featureText,
} from '../../server/src/imports/export-format.js';
import { runImport } from '../../server/src/imports/service.js';

const { values } = parseArgs({
  options: {
    'admin-url': { type: 'string', default: 'postgres://postgres:postgres@127.0.0.1:5432/postgres' },
    template: { type: 'string', default: 'citybench' },
    updates: { type: 'boolean', default: false },
  },
});
const adminUrl = values['admin-url'];
const copy = `zz_gis_bench_${process.pid}`;

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
console.log(`load average at the start: ${load()}`);
const folder = await mkdtemp(join(tmpdir(), 'zz-gis-bench-'));
await copyTemplateDatabase(adminUrl, copy, values.template);
const db = await openDatabase({ databaseUrl: databaseUrlFor(adminUrl, copy) });
try {
  await migrate(db);
  let started = performance.now();
  const geojson = join(folder, 'cameras.geojson');
  const out = createWriteStream(geojson);
  out.write(FEATURE_COLLECTION_START);
  let n = 0;
  const area = { unitCode: null, bbox: null, near: null, polygon: null };
  for await (const rows of findExportChunks(db, 'cameras', { prefix: '3717', area, unitPrefix: (c) => c })) {
    for (const row of rows)
      if (!out.write(`${n++ === 0 ? '' : ',\n'}${featureText('cameras', row, DEFAULT_DISPLAY_TIME_ZONE)}`))
        await once(out, 'drain');
  }
  out.end(FEATURE_COLLECTION_END);
  await once(out, 'finish');
  console.log(`export of ${n} cameras as GeoJSON: ${seconds(started)} s`);

  started = performance.now();
  const gpkg = join(folder, 'cameras.gpkg');
  execFileSync('ogr2ogr', ['-f', 'GPKG', gpkg, geojson]);
  const bytes = new Uint8Array(await readFile(gpkg));
  console.log(`ogr2ogr to GeoPackage: ${seconds(started)} s, ${(bytes.byteLength / 1e6).toFixed(1)} MB`);

  for (const dryRun of [true, false]) {
    if (!dryRun && !values.updates) await db.query('TRUNCATE cameras CASCADE');
    started = performance.now();
    const report = await runImport(db, {
      layer: 'cameras',
      fileName: 'cameras.gpkg',
      bytes,
      dryRun,
      user: { username: 'bench', jurisdiction: '371700000000' },
      now: new Date(),
      onPhase: (name, ms) => console.log(`  ${name.padEnd(28)} ${(ms / 1000).toFixed(1)} s`),
    });
    console.log(JSON.stringify(report.counts), report.rejected.slice(0, 3));
    console.log(
      `${dryRun ? 'dry run' : 'applied import'} of ${n} cameras from a GeoPackage: ${seconds(started)} s (target < 60 s)`,
    );
  }
  console.log(`load average at the end: ${load()}`);
} finally {
  await db.close();
  await dropDatabase(adminUrl, copy);
  await rm(folder, { recursive: true, force: true });
}
