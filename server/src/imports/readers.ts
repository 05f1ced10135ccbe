/**
 * Readers of the file formats an import accepts, from bytes (no file I/O): a GeoJSON
 * FeatureCollection, a zipped Shapefile (.shp + .dbf, with .prj for the coordinate system and
 * .cpg for the text encoding), CSV (UTF-8 or GBK, with or without BOM, any line endings; a
 * cell's formula guard, see csv-cell.ts, is dropped; positions in lon/lat columns or a WKT or
 * GeoJSON geometry column, whose GDAL name `_WKT…_EPSG_<code>` declares the system) and GeoPackage (geopackage.ts). dBASE
 * dates and logicals and GDAL's date-time text are normalised as they are read (source-values.ts).
 * Each gives records with the position a person finds them at in the source.
 */
import JSZip from 'jszip';
import Papa from 'papaparse';
import * as shapefile from 'shapefile';
import { unguardCsvCell } from '../domain/csv-cell.js';
import { gdalGeometryHeader, WKT_FIELD_NAMES } from './columns.js';
import { parseWkt } from './wkt.js';
import type { Result } from '../domain/result.js';
import { crsFromPrj, parseCrs, type CrsInfo } from './crs.js';
import { readGeoPackage } from './geopackage.js';
import { dateFieldsNote, normaliseProperties, type ValueNotes } from './source-values.js';

export type FileFormat = 'geojson' | 'shapefile' | 'csv' | 'geopackage';

export interface SourceRecord {
  /** Where a person finds it: "line 12" (CSV, the header is line 1), "feature 3", "record 3". */
  position: string;
  properties: Record<string, unknown>;
  /** GeoJSON geometry in the source CRS; null for CSV (positions come from columns) or none. */
  geometry: unknown;
}

export interface SourceFile {
  format: FileFormat;
  records: SourceRecord[];
  /** The CRS the file itself declares (a .prj, gpkg_spatial_ref_sys, a CSV's `_WKT…_EPSG_<code>`), or null. */
  declaredCrs: CrsInfo | null;
  /** What the reader noticed and worked around: encoding guesses, an unknown .prj. */
  notes: string[];
}

/** The format a file name suggests, or null. */
export function formatOfFileName(name: string): FileFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.zip')) return 'shapefile';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.gpkg')) return 'geopackage';
  return null;
}

export type TextEncodingName = 'utf-8' | 'gbk';

/**
 * Text of a file in UTF-8 (BOM or not) or GBK. Without a stated encoding, UTF-8 is tried
 * strictly first: GBK text is almost never valid UTF-8, so a failure means GBK.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (encoding) return { text: new TextDecoder(encoding).decode(bytes), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

export function readGeoJson(bytes: Uint8Array): Result<SourceFile, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(bytes, 'utf-8').text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  const doc = parsed as { type?: unknown; features?: unknown };
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) return { ok: false, error: 'a GeoJSON import must be a FeatureCollection' };
  const records = features.map((f: { id?: unknown; properties?: unknown; geometry?: unknown }, i) => {
    const properties = ((f && typeof f.properties === 'object' && f.properties) || {}) as Record<string, unknown>;
    // GDAL writes a field named id as the feature's id and leaves it out of the properties.
    const id = f?.id;
    const withId = id !== undefined && id !== null && !('id' in properties) ? { id, ...properties } : properties;
    return { position: `feature ${i + 1}`, properties: withId, geometry: f?.geometry ?? null };
  }) as SourceRecord[];
  return { ok: true, value: { format: 'geojson', records, declaredCrs: null, notes: [] } };
}

/** A geometry cell: WKT (as GDAL writes it), or GeoJSON text (as our own grid export writes it). */
function geometryOfCell(text: string): Result<unknown, string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!t.startsWith('{')) return parseWkt(t);
  try {
    return { ok: true, value: JSON.parse(t) };
  } catch {
    return { ok: false, error: 'the geometry column holds neither WKT nor GeoJSON' };
  }
}

/** The coordinate system a GDAL geometry header names (`_WKTgeom_EPSG_4490`), noting an unknown one. */
function crsOfGeometryHeader(header: string, notes: string[]): CrsInfo | null {
  const epsg = gdalGeometryHeader(header)?.epsg;
  if (epsg === null || epsg === undefined) return null;
  const crs = parseCrs(`epsg:${epsg}`);
  if (crs.ok) return crs.value;
  notes.push(`the geometry column ${header} names EPSG:${epsg}, a coordinate system this import does not know`);
  return null;
}

