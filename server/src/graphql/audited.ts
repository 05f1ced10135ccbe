/**
 * Every mutation runs in one transaction and leaves an audit record. A failed mutation rolls
 * its transaction back, so its audit record is written afterwards, on its own.
 */
import type { Queryable } from '../db/database.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import type { GraphQLContext, Viewer } from './context.js';

export async function auditedMutation<T>(
  ctx: GraphQLContext,
  viewer: Viewer,
  operation: string,
  target: string | null,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await work(tx);
      await insertAuditEntry(tx, { username: viewer.username, operation, target, success: true });
      return result;
    });
  } catch (error) {
    await insertAuditEntry(ctx.db, {
      username: viewer.username,
      operation,
      target,
      success: false,
      detail: (error as Error).message.slice(0, 500),
    }).catch(() => undefined);
    throw error;
  }
}
