/**
 * A layer's export as an OGC GeoPackage (OGC 12-128): the required gpkg_spatial_ref_sys,
 * gpkg_contents and gpkg_geometry_columns tables and one features table named for the layer,
 * positions in WGS-84 (EPSG:4326), times as ISO 8601 in UTC as the standard asks, and the R-tree
 * spatial index GDAL and QGIS use (gpkg-rtree.ts). SQLite builds
 * the file in memory, so unlike the text exports it is sent once whole.
 */
import type { ExportLayer, ExportRow } from '../db/queries/exports.js';
import { EXPORT_SOURCES } from '../db/queries/exports.js';
import { exportProperties } from './export-format.js';
import { writeGpkgGeometry, type GeoJsonGeometry } from './gpkg-geometry.js';
import { writeRtreeIndex, type IndexEntry } from './gpkg-rtree.js';
import { sqlite } from './sqlite.js';

/** GeoPackage's "GPKG" application id and the version GDAL writes (1.2). */
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10200;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

const TIME_COLUMNS = new Set(['last_seen', 'last_inspected_at', 'reported_at', 'deadline', 'closed_at', 'valid_from']);
const INTEGER_COLUMNS = new Set(['heading', 'fov', 'level', 'version', 'households', 'population']);

const sqlType = (column: string) =>
  TIME_COLUMNS.has(column) ? 'DATETIME' : INTEGER_COLUMNS.has(column) ? 'INTEGER' : 'TEXT';

const REQUIRED_TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  PRIMARY KEY (table_name, column_name), UNIQUE (table_name),
  FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '${WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
`;

const cell = (v: unknown): string | number | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'number'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** The layer's rows as a GeoPackage file. `now` stamps gpkg_contents.last_change. */
export async function geoPackageOf(
  layer: ExportLayer,
  chunks: AsyncIterable<ExportRow[]>,
  now: Date,
): Promise<Uint8Array> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${USER_VERSION};`);
    db.run(REQUIRED_TABLES);
    const columns = EXPORT_SOURCES[layer].columns;
    const geometryType = layer === 'grids' ? 'POLYGON' : 'POINT';
    db.run(
      `CREATE TABLE "${layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}, ${columns
        .map((c) => `"${c}" ${sqlType(c)}`)
        .join(', ')})`,
    );
    const insert = db.prepare(
      `INSERT INTO "${layer}" (geom, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
    );
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const index: IndexEntry[] = [];
    db.run('BEGIN');
    try {
      for await (const rows of chunks) {
        for (const row of rows) {
          const geometry = JSON.parse(row.geometry) as GeoJsonGeometry;
          const blob = writeGpkgGeometry(geometry, 4326);
          extend(box, geometry);
          const own = [Infinity, Infinity, -Infinity, -Infinity];
          extend(own, geometry);
          // fid counts up from 1 in insertion order (AUTOINCREMENT on a new table).
          index.push({ id: index.length + 1, minX: own[0]!, maxX: own[2]!, minY: own[1]!, maxY: own[3]! });
          const props = exportProperties(layer, row);
          insert.run([blob, ...columns.map((c) => cell(props[c]))]);
        }
      }
    } finally {
      insert.free();
    }
    db.run('COMMIT');
    const empty = box[0] === Infinity;
    db.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      layer,
      'features',
      layer,
      '',
      now.toISOString(),
      ...(empty ? [null, null, null, null] : box),
      4326,
    ]);
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [layer, 'geom', geometryType, 4326]);
    // Last: after it this connection must not read the index table (see gpkg-rtree.ts).
    writeRtreeIndex(db, layer, 'geom', index);
    return db.export();
  } finally {
    db.close();
  }
}

/** Widens [minX, minY, maxX, maxY] by every position of a geometry. */
function extend(box: number[], geometry: GeoJsonGeometry): void {
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0]!, c[0]);
      box[1] = Math.min(box[1]!, c[1] as number);
      box[2] = Math.max(box[2]!, c[0]);
      box[3] = Math.max(box[3]!, c[1] as number);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
}
