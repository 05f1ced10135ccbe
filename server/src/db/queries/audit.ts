/** The append-only audit record (time, user, operation, target, success). */
import type { Queryable } from '../database.js';

export interface AuditEntry {
  username: string | null;
  operation: string;
  target: string | null;
  success: boolean;
  detail?: string | null;
}

export async function insertAuditEntry(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (username, operation, target, success, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.username,
    entry.operation,
    entry.target,
    entry.success,
    entry.detail ?? null,
  ]);
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
