/**
 * The one database interface the rest of the code uses. Two drivers implement it:
 * embedded PGlite + PostGIS (the default) and a PostgreSQL server through `pg`.
 * Only files in server/src/db import a driver as a value (enforced by eslint).
 */

export interface QueryResult<R> {
  rows: R[];
  /** Rows affected by INSERT/UPDATE/DELETE, or returned by SELECT. */
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-load rows with COPY … FROM STDIN in PostgreSQL text format: tab-separated columns,
   * one row per line, `\N` for NULL. Use {@link copyTextField} to escape values.
   */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'server';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in read-only REPEATABLE READ transactions that all see one snapshot, so that
   * a large read can be split across them and still be one consistent picture. The server
   * driver gives up to `parallel` connections (the first exports its snapshot, the others adopt
   * it; fewer while another such read holds extra connections); the embedded engine has one.
   */
  readSnapshot<T>(parallel: number, work: (readers: Queryable[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Escapes one value for COPY text format. */
export function copyTextField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyStatement(table: string, columns: readonly string[], source: string): string {
  const ident = /^[a-z_][a-z0-9_]*$/;
  for (const name of [table, ...columns]) {
    if (!ident.test(name)) throw new Error(`not a plain SQL identifier: "${name}"`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
