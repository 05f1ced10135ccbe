/** The shape of the matrix's tables of cases, shared by the GraphQL, HTTP and live tables. */
import type { TestApi } from '../api.js';
import type { Level } from './levels.js';

export interface MatrixEnv {
  api: TestApi;
  level: Level;
}

/** One check of one field or route for one level; throws (expect) when something leaks. */
export type Probe = (env: MatrixEnv) => Promise<void>;

/**
 * The probes of one schema field (`Query.cases`) or route (`GET /feeds/cases`): `plain` asks
 * without a filter and compares with SQL; every other key is a place argument (`area.bbox`,
 * `unitCode`) or query parameter (`unit`, `bbox`) pointed at the village just outside.
 */
export interface MatrixCase {
  name: string;
  probes: Record<string, Probe>;
}

/** Why a field or route needs no jurisdiction case. */
export interface Exemption {
  name: string;
  reason: string;
  /** Present only in some builds (the web app's routes when dist/web exists). */
  optional?: boolean;
}

/** One count from SQL with `$1` the level's prefix pattern. */
export async function sqlCount(api: TestApi, sql: string, prefix: string, extra: unknown[] = []): Promise<number> {
  return (await api.db.query<{ n: number }>(sql, [`${prefix}%`, ...extra])).rows[0]!.n;
}

/** One column of every row from SQL with `$1` the level's prefix pattern. */
export async function sqlColumn(api: TestApi, sql: string, prefix: string, extra: unknown[] = []): Promise<string[]> {
  return (await api.db.query<{ v: string }>(sql, [`${prefix}%`, ...extra])).rows.map((r) => String(r.v));
}