export function readCsv(bytes: Uint8Array, encoding?: TextEncodingName): Result<SourceFile, string> {
  const decoded = decodeText(bytes, encoding);
  // A second BOM can hide behind a GBK guess of a UTF-16 file; strip any that is left.
  const text = decoded.text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
    // Our own exports (and the web app's tables) guard formulas with a leading quote; drop it.
    transform: (value) => unguardCsvCell(value),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Delimiter' || e.code === 'UndetectableDelimiter');
  if (fatal && parsed.data.length === 0) return { ok: false, error: `not a CSV table: ${fatal.message}` };
  const fields = parsed.meta.fields ?? [];
  if (fields.length < 2) return { ok: false, error: 'a CSV import needs a header row with column names' };
  // Data rows count from line 2 (the header is line 1); a quoted line break inside a field would
  // shift later numbers, which real registers do not contain.
  const values: ValueNotes = { dateFields: new Set() };
  const notes = decoded.encoding === 'gbk' ? ['the CSV is not UTF-8; read as GBK'] : [];
  const gdalField = fields.find((f) => gdalGeometryHeader(f));
  const geometryField =
    gdalField ?? fields.find((f) => WKT_FIELD_NAMES.some((n) => n.toLowerCase() === f.toLowerCase()));
  const declaredCrs = gdalField ? crsOfGeometryHeader(gdalField, notes) : null;
  const records: SourceRecord[] = parsed.data.map((row, i) => {
    const position = `line ${i + 2}`;
    if (geometryField === undefined) return { position, properties: normaliseProperties(row, values), geometry: null };
    const { [geometryField]: text, ...rest } = row;
    const geometry = geometryOfCell(text ?? '');
    if (!geometry.ok && notes.length < 10) notes.push(`${position}: ${geometry.error}`);
    return { position, properties: normaliseProperties(rest, values), geometry: geometry.ok ? geometry.value : null };
  });
  const rowErrors = parsed.errors.filter((e) => e.type !== 'Delimiter');
  for (const e of rowErrors.slice(0, 5)) notes.push(`line ${(e.row ?? 0) + 2}: ${e.message}`);
  return { ok: true, value: { format: 'csv', records, declaredCrs, notes } };
}

/** The .cpg of a Shapefile names the dbf encoding: a label or a Windows code page. */
function encodingOfCpg(cpg: string | null): TextEncodingName | null {
  if (cpg === null) return null;
  const v = cpg.trim().toLowerCase();
  if (/^(utf-?8|65001)$/.test(v)) return 'utf-8';
  if (/^(gbk|gb2312|gb18030|cp936|936|ansi 936)$/.test(v)) return 'gbk';
  return null;
}

async function readShpFeatures(shp: Uint8Array, dbf: Uint8Array, encoding: string) {
  const source = await shapefile.open(shp, dbf, { encoding });
  const features: { properties: Record<string, unknown>; geometry: unknown }[] = [];
  for (;;) {
    const next = await source.read();
    if (next.done) return features;
    features.push({
      properties: (next.value.properties ?? {}) as Record<string, unknown>,
      geometry: next.value.geometry,
    });
  }
}

export async function readShapefileZip(bytes: Uint8Array): Promise<Result<SourceFile, string>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    return { ok: false, error: `not a zip file: ${(error as Error).message}` };
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && !n.startsWith('__MACOSX/'));
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length !== 1) {
    return { ok: false, error: `the zip must hold exactly one .shp file; it holds ${shps.length}` };
  }
  const base = shps[0]!.slice(0, -4);
  const part = (ext: string) => names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase()) ?? null;
  const dbfName = part('dbf');
  if (!dbfName) return { ok: false, error: `${base}.dbf is missing from the zip (the attributes)` };
  const shp = await zip.file(shps[0]!)!.async('uint8array');
  const dbf = await zip.file(dbfName)!.async('uint8array');
  const prjName = part('prj');
  const cpgName = part('cpg');
  const prj = prjName ? await zip.file(prjName)!.async('string') : null;
  const cpg = cpgName ? await zip.file(cpgName)!.async('string') : null;
  const notes: string[] = [];
  let encoding = encodingOfCpg(cpg);
  if (cpg !== null && encoding === null) notes.push(`unknown .cpg encoding "${cpg.trim()}"; guessed from the text`);
  let features;
  try {
    features = await readShpFeatures(shp, dbf, encoding ?? 'utf-8');
    // No .cpg: Chinese desktop GIS writes GBK; undecodable UTF-8 shows as U+FFFD.
    if (!encoding && features.some((f) => Object.values(f.properties).some((v) => String(v).includes('\uFFFD')))) {
      encoding = 'gbk';
      notes.push('no .cpg and the attributes are not UTF-8; read as GBK');
      features = await readShpFeatures(shp, dbf, 'gbk');
    }
  } catch (error) {
    return { ok: false, error: `the Shapefile cannot be read: ${(error as Error).message}` };
  }
  const declaredCrs = prj ? crsFromPrj(prj) : null;
  if (prj && !declaredCrs) notes.push('the .prj names a coordinate system this import does not know');
  const values: ValueNotes = { dateFields: new Set() };
  const records = features.map((f, i) => ({
    position: `record ${i + 1}`,
    properties: normaliseProperties(f.properties, values),
    geometry: f.geometry,
  }));
  const datesNote = dateFieldsNote(values);
  if (datesNote) notes.push(datesNote);
  return { ok: true, value: { format: 'shapefile', records, declaredCrs, notes } };
}

/** Reads a file of the given format. */
export async function readSourceFile(
  format: FileFormat,
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): Promise<Result<SourceFile, string>> {
  if (format === 'geojson') return readGeoJson(bytes);
  if (format === 'csv') return readCsv(bytes, encoding);
  if (format === 'geopackage') return readGeoPackage(bytes);
  return readShapefileZip(bytes);
}
