/**
 * SQLite for GeoPackage files, through sql.js (SQLite compiled to WebAssembly): no native
 * module to build per platform, nothing fetched at run time, and a GeoPackage is only SQLite
 * tables, so a general-purpose SQLite is all its reading and writing need.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/** The SQLite module, compiled once per process. */
export function sqlite(): Promise<SqlJsStatic> {
  loading ??= initSqlJs();
  return loading;
}
