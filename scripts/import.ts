/**
 * `npm run import -- --layer cameras|risk_points|cases|grids --file F --crs gcj02
 *   [--mapping m.json] [--dry-run] [--user demo-admin] [--encoding utf-8|gbk] [--report r.json]`
 *
 * Imports a GeoJSON, zipped Shapefile, GeoPackage or CSV file into the configured database, as the named
 * account (which needs the import_data permission; its jurisdiction applies). The same code
 * path as the upload endpoint: a dry run reports what would happen; otherwise the import is
 * applied in one transaction, or not at all when any record is rejected.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { can, isRole } from '../server/src/auth/roles.js';
import { readConfig } from '../server/src/config.js';
import { DataDirLockedError, SERVER_LABEL } from '../server/src/db/data-dir-lock.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/open.js';
import { findUser } from '../server/src/db/queries/users.js';
import { IMPORT_LAYERS, type ImportLayer } from '../server/src/imports/mapping.js';
import { ImportInputError, runImport, type ImportReport } from '../server/src/imports/service.js';

const SHOWN = 50;

function printReport(r: ImportReport): void {
  const c = r.counts;
  console.log(
    `${r.fileName} (${r.format}, ${r.crs}, sha256 ${r.sha256.slice(0, 12)}…): read ${c.read}, valid ${c.valid}, ` +
      `rejected ${c.rejected}; ${r.dryRun ? 'would insert' : 'inserted'} ${c.inserted}, updated ${c.updated}` +
      `${r.layer === 'grids' ? `, retired ${c.retired}` : ''}; warnings ${c.warnings}`,
  );
  for (const w of r.warnings.slice(0, SHOWN)) console.log(`  warning  ${w.position}  ${w.field}  ${w.reason}`);
  if (r.warnings.length > SHOWN) console.log(`  … ${c.warnings - SHOWN} more warnings (--report FILE lists them)`);
  for (const p of r.rejected.slice(0, SHOWN)) console.log(`  rejected ${p.position}  ${p.field}  ${p.reason}`);
  if (r.rejected.length > SHOWN)
    console.log(`  … ${r.rejected.length - SHOWN} more rejections (--report FILE lists them)`);
  if (r.applied) console.log(`applied as import #${r.importId}`);
  else if (r.dryRun) console.log('dry run: nothing was written');
  else console.log('nothing was written: fix the rejected records and run again');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      layer: { type: 'string' },
      file: { type: 'string' },
      crs: { type: 'string' },
      mapping: { type: 'string' },
      encoding: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      user: { type: 'string', default: 'demo-admin' },
      report: { type: 'string' },
    },
  });
  const layer = values.layer as ImportLayer;
  if (!IMPORT_LAYERS.includes(layer)) throw new ImportInputError(`--layer must be one of ${IMPORT_LAYERS.join(', ')}`);
  if (!values.file) throw new ImportInputError('--file is required');
  if (values.encoding && values.encoding !== 'utf-8' && values.encoding !== 'gbk') {
    throw new ImportInputError('--encoding must be utf-8 or gbk');
  }
  const mapping = values.mapping ? (JSON.parse(await readFile(resolve(values.mapping), 'utf8')) as unknown) : null;
  const bytes = new Uint8Array(await readFile(resolve(values.file)));
  const config = readConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'pg'),
    label: 'an import (npm run import)',
  });
  try {
    await migrate(db);
    const user = await findUser(db, values.user);
    if (!user || user.disabled) throw new ImportInputError(`no enabled account "${values.user}"`);
    if (!user.role || !isRole(user.role) || !can(user.role, 'import_data')) {
      throw new ImportInputError(`account ${user.username} (${user.role}) may not import data`);
    }
    const started = performance.now();
    const report = await runImport(db, {
      layer,
      fileName: basename(values.file),
      bytes,
      crs: values.crs ?? null,
      mapping,
      ...(values.encoding ? { encoding: values.encoding as 'utf-8' | 'gbk' } : {}),
      dryRun: values['dry-run'],
      user: { username: user.username, jurisdiction: user.jurisdiction_code },
      now: new Date(),
    });
    printReport(report);
    console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (values.report) await writeFile(resolve(values.report), JSON.stringify(report, null, 2));
    return report.applied || (report.dryRun && report.rejected.length === 0) ? 0 : 2;
  } finally {
    await db.close();
  }
}

/** What to do instead when another process owns the embedded data directory. */
function lockedAdvice(error: DataDirLockedError): string {
  return error.owner.label === SERVER_LABEL
    ? 'While the server runs, upload the file on its import page (/admin/import) instead; ' +
        'or stop the server and run the import again.'
    : 'Run the import again once that process has finished.';
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DataDirLockedError) console.error(`import refused: ${error.message}. ${lockedAdvice(error)}`);
    else console.error(error instanceof ImportInputError ? `import refused: ${error.message}` : error);
    process.exit(1);
  },
);
