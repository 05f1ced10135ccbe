/** The append-only audit record (time, user, operation, target, success). */
import { AsyncLocalStorage } from 'node:async_hooks';
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

export type AuditOutcome =
  'ok' | 'denied_role' | 'denied_jurisdiction' | 'not_found' | 'invalid' | 'conflict' | 'unauthenticated' | 'error';

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

export interface AuditRow {
  at: Date;
  username: string | null;
  operation: string;
  target: string | null;
  success: boolean;
  detail: string | null;
}

export async function findAuditEntries(db: Queryable, limit = 100): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    'SELECT at, username, operation, target, success, detail FROM audit_log ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows;
}
