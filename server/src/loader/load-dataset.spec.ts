import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import { TINY_DATASET_DIR } from '../../test/fixtures.js';
import type { Database } from '../db/database.js';
import { countLayers, WHOLE_MAP } from '../db/queries/overview.js';
import type { Manifest } from '../domain/dataset-format.js';
import { loadDataset, LoadError } from './load-dataset.js';

let manifest: Manifest;
beforeAll(async () => {
  manifest = JSON.parse(await readFile(join(TINY_DATASET_DIR, 'manifest.json'), 'utf8')) as Manifest;
});

/** A copy of the tiny data set with line `line` (1-based) of `file` rewritten by `edit`. */
async function datasetWithEditedLine(file: string, line: number, edit: (feature: any) => unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zz-dataset-'));
  await cp(TINY_DATASET_DIR, dir, { recursive: true });
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  const edited = edit(JSON.parse(lines[line - 1]!));
  lines[line - 1] = typeof edited === 'string' ? edited : JSON.stringify(edited);
  await writeFile(join(dir, file), lines.join('\n'));
  return dir;
}

async function lineCount(file: string): Promise<number> {
  return (await readFile(join(TINY_DATASET_DIR, file), 'utf8')).split('\n').filter((l) => l.trim()).length;
}

eachDriver('loading a data set', (driver) => {
  let db: Database | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('loads every feature of the tiny city and records the load', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const result = await loadDataset(db, TINY_DATASET_DIR);
    const counts = await countLayers(db, WHOLE_MAP);
    expect(counts.adminUnits).toBe(manifest.counts.admin_units);
    expect(counts.grids).toBe(manifest.counts.grids);
    expect(counts.cameras).toBe(manifest.counts.cameras);
    expect(counts.riskPoints).toBe(manifest.counts.risk_points);
    expect(counts.cases).toBe(manifest.counts.cases);
    expect(result.counts.case_events).toBe(counts.caseEvents);
    const { rows } = await db.query<{ scale: string; synthetic: boolean }>(
      'SELECT scale, synthetic FROM dataset_loads',
    );
    expect(rows).toEqual([{ scale: 'tiny', synthetic: true }]);
  });

  it('stops at a bad value in the middle of a file, names it, and leaves the database as it was', async () => {
    db = await openTestDatabase(driver, 'tiny');
    const before = await countLayers(db, WHOLE_MAP);
    const middle = Math.ceil((await lineCount('cameras.ndjson')) / 2);
    const dir = await datasetWithEditedLine('cameras.ndjson', middle, (f) => {
      f.properties.status = 'broken';
      return f;
    });
    dirs.push(dir);
    const error = await loadDataset(db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ file: 'cameras.ndjson', line: middle, field: 'status' });
    expect((error as LoadError).message).toMatch(/"broken" is not one of online, offline, fault/);
    expect(await countLayers(db, WHOLE_MAP)).toEqual(before);
  });

  it('maps a geometry PostGIS rejects back to its file line, and leaves the database as it was', async () => {
    db = await openTestDatabase(driver, 'tiny');
    const before = await countLayers(db, WHOLE_MAP);
    const middle = Math.ceil((await lineCount('grids.ndjson')) / 2);
    const dir = await datasetWithEditedLine('grids.ndjson', middle, (f) => {
      const [x, y] = f.geometry.coordinates[0][0];
      // A closed bow-tie: well-formed GeoJSON, but self-intersecting.
      f.geometry.coordinates = [
        [
          [x, y],
          [x + 0.01, y + 0.01],
          [x + 0.01, y],
          [x, y + 0.01],
          [x, y],
        ],
      ];
      return f;
    });
    dirs.push(dir);
    const error = await loadDataset(db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ file: 'grids.ndjson', line: middle, field: 'grids_geom_valid' });
    expect(await countLayers(db, WHOLE_MAP)).toEqual(before);
  });

  it('rejects a line that is not JSON and a point that names an unknown grid', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const broken = await datasetWithEditedLine('risk_points.ndjson', 3, () => '{"type": "Feature", ');
    const unknownGrid = await datasetWithEditedLine('cases.ndjson', 5, (f) => {
      f.properties.grid_code = `${f.properties.village_code}998`;
      return f;
    });
    dirs.push(broken, unknownGrid);
    await expect(loadDataset(db, broken)).rejects.toMatchObject({
      file: 'risk_points.ndjson',
      line: 3,
      field: '(line)',
    });
    await expect(loadDataset(db, unknownGrid)).rejects.toThrow(
      /cases\.ndjson, line 5, grid_code: grid \d{15} is not in the grids layer/,
    );
    expect((await countLayers(db, WHOLE_MAP)).adminUnits).toBe(0);
  });

  it('rejects coordinates that look swapped or projected', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const dir = await datasetWithEditedLine('cameras.ndjson', 2, (f) => {
      f.geometry.coordinates = [f.geometry.coordinates[1], 500000];
      return f;
    });
    dirs.push(dir);
    await expect(loadDataset(db, dir)).rejects.toThrow(/cameras\.ndjson, line 2, geometry: .*outside lon -180\.\.180/);
  });
});
