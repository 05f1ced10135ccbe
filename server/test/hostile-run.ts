/**
 * The property every operation of the hostile-input registry must hold, sent over HTTP to a
 * test API: never a 5xx nor an unclean error code, never a success for an account that may not
 * perform it, nothing written by a call that did not succeed (by a query, ever), and the server
 * answers the next request.
 */
import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import { expect } from 'vitest';
import type { Queryable } from '../src/db/database.js';
import type { TestApi } from './api.js';
import { documentOf } from './graphql-documents.js';
import { CLEAN_ERROR_CODES } from './hostile.js';
import { accountsFor, variablesOf, type HostileOperation } from './hostile-arbitraries.js';
import { THROWAWAY, type HostileApi } from './hostile-setup.js';

/** How long one request may take before the server counts as hung. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: unknown; field?: unknown } }[];
  } | null;
}

export async function post(
  api: TestApi,
  query: string,
  variables: unknown,
  token: string | undefined,
): Promise<Answer> {
  const res = await fetch(`${api.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: null };
  }
}

/**
 * Tables left out: PostGIS's and the migrations' own, the audit log, which records refusals too,
 * and the grid adjacency that a hotspot query rebuilds from the grids (fingerprinted themselves)
 * once they have changed. The audit chain's head (migration 018) moves with every audit row,
 * refused attempts' included.
 */
const EXCLUDED = [
  'spatial_ref_sys',
  'schema_migrations',
  'audit_log',
  'audit_chain',
  'grid_neighbours',
  'grid_neighbours_built',
];

/**
 * Tables that every signed-in request touches, with the columns that say what a call did: a
 * session's last request time moves with each request, its end does not.
 */
const OWN_COLUMNS: Readonly<Record<string, string>> = { sessions: 'id, expires_at, revoked_at, revoked_reason' };

/**
 * A fingerprint of every table but `writable`: its row count and a hash of its rows' versions
 * (xmin and ctid: any insert, update or delete that committed changes them, without reading the
 * rows), and the number of successful audit records.
 */
export async function fingerprinter(db: Queryable, writable: readonly string[] = []) {
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const tables = rows.map((r) => r.tablename).filter((t) => !EXCLUDED.includes(t) && !writable.includes(t));
  const columns = tables.map((t) => {
    const version = OWN_COLUMNS[t] ? `(${OWN_COLUMNS[t]})::text` : `x.xmin::text || x.ctid::text`;
    return `(SELECT count(*) || ':' || coalesce(sum(hashtext(${version})), 0) FROM ${t} x) AS "${t}"`;
  });
  const sql = `SELECT ${columns.join(', ')}, (SELECT count(*)::int FROM audit_log WHERE success) AS "audit_log success"`;
  return async () => (await db.query<Record<string, string>>(sql)).rows[0]!;
}

/** The tables whose fingerprints differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => after[t] !== before[t]);
}

export interface HostileRun {
  hostile: HostileApi;
  root: 'query' | 'mutation';
  numRuns: number;
}

/** The account whose `me` shows that the server still answers: a wall screen, never a target. */
export const PROBE = 'demo-wall';

/**
 * What a clean error says: a code a client acts on, and a message naming what was wrong (for
 * bad input: the field, or the variable GraphQL refused).
 */
export function expectClean(label: string, e: NonNullable<NonNullable<Answer['body']>['errors']>[number]): void {
  const said = `${label}: ${String(e.extensions?.code)}: ${e.message.slice(0, 300)}`;
  expect(CLEAN_ERROR_CODES, said).toContain(e.extensions?.code);
  expect(e.message.length, said).toBeGreaterThan(8);
  if (e.extensions?.code === 'BAD_USER_INPUT') {
    expect(typeof e.extensions.field === 'string' || /\$\w+|"\w+"/.test(e.message), said).toBe(true);
  }
}

/** Asserts the hostile-input property of one registry operation over `numRuns` generated calls. */
export async function assertHostileInputHandled(
  run: HostileRun,
  field: GraphQLField<unknown, unknown>,
  operation: HostileOperation,
): Promise<void> {
  const { hostile, root } = run;
  const { api, known, tokens } = hostile;
  const document = documentOf(root, field);
  const self = operation.actor === 'self';
  const { allowed, refused } = self ? { allowed: [THROWAWAY.self], refused: [] } : accountsFor(operation.permission);
  // Null: no token at all.
  const mayCall = (as: string | null) => (as === null ? operation.permission === null : allowed.includes(as));
  const account = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...allowed) },
    fc.constantFrom<string | null>(...refused, null),
  );
  const fingerprint = await fingerprinter(api.db, operation.refusalWrites);
  // The state a call starts from: the last one's, unless something was written since.
  let before: Record<string, string> | null = null;
  let reachedResolver = 0;
  await fc.assert(
    fc.asyncProperty(variablesOf(field, operation, known), account, async (variables, as) => {
      const label = `${field.name} as ${as ?? 'nobody'}`;
      const token = as === null ? undefined : self ? await hostile.freshSelf() : tokens[as];
      if (self && as !== null) before = null;
      before ??= await fingerprint();
      const { status, body } = await post(api, document, variables, token);
      expect(status, `${label} answered HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
      // The body parser answers an oversized request before GraphQL sees it.
      if (status !== 413) expect(body, `${label} answered HTTP ${status} without a GraphQL body`).not.toBeNull();
      for (const e of body?.errors ?? []) expectClean(label, e);
      const succeeded = body?.data?.[field.name] != null;
      if (!mayCall(as)) expect(succeeded, `${label} was let through`).toBe(false);
      if (!succeeded || root === 'query') {
        const audited = succeeded && operation.auditsSuccess;
        const changed = changedTables(before, await fingerprint()).filter(
          (t) => !(audited && t === 'audit_log success'),
        );
        expect(changed, `${label} wrote although ${succeeded ? 'a query' : 'refused'}`).toEqual([]);
        if (audited) before = null;
      }
      if (body?.data?.[field.name] !== undefined || body?.errors?.some((e) => e.path)) reachedResolver++;
      if (root === 'mutation' && (succeeded || operation.refusalWrites)) {
        await hostile.restore();
        before = null;
      }
      const me = await post(api, '{ me { username } }', {}, tokens[PROBE]);
      expect(me.body?.data?.me, `the server stopped answering after ${label}`).toEqual({ username: PROBE });
    }),
    { numRuns: run.numRuns, seed: 42 },
  );
  // Calls that all fail GraphQL's own checks would prove nothing about the resolver.
  expect(reachedResolver, `no call of ${field.name} reached its resolver`).toBeGreaterThan(0);
}
