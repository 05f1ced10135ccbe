/**
 * Reader of OGC GeoPackage files (.gpkg, OGC 12-128): the one features table listed in
 * gpkg_contents, its geometry column from gpkg_geometry_columns and its coordinate system from
 * gpkg_spatial_ref_sys (by EPSG code, else by its WKT). Records come out as every other
 * reader's, so a GeoPackage goes through the same checks, dry run, apply and rollback.
 */
import type { Database as SqlDatabase } from 'sql.js';
import type { Result } from '../domain/result.js';
import { crsFromPrj, parseCrs, type CrsInfo } from './crs.js';
import { readGpkgGeometry } from './gpkg-geometry.js';
import type { SourceFile, SourceRecord } from './readers.js';
import { sqlite } from './sqlite.js';

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rows(db: SqlDatabase, sql: string, params: (string | number)[] = []): Record<string, unknown>[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Record<string, unknown>[] = [];
    while (statement.step()) out.push(statement.getAsObject());
    return out;
  } finally {
    statement.free();
  }
}

/** The CRS an srs_id stands for: by its EPSG code when we know it, else by its definition. */
function crsOfSrs(db: SqlDatabase, srsId: number): { crs: CrsInfo | null; note: string | null } {
  const srs = rows(
    db,
    'SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
  )[0];
  if (!srs) return { crs: null, note: `srs_id ${srsId} is not in gpkg_spatial_ref_sys` };
  if (String(srs.organization).toUpperCase() === 'EPSG') {
    const parsed = parseCrs(`epsg:${String(srs.organization_coordsys_id)}`);
    if (parsed.ok) return { crs: parsed.value, note: null };
  }
  const fromWkt = typeof srs.definition === 'string' ? crsFromPrj(srs.definition) : null;
  if (fromWkt) return { crs: fromWkt, note: null };
  // srs_id 0 and -1 are the standard's "undefined" systems.
  return {
    crs: null,
    note: `the GeoPackage's coordinate system "${String(srs.srs_name)}" is not one this import knows`,
  };
}

function readTables(db: SqlDatabase): Result<SourceFile, string> {
  const features = rows(
    db,
    `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
     JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'`,
  );
  if (features.length !== 1) {
    const names = features.map((f) => String(f.table_name)).join(', ');
    return {
      ok: false,
      error: `the GeoPackage must hold exactly one features table; it holds ${features.length}${names ? ` (${names})` : ''}`,
    };
  }
  const table = String(features[0]!.table_name);
  const geometryColumn = String(features[0]!.column_name);
  const columns = rows(db, `PRAGMA table_info(${quoteName(table)})`);
  // The integer primary key is the GeoPackage's feature id, not an attribute of ours.
  const skip = new Set([geometryColumn, ...columns.filter((c) => Number(c.pk) === 1).map((c) => String(c.name))]);
  const types = new Map(columns.map((c) => [String(c.name), String(c.type).toUpperCase()]));
  const notes: string[] = [];
  const { crs, note } = crsOfSrs(db, Number(features[0]!.srs_id));
  if (note) notes.push(note);
  const records: SourceRecord[] = [];
  const statement = db.prepare(`SELECT * FROM ${quoteName(table)} ORDER BY rowid`);
  try {
    for (let i = 1; statement.step(); i++) {
      const row = statement.getAsObject();
      const properties: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) {
        if (skip.has(name) || value instanceof Uint8Array) continue;
        properties[name] = types.get(name) === 'BOOLEAN' && typeof value === 'number' ? String(value !== 0) : value;
      }
      const blob = row[geometryColumn];
      let geometry: unknown = null;
      if (blob instanceof Uint8Array) {
        const read = readGpkgGeometry(blob);
        if (!read.ok) return { ok: false, error: `feature ${i}: ${read.error}` };
        geometry = read.value;
      }
      records.push({ position: `feature ${i}`, properties, geometry });
    }
  } finally {
    statement.free();
  }
  return { ok: true, value: { format: 'geopackage', records, declaredCrs: crs, notes } };
}

/** Reads a GeoPackage from its bytes. */
export async function readGeoPackage(bytes: Uint8Array): Promise<Result<SourceFile, string>> {
  if (new TextDecoder().decode(bytes.subarray(0, 15)) !== 'SQLite format 3') {
    return { ok: false, error: 'not a GeoPackage: the file is not an SQLite database' };
  }
  const SQL = await sqlite();
  let db: SqlDatabase;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    return { ok: false, error: `the GeoPackage cannot be opened: ${(error as Error).message}` };
  }
  try {
    return readTables(db);
  } catch (error) {
    return { ok: false, error: `the GeoPackage cannot be read: ${(error as Error).message}` };
  } finally {
    db.close();
  }
}
