/**
 * The one code path of every import, from the command line and from the upload endpoint:
 * prepare (pure) → stage and check in the database → apply, all in one transaction. A dry run
 * and a run with any rejected record roll the transaction back, so the report of a dry run is
 * exactly what applying would do, and a bad record anywhere leaves nothing behind. Applied
 * imports are recorded and can be rolled back.
 */
import { createHash } from 'node:crypto';
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import type { Database, Queryable } from '../db/database.js';
import { findAdminUnit } from '../db/queries/admin-units.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import type { ProblemParams } from '../domain/row-checks.js';
import {
  checkStagedGrids,
  countExisting,
  findChangeKeys,
  findImport,
  findLaterApplied,
  findPointsOutsideStatedGrid,
  insertImport,
  markRolledBack,
  POINT_TABLES,
  recordChange,
  rollBackPoints,
  stagePoints,
  upsertStagedPoints,
  fillNewRows,
  type ImportRow as ImportRecord,
  type PointLayer,
  type StagedPoint,
} from '../db/queries/imports.js';
import { newRowValues } from './columns.js';
import { applyGridImport, planGridImport, revertGridChanges } from './grid-import.js';
import { parseMapping, type ImportLayer } from './mapping.js';
import { prepareImport, type Prepared } from './prepare.js';
import type { FileFormat, TextEncodingName } from './readers.js';
import type { Problem } from './rows.js';

/** Warnings of one kind listed one by one before the report only counts them. */
const LISTED_WARNINGS = 1000;

export interface ImportOptions {
  layer: ImportLayer;
  fileName: string;
  bytes: Uint8Array;
  format?: FileFormat | null;
  crs?: string | null;
  /** The mapping file's parsed JSON, or null for the default field names. */
  mapping?: unknown;
  encoding?: TextEncodingName;
  dryRun: boolean;
  user: { username: string; jurisdiction: string };
  now: Date;
  /** Told the duration of each phase (benchmarks). */
  onPhase?: (phase: string, ms: number) => void;
}

export interface ImportReport {
  importId: number | null;
  layer: ImportLayer;
  fileName: string;
  sha256: string;
  format: FileFormat;
  crs: string;
  dryRun: boolean;
  applied: boolean;
  counts: {
    read: number;
    valid: number;
    rejected: number;
    inserted: number;
    updated: number;
    retired: number;
    warnings: number;
  };
  /** Every rejected record, in file order, with its position, field and reason. */
  rejected: Problem[];
  /** Repairs and other warnings (the first 1,000; counts.warnings has them all). */
  warnings: Problem[];
}

/** The file cannot be imported at all (unreadable, no coordinate system, bad mapping). */
export class ImportInputError extends Error {
  constructor(
    message: string,
    /** A stable code for the web's catalog (text-file.ts), with its parameters. */
    readonly reason = 'unreadable',
    readonly params: ProblemParams = { detail: message },
  ) {
    super(message);
  }
}

/** Thrown inside the transaction to roll it back while keeping the report. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

/** Runs one phase of an import, telling `onPhase` how long it took. */
async function phase<T>(o: ImportOptions, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  o.onPhase?.(name, performance.now() - started);
  return result;
}

const positionNumber = (p: string) => Number(/(\d+)$/.exec(p)?.[1] ?? 0);
const inFileOrder = (a: Problem, b: Problem) => positionNumber(a.position) - positionNumber(b.position);

function stagedPoint(layer: PointLayer, r: Prepared['rows'][number]): StagedPoint {
  const row = r.row as unknown as Record<string, string | number | null> & { lon: number; lat: number };
  return {
    ordinal: r.ordinal,
    position: r.position,
    values: POINT_TABLES[layer].columns.map((c) => row[c.name] ?? null),
    gridGiven: row.grid_code !== null,
    lon: row.lon,
    lat: row.lat,
  };
}

interface Outcome {
  rejected: Problem[];
  warnings: Problem[];
  warningCount: number;
  counts: { inserted: number; updated: number; retired: number };
  importId: number | null;
}

