/**
 * Loads a data set folder into the database, all or nothing: one transaction that
 * replaces the governance map (admin units, grids, roads, cameras, risk points, cases)
 * through COPY in chunks. The first bad feature stops the load with a {@link LoadError}
 * naming file, line, field and reason, and the database is left exactly as it was.
 */
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Database, Queryable } from '../db/database.js';
import { copyTextField } from '../db/database.js';
import { geometryProblem } from '../domain/geojson-checks.js';
import type { Manifest } from '../domain/dataset-format.js';
import { toEwkbHex, type EncodableGeometry } from './ewkb.js';
import { findCenterUnits, insertDepartments } from '../db/queries/departments.js';
import { demoDepartments } from '../seed/demo-departments.js';
import type { AdminLevel } from '../domain/vocabulary.js';
import { LAYERS, type CopyValue, type LayerSpec, type LoadContext } from './layers.js';

export class LoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}, ${field}: ${reason}`);
    this.name = 'LoadError';
  }
}

export interface LoadResult {
  counts: Record<string, number>;
  durationMs: number;
}

const CHUNK_ROWS = 10_000;

/** Buffers COPY rows for one table and remembers the file line each came from. */
class CopyBuffer {
  private lines: string[] = [];
  private sourceLines: number[] = [];
  count = 0;
  constructor(
    private readonly tx: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly file: string,
  ) {}

  add(values: CopyValue[], sourceLine: number): void {
    this.lines.push(values.map(copyTextField).join('\t'));
    this.sourceLines.push(sourceLine);
    this.count++;
  }

  get full(): boolean {
    return this.lines.length >= CHUNK_ROWS;
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = `${this.lines.join('\n')}\n`;
    const sourceLines = this.sourceLines;
    this.lines = [];
    this.sourceLines = [];
    try {
      await this.tx.copyIn(this.table, this.columns, text);
    } catch (error) {
      throw this.explain(error, sourceLines);
    }
  }

  /** Turns a database error from COPY into a LoadError at the offending file line. */
  private explain(error: unknown, sourceLines: number[]): Error {
    const e = error as { message?: string; where?: string; constraint?: string; column?: string };
    const copyLine = /COPY \w+, line (\d+)/.exec(e.where ?? '')?.[1];
    const line = copyLine ? (sourceLines[Number(copyLine) - 1] ?? 0) : 0;
    const field = e.column ?? e.constraint ?? this.table;
    return new LoadError(this.file, line, field, e.message ?? String(error));
  }
}

async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const reader = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function loadLayer(
  tx: Queryable,
  dir: string,
  layer: LayerSpec,
  ctx: LoadContext,
): Promise<Record<string, number>> {
  const path = join(dir, layer.file);
  const rows = new CopyBuffer(tx, layer.table, layer.columns, layer.file);
  const children = layer.children ? new CopyBuffer(tx, layer.children.table, layer.children.columns, layer.file) : null;
  for await (const { line, text } of readLines(path)) {
    const fail = (field: string, reason: string) => new LoadError(layer.file, line, field, reason);
    let feature: { type?: unknown; properties?: unknown; geometry?: unknown };
    try {
      feature = JSON.parse(text) as typeof feature;
    } catch (error) {
      throw fail('(line)', `not valid JSON: ${(error as Error).message}`);
    }
    if (feature?.type !== 'Feature' || typeof feature.properties !== 'object' || feature.properties === null) {
      throw fail('(feature)', 'each line must be a GeoJSON Feature with properties');
    }
    const props = feature.properties as Record<string, unknown>;
    const geomProblem = geometryProblem(feature.geometry, layer.geometryType);
    if (geomProblem) throw fail('geometry', geomProblem);
    const problem = layer.check(props, ctx) ?? layer.children?.check(props) ?? null;
    if (problem) throw fail(problem.field, problem.reason);
    layer.remember?.(props, ctx);
    rows.add(layer.row(props, toEwkbHex(feature.geometry as EncodableGeometry)), line);
    if (children && layer.children) {
      for (const values of layer.children.rows(props)) children.add(values, line);
    }
    if (rows.full || children?.full) {
      // Parents first: a child row's foreign key needs its parent already copied.
      await rows.flush();
      await children?.flush();
    }
  }
  await rows.flush();
  await children?.flush();
  const counts: Record<string, number> = { [layer.table]: rows.count };
  if (children && layer.children) counts[layer.children.table] = children.count;
  return counts;
}

/** Every non-city unit's parent must be in the same load. */
async function checkAdminParents(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ code: string; parent_code: string }>(
    `SELECT a.code, a.parent_code FROM admin_units a
     LEFT JOIN admin_units p ON p.code = a.parent_code
     WHERE a.parent_code IS NOT NULL AND p.code IS NULL LIMIT 1`,
  );
  const orphan = rows[0];
  if (orphan) {
    throw new LoadError(
      'admin_units.ndjson',
      0,
      'parent_code',
      `unit ${orphan.code} names parent ${orphan.parent_code}, which is not in the file`,
    );
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, 'manifest.json');
  if (!(await exists(path))) throw new LoadError('manifest.json', 0, '(file)', `no manifest.json in ${dir}`);
  return JSON.parse(await readFile(path, 'utf8')) as Manifest;
}

async function seedDemoDepartments(tx: Queryable): Promise<number> {
  const units = (await findCenterUnits(tx)).map((u) => ({ ...u, level: u.level as AdminLevel }));
  const departments = demoDepartments(units);
  await insertDepartments(tx, departments);
  return departments.length;
}

/** Replaces the governance map with the data set in `dir`, in one transaction. */
export async function loadDataset(db: Database, dir: string): Promise<LoadResult> {
  const started = performance.now();
  const manifest = await readManifest(dir);
  for (const layer of LAYERS) {
    if (layer.table !== 'roads' && !(await exists(join(dir, layer.file)))) {
      throw new LoadError(layer.file, 0, '(file)', `missing from ${dir}`);
    }
  }
  const counts = await db.transaction(async (tx) => {
    await tx.query(
      `TRUNCATE case_assignments, case_events, cases, departments, risk_points, cameras, roads, grids, admin_units
       RESTART IDENTITY`,
    );
    const ctx: LoadContext = { adminLevels: new Map(), currentGrids: new Set() };
    const all: Record<string, number> = {};
    for (const layer of LAYERS) {
      if (layer.table === 'roads' && !(await exists(join(dir, layer.file)))) continue;
      Object.assign(all, await loadLayer(tx, dir, layer, ctx));
      if (layer.table === 'admin_units') await checkAdminParents(tx);
    }
    // A generated city comes with the departments its centers host; a real map's are imported.
    if (manifest.synthetic) all.departments = await seedDemoDepartments(tx);
    const durationMs = Math.round(performance.now() - started);
    await tx.query(
      `INSERT INTO dataset_loads (source, synthetic, scale, seed, as_of, counts, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [dir, manifest.synthetic, manifest.scale, manifest.seed, manifest.as_of, JSON.stringify(all), durationMs],
    );
    return all;
  });
  await db.exec('ANALYZE admin_units, grids, roads, cameras, risk_points, cases, case_events, departments');
  return { counts, durationMs: Math.round(performance.now() - started) };
}
