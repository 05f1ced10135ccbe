/**
 * Export formats, row by row so they can be streamed: GeoJSON features, CSV lines (RFC 4180,
 * UTF-8 with a BOM so spreadsheet programs read the Chinese; column names that an import reads
 * back; the geometry in WKT under a header that names its coordinate system; formulas in text
 * defused, see csv-cell.ts), and Open311 GeoReport v2 service requests
 * for cases; GeoPackage in gpkg-export.ts. Pure.
 */
import type { ExportLayer, ExportRow } from '../db/queries/exports.js';
import { EXPORT_SOURCES } from '../db/queries/exports.js';
import { csvCell } from '../domain/csv-cell.js';
import { isoInZone } from '../domain/zoned-time.js';
import { CSV_GEOMETRY_HEADER } from './columns.js';
import { wktOfGeoJson, type WktGeometry } from './wkt.js';

/** A time as ISO 8601: with the offset of `timeZone`, else in UTC (`Z`). */
const iso = (v: unknown, timeZone?: string): unknown =>
  v instanceof Date ? (timeZone ? isoInZone(v, timeZone) : v.toISOString()) : v;

/**
 * A row's exported attributes: the layer's columns, times as ISO 8601 with the offset of
 * `timeZone` (the display zone, `+08:00`), or in UTC (`Z`) without one (a GeoPackage must).
 */
export function exportProperties(layer: ExportLayer, row: ExportRow, timeZone?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of EXPORT_SOURCES[layer].columns) out[c] = iso(row[c], timeZone);
  return out;
}

/** One GeoJSON Feature (text), id = the record's key. */
export function featureText(layer: ExportLayer, row: ExportRow, timeZone?: string): string {
  const props = exportProperties(layer, row, timeZone);
  const id = JSON.stringify(props[EXPORT_SOURCES[layer].key]);
  return `{"type":"Feature","id":${id},"properties":${JSON.stringify(props)},"geometry":${row.geometry}}`;
}

export const FEATURE_COLLECTION_START = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_END = '\n]}\n';

/** A database value as a cell: numbers stay numbers; times, JSON and the rest become text. */
function csvField(v: unknown, timeZone?: string): string {
  if (v === null || v === undefined || typeof v === 'number') return csvCell(v);
  return csvCell(typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : String(iso(v, timeZone)));
}

/**
 * The header: the layer's columns, lon,lat for points, then the geometry in WKT under GDAL's
 * `_WKTgeom_EPSG_4326`, which says its coordinate system to GDAL, QGIS and our importer alike.
 */
export function csvHeader(layer: ExportLayer): string {
  const position = layer === 'grids' ? [] : ['lon', 'lat'];
  return `\uFEFF${[...EXPORT_SOURCES[layer].columns, ...position, CSV_GEOMETRY_HEADER].join(',')}\r\n`;
}

export function csvLine(layer: ExportLayer, row: ExportRow, timeZone?: string): string {
  const values = EXPORT_SOURCES[layer].columns.map((c) => row[c]);
  const position = layer === 'grids' ? [] : [row.lon, row.lat];
  const wkt = wktOfGeoJson(JSON.parse(row.geometry) as WktGeometry);
  return `${[...values, ...position, wkt].map((v) => csvField(v, timeZone)).join(',')}\r\n`;
}

const CATEGORY_NAMES: Record<string, string> = {
  neighbour: '邻里纠纷',
  family: '婚姻家庭纠纷',
  land: '土地纠纷',
  property: '物业纠纷',
  labour: '劳资纠纷',
  demolition: '征地拆迁纠纷',
  medical: '医疗纠纷',
  consumer: '消费纠纷',
  traffic: '交通事故纠纷',
  environment: '环境污染纠纷',
  public_order: '治安问题',
};
const SEVERITY_NAMES: Record<string, string> = { low: '一般', medium: '较大', high: '重大', critical: '特别重大' };
const SOURCE_NAMES: Record<string, string> = {
  hotline: '12345热线',
  walk_in: '群众来访',
  patrol: '网格巡查',
  video: '视频告警',
};

/** One case as an Open311 GeoReport v2 service request. */
export function open311Request(row: ExportRow): Record<string, unknown> {
  const category = String(row.category);
  const updated = row.updated_at ?? row.closed_at ?? row.reported_at;
  return {
    service_request_id: row.code,
    status: row.closed_at ? 'closed' : 'open',
    status_notes: row.status,
    service_code: category,
    service_name: CATEGORY_NAMES[category] ?? category,
    description: `${CATEGORY_NAMES[category] ?? category}（${SEVERITY_NAMES[String(row.severity)] ?? row.severity}），来源：${SOURCE_NAMES[String(row.source)] ?? row.source}`,
    agency_responsible: row.agency ?? null,
    requested_datetime: iso(row.reported_at),
    updated_datetime: iso(updated),
    expected_datetime: iso(row.deadline),
    address_id: row.grid_code,
    lat: row.lat,
    long: row.lon,
  };
}