async function runPoints(
  tx: Queryable,
  p: Prepared,
  o: ImportOptions,
  record: () => Promise<number>,
  accountUnit: string,
): Promise<Outcome> {
  const layer = p.layer as PointLayer;
  const prefix = jurisdictionPrefix(o.user.jurisdiction);
  await phase(o, 'stage (COPY)', () =>
    stagePoints(
      tx,
      layer,
      p.rows.map((r) => stagedPoint(layer, r)),
    ),
  );
  const found = await phase(o, 'grids by position, checks', () => checkStagedGrids(tx, layer, prefix));
  const rejected = found.map(({ ordinal: _o, ...rest }) => rest);
  const outside = await phase(o, 'outside stated grid', () => findPointsOutsideStatedGrid(tx, LISTED_WARNINGS));
  const warnings = outside.rows.map(({ ordinal: _o, ...rest }) => rest);
  if (rejected.length > 0 || p.rejected.length > 0 || o.dryRun) {
    const existing = await countExisting(tx, layer);
    const counts = { inserted: p.rows.length - rejected.length - existing, updated: existing, retired: 0 };
    return { rejected, warnings, warningCount: outside.total, counts, importId: null };
  }
  const importId = await record();
  await phase(o, 'defaults of new rows', () => fillNewRows(tx, layer, newRowValues(layer, accountUnit)));
  const { inserted, updated } = await upsertStagedPoints(tx, layer, importId, (name, work) => phase(o, name, work));
  return { rejected, warnings, warningCount: outside.total, counts: { inserted, updated, retired: 0 }, importId };
}

async function runGrids(tx: Queryable, p: Prepared, o: ImportOptions, record: () => Promise<number>): Promise<Outcome> {
  const plan = await planGridImport(tx, p.rows);
  const base = {
    rejected: plan.rejected,
    warnings: plan.warnings,
    warningCount: plan.warnings.length,
    counts: plan.counts,
  };
  if (plan.rejected.length > 0 || p.rejected.length > 0 || o.dryRun) return { ...base, importId: null };
  const importId = await record();
  const changeIds = await applyGridImport(tx, plan, {
    username: o.user.username,
    fileName: o.fileName,
    importId,
    now: o.now,
  });
  for (const id of changeIds) await recordChange(tx, importId, id, 'grid_change');
  return { ...base, importId };
}

