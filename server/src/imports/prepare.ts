/**
 * The part of an import that needs no database: read the file, settle the coordinate system,
 * map and check every record, find ids repeated in the file and codes outside the importer's
 * jurisdiction. What is left for the database (grids that exist, geometry validity, coverage)
 * happens in the import service. Pure apart from reading the given bytes.
 */
import type { Result } from '../domain/result.js';
import { textProblem } from '../domain/text-safety.js';
import { converterTo84, parseCrs, type CrsInfo } from './crs.js';
import { resolveFields, type ImportLayer, type Mapping } from './mapping.js';
import { formatOfFileName, readSourceFile, type FileFormat, type TextEncodingName } from './readers.js';
import { convertRecord, keyOf, type ImportRow, type Problem } from './rows.js';
import { textFileRefusal, type FileRefusal } from './text-file.js';

export interface PrepareInput {
  layer: ImportLayer;
  fileName: string;
  bytes: Uint8Array;
  /** Overrides the format the file name suggests. */
  format?: FileFormat | null;
  /** The CRS the importer states; required unless the file declares one (.prj). */
  crs?: string | null;
  mapping: Mapping;
  encoding?: TextEncodingName;
  /** Code prefix of the importer's jurisdiction ('3717' for the city). */
  jurisdictionPrefix: string;
  /** The offset of times a file gives without one (the display zone's, '+08:00'). */
  plainOffset?: string;
}

export interface PreparedRow {
  /** 1-based order in the file. */
  ordinal: number;
  position: string;
  row: ImportRow;
}

export interface Prepared {
  layer: ImportLayer;
  format: FileFormat;
  crs: CrsInfo;
  /** Records in the file. */
  read: number;
  rows: PreparedRow[];
  rejected: Problem[];
  warnings: Problem[];
}

function settleCrs(
  stated: string | null | undefined,
  declared: CrsInfo | null,
): Result<{ crs: CrsInfo; note: string | null }, string> {
  if (stated) {
    const parsed = parseCrs(stated);
    if (!parsed.ok) return parsed;
    const note =
      declared && declared.name !== parsed.value.name
        ? `the file says ${declared.label}; ${parsed.value.label} as stated is used (a file cannot say GCJ-02 or BD-09)`
        : null;
    return { ok: true, value: { crs: parsed.value, note } };
  }
  if (declared) return { ok: true, value: { crs: declared, note: null } };
  return {
    ok: false,
    error:
      'say which coordinate system the file is in (crs: wgs84, gcj02, bd09, cgcs2000 or an EPSG code); it has no .prj',
  };
}

const refused = (message: string): { ok: false; error: FileRefusal } => ({
  ok: false,
  error: { reason: 'unreadable', params: { detail: message }, message },
});

function gridCodeOf(row: ImportRow): string | null {
  return 'grid_code' in row ? row.grid_code : null;
}

/** The file read and every record checked, or why the whole file is refused. */
export async function prepareImport(input: PrepareInput): Promise<Result<Prepared, FileRefusal>> {
  // The name is stored with an applied import and shown in its list.
  const nameProblem = textProblem(input.fileName);
  if (nameProblem) return refused(`the file name ${nameProblem}`);
  const format = input.format ?? formatOfFileName(input.fileName);
  if (!format)
    return refused(
      `cannot tell the format of "${input.fileName}": use .geojson, .zip (Shapefile), .csv or .gpkg (GeoPackage)`,
    );
  if (format === 'csv' || format === 'geojson') {
    const notText = textFileRefusal(format, input.bytes, input.encoding);
    if (notText) return { ok: false, error: notText };
  }
  const file = await readSourceFile(format, input.bytes, input.encoding);
  if (!file.ok) return refused(file.error);
  const settled = settleCrs(input.crs, file.value.declaredCrs);
  if (!settled.ok) return refused(settled.error);
  const mapping = input.mapping;
  const { crs, note } = settled.value;
  const toWgs84 = converterTo84(crs);
  const records = file.value.records;
  const fieldNames = [...new Set(records.slice(0, 100).flatMap((r) => Object.keys(r.properties)))];
  const fields = resolveFields(fieldNames, mapping);
  const warnings: Problem[] = [...file.value.notes, ...(note ? [note] : [])].map((reason) => ({
    position: 'file',
    field: '',
    reason,
  }));
  const rejected: Problem[] = [];
  const rows: PreparedRow[] = [];
  const firstSeen = new Map<string, string>();
  records.forEach((record, i) => {
    const converted = convertRecord(input.layer, record, fields, mapping, toWgs84, input.plainOffset);
    for (const repair of converted.repairs)
      warnings.push({ position: record.position, field: 'geometry', reason: repair });
    if (!converted.row) {
      rejected.push(...converted.problems);
      return;
    }
    const row = converted.row;
    const key = keyOf(row);
    const keyField = input.layer === 'cases' || input.layer === 'grids' ? 'code' : 'id';
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      rejected.push({
        position: record.position,
        field: keyField,
        code: 'duplicate',
        params: { column: keyField, key, first: earlier },
        reason: `${key} appears twice in the file (first at ${earlier})`,
      });
      return;
    }
    firstSeen.set(key, record.position);
    // Cameras' ids carry only an 8-digit centre; their jurisdiction is their grid's.
    const coded = input.layer === 'cameras' ? gridCodeOf(row) : key;
    if (coded !== null && !coded.startsWith(input.jurisdictionPrefix)) {
      const field = input.layer === 'cameras' ? 'grid_code' : keyField;
      rejected.push({
        position: record.position,
        field,
        code: 'outside_jurisdiction',
        params: { column: field, code: coded, prefix: input.jurisdictionPrefix },
        reason: `${coded} is outside your jurisdiction (${input.jurisdictionPrefix}…)`,
      });
      return;
    }
    const grid = gridCodeOf(row);
    if (grid !== null && input.layer !== 'cameras' && grid.slice(0, 12) !== key.slice(0, 12)) {
      rejected.push({
        position: record.position,
        field: 'grid_code',
        code: 'grid_not_in_village',
        params: { column: 'grid_code', grid, village: key.slice(0, 12), key },
        reason: `grid ${grid} is not in village ${key.slice(0, 12)} of ${key}`,
      });
      return;
    }
    rows.push({ ordinal: i + 1, position: record.position, row });
  });
  if (records.length === 0) return refused('the file holds no records');
  return { ok: true, value: { layer: input.layer, format, crs, read: records.length, rows, rejected, warnings } };
}
