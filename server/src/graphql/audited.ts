/**
 * A mutation's work in one transaction with its success record, so that the change and its
 * audit row commit together. A failure is audited by the guard around every mutation
 * (mutation-audit.ts), after the rollback, with its outcome.
 */
import type { Queryable } from '../db/database.js';
import { auditScope, insertAuditEntry } from '../db/queries/audit.js';
import type { Viewer } from '../auth/viewer.js';
import type { GraphQLContext } from './context.js';

export async function auditedMutation<T>(
  ctx: GraphQLContext,
  viewer: Viewer,
  operation: string,
  target: string | null,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const scope = auditScope.getStore();
  if (scope) scope.label = { operation, target };
  return ctx.db.transaction(async (tx) => {
    const result = await work(tx);
    await insertAuditEntry(tx, { username: viewer.username, operation, target, success: true });
    return result;
  });
}