/** Checks and (unless a dry run) applies an import; returns its report. */
export async function runImport(db: Database, o: ImportOptions): Promise<ImportReport> {
  const mapping = parseMapping(o.mapping ?? null);
  if (!mapping.ok) throw new ImportInputError(mapping.error);
  const sha256 = createHash('sha256').update(o.bytes).digest('hex');
  const prefix = jurisdictionPrefix(o.user.jurisdiction);
  const unit = await findAdminUnit(db, o.user.jurisdiction, prefix);
  const prepared = await phase(o, 'read and check file', () =>
    prepareImport({
      layer: o.layer,
      fileName: o.fileName,
      bytes: o.bytes,
      format: o.format ?? null,
      crs: o.crs ?? null,
      mapping: mapping.value,
      ...(o.encoding ? { encoding: o.encoding } : {}),
      jurisdictionPrefix: prefix,
    }),
  );
  if (!prepared.ok) {
    throw new ImportInputError(prepared.error.message, prepared.error.reason, prepared.error.params);
  }
  const p = prepared.value;
  const report = (outcome: Outcome): ImportReport => {
    const rejected = [...p.rejected, ...outcome.rejected].sort(inFileOrder);
    const warnings = [...p.warnings, ...outcome.warnings];
    const rejectedRecords = new Set(rejected.map((r) => r.position)).size;
    return {
      importId: outcome.importId,
      layer: o.layer,
      fileName: o.fileName,
      sha256,
      format: p.format,
      crs: p.crs.name,
      dryRun: o.dryRun,
      applied: outcome.importId !== null,
      counts: {
        read: p.read,
        valid: p.read - rejectedRecords,
        rejected: rejectedRecords,
        ...outcome.counts,
        warnings: p.warnings.length + outcome.warningCount,
      },
      rejected,
      warnings: warnings.slice(0, LISTED_WARNINGS),
    };
  };
  const operation = `import ${o.layer}`;
  try {
    return await db.transaction(async (tx) => {
      // Counts are final only after the upsert; the row is completed below.
      const record = () =>
        insertImport(tx, {
          layer: o.layer,
          username: o.user.username,
          jurisdictionCode: o.user.jurisdiction,
          fileName: o.fileName,
          sha256,
          format: p.format,
          crs: p.crs.name,
          counts: {},
          warnings: [],
          at: o.now,
        });
      const outcome =
        o.layer === 'grids'
          ? await runGrids(tx, p, o, record)
          : await runPoints(tx, p, o, record, unit?.name ?? o.user.jurisdiction);
      const recorded = report(outcome);
      if (!recorded.applied) throw new RolledBack(recorded);
      await tx.query('UPDATE imports SET counts = $2, warnings = $3 WHERE id = $1', [
        recorded.importId,
        JSON.stringify(recorded.counts),
        JSON.stringify(recorded.warnings),
      ]);
      await insertAuditEntry(tx, {
        username: o.user.username,
        operation,
        target: `import #${recorded.importId} ${o.fileName}`,
        success: true,
        detail: JSON.stringify(recorded.counts),
      });
      return recorded;
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) {
      if (!o.dryRun) await auditFailure(db, o, operation, (error as Error).message);
      throw error;
    }
    const r = error.report;
    if (!o.dryRun) await auditFailure(db, o, operation, `${r.counts.rejected} records rejected; nothing written`);
    return r;
  }
}

async function auditFailure(db: Database, o: ImportOptions, operation: string, detail: string): Promise<void> {
  await insertAuditEntry(db, {
    username: o.user.username,
    operation,
    target: o.fileName.slice(0, 200),
    success: false,
    detail: detail.slice(0, 500),
  }).catch(() => undefined);
}

/** Why an import cannot be rolled back. */
export class RollbackRefused extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Rolls an applied import back exactly: points and cases inserted are deleted and updated ones
 * restored as they were; grid changes are reverted. Only the newest applied import of a layer
 * can be rolled back (an older one would overwrite what the newer one wrote).
 */
export async function rollBackImport(
  db: Database,
  id: number,
  user: { username: string; jurisdiction: string },
  now: Date,
): Promise<ImportRecord> {
  const prefix = jurisdictionPrefix(user.jurisdiction);
  try {
    return await db.transaction(async (tx) => {
      const found = await findImport(tx, id, true);
      if (!found || !found.jurisdiction_code.startsWith(prefix))
        throw new RollbackRefused('NOT_FOUND', `import #${id} not found`);
      if (found.status !== 'applied') {
        throw new RollbackRefused(
          'CONFLICT',
          `import #${id} was already rolled back at ${found.rolled_back_at?.toISOString()}`,
        );
      }
      const later = await findLaterApplied(tx, found.layer, id);
      if (later !== null)
        throw new RollbackRefused('CONFLICT', `import #${later} of ${found.layer} came later; roll it back first`);
      if (found.layer === 'grids') {
        const changes = await findChangeKeys(tx, id, 'grid_change');
        await revertGridChanges(tx, changes, { username: user.username, prefix, importId: id, now }).catch((error) => {
          throw new RollbackRefused('CONFLICT', (error as Error).message);
        });
      } else {
        await rollBackPoints(tx, found.layer as PointLayer, id);
      }
      await markRolledBack(tx, id, user.username, now);
      await insertAuditEntry(tx, {
        username: user.username,
        operation: 'rollbackImport',
        target: `import #${id}`,
        success: true,
      });
      return (await findImport(tx, id))!;
    });
  } catch (error) {
    await insertAuditEntry(db, {
      username: user.username,
      operation: 'rollbackImport',
      target: `import #${id}`,
      success: false,
      detail: (error as Error).message.slice(0, 500),
    }).catch(() => undefined);
    throw error;
  }
}
