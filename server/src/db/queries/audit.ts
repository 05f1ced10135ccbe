/**
 * The append-only audit record (time, user, operation, target, outcome), chained by hash
 * (migration 018): writing, the review's reads, the chain's rows and pruning.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditFilter } from '../../audit/filter.js';
import type { ChainHead, ChainRow } from '../../audit/chain.js';
import type { Queryable } from '../database.js';

/**
 * What has been audited of the operation now running (see graphql/mutation-audit.ts): every
 * row written while a scope is active marks it, so that the operation's own audit rows and
 * the guard that audits whatever was not audited never write the same attempt twice.
 */
export interface AuditScope {
  success: boolean;
  failure: boolean;
  /** The operation's own name and target for its record, once it has said them. */
  label?: { operation: string; target: string | null };
}

export const auditScope = new AsyncLocalStorage<AuditScope>();

export interface AuditEntry {
  username: string | null;
  operation: string;
  target: string | null;
  success: boolean;
  /** What became of the attempt (migration 014); null for rows written before it. */
  outcome?: AuditOutcome | null;
  detail?: string | null;
}

import type { AuditOutcome } from '../../domain/vocabulary.js';
export { AUDIT_OUTCOMES, type AuditOutcome } from '../../domain/vocabulary.js';

export async function insertAuditEntry(db: Queryable, entry: AuditEntry): Promise<void> {
  const scope = auditScope.getStore();
  if (scope) scope[entry.success ? 'success' : 'failure'] = true;
  await db.query(
    'INSERT INTO audit_log (username, operation, target, success, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      entry.username,
      entry.operation,
      entry.target,
      entry.success,
      entry.outcome ?? (entry.success ? 'ok' : null),
      entry.detail ?? null,
    ],
  );
}

/** A row as the audit review shows it. */
export interface AuditReviewRow {
  id: string;
  at: Date;
  username: string | null;
  operation: string;
  target: string | null;
  outcome: AuditOutcome | null;
  success: boolean;
  detail: string | null;
  hash: string;
}

/** The filter as SQL conditions on audit_log, numbering parameters after `params`. */
function whereOf(filter: AuditFilter, params: unknown[]): string {
  const conditions: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.from) add((p) => `at >= ${p}`, filter.from);
  if (filter.to) add((p) => `at < ${p}`, filter.to);
  if (filter.username) add((p) => `username = ${p}`, filter.username);
  if (filter.operation) add((p) => `operation = ${p}`, filter.operation);
  // strpos, not LIKE: a '%' or '_' in the text is matched as itself.
  if (filter.target) add((p) => `strpos(lower(target), lower(${p})) > 0`, filter.target);
  if (filter.outcome) add((p) => `outcome = ${p}`, filter.outcome);
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

// Ids as text (bigint); ORDER BY must then name audit_log.id, not the text column of that name.
const REVIEW_COLUMNS = 'id::text AS id, at, username, operation, target, outcome, success, detail, hash';

/**
 * Up to `limit` rows matching `filter`, newest first, older than row `beforeId` when given and
 * no newer than `throughId` (an export's upper bound) when given.
 */
export async function findAuditPage(
  db: Queryable,
  filter: AuditFilter,
  page: { limit: number; beforeId?: string | null; throughId?: string | null },
): Promise<AuditReviewRow[]> {
  const params: unknown[] = [];
  let where = whereOf(filter, params);
  if (page.beforeId) {
    params.push(page.beforeId);
    where += ` AND id < $${params.length}::bigint`;
  }
  if (page.throughId) {
    params.push(page.throughId);
    where += ` AND id <= $${params.length}::bigint`;
  }
  params.push(page.limit);
  const { rows } = await db.query<AuditReviewRow>(
    `SELECT ${REVIEW_COLUMNS} FROM audit_log WHERE ${where} ORDER BY audit_log.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function countAuditEntries(db: Queryable, filter: AuditFilter): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE ${whereOf(filter, params)}`,
    params,
  );
  return rows[0]!.n;
}

/** The newest row's id (null when the record is empty). */
export async function findNewestAuditId(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM audit_log');
  return rows[0]?.id ?? null;
}

/** Every operation name in the record, in alphabetical order. */
export async function findAuditOperations(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ operation: string }>('SELECT DISTINCT operation FROM audit_log ORDER BY operation');
  return rows.map((r) => r.operation);
}

export async function findChainHead(db: Queryable): Promise<ChainHead> {
  const { rows } = await db.query<ChainHead>(
    `SELECT last_id::text AS "lastId", last_hash AS "lastHash", anchor_id::text AS "anchorId",
            anchor_hash AS "anchorHash"
     FROM audit_chain`,
  );
  if (!rows[0]) throw new Error('audit_chain has no row: the audit record has lost its chain head');
  return rows[0];
}

/** Up to `limit` rows after row `afterId` (from the start when null) up to `throughId`, in id order. */
export async function findChainRows(
  db: Queryable,
  afterId: string | null,
  throughId: string,
  limit: number,
): Promise<ChainRow[]> {
  const { rows } = await db.query<ChainRow>(
    `SELECT id::text AS id, audit_micros(at) AS "atMicros", username, operation, target, success, outcome,
            detail, prev_hash AS "prevHash", hash
     FROM audit_log
     WHERE ($1::bigint IS NULL OR id > $1::bigint) AND id <= $2::bigint
     ORDER BY audit_log.id LIMIT $3`,
    [afterId, throughId, limit],
  );
  return rows;
}

/**
 * Removes the rows older than `cutoff`, oldest first up to the first row to keep (the only way
 * rows leave the record); answers how many, and the anchor the remaining chain starts from.
 */
export async function pruneAuditRows(
  tx: Queryable,
  cutoff: Date,
): Promise<{ removed: number; anchorId: string | null; anchorHash: string }> {
  const { rows } = await tx.query<{ removed: string; anchor_row: string | null; anchor_digest: string }>(
    'SELECT removed::text, anchor_row::text, anchor_digest FROM prune_audit_log($1)',
    [cutoff],
  );
  const row = rows[0]!;
  return { removed: Number(row.removed), anchorId: row.anchor_row, anchorHash: row.anchor_digest };
}
