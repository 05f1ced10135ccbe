/**
 * An account change as a GraphQL mutation: the use case runs in one transaction with its audit
 * record; a refusal commits what the use case keeps even then (a wrong current password counts
 * towards the lockout) and is told as the error its kind names; the sessions the change ended
 * close their live sockets once it has committed.
 */
import type { AccountError, Changed } from '../../accounts/actor.js';
import type { Queryable } from '../../db/database.js';
import { auditScope, insertAuditEntry } from '../../db/queries/audit.js';
import type { Result } from '../../domain/result.js';
import type { Viewer } from '../../auth/viewer.js';
import type { GraphQLContext } from '../context.js';
import { auditedAsOutside, badInput, conflict, forbidden, notFound, unauthenticated } from '../../errors.js';

export function accountError(error: AccountError) {
  const coded = error.reason ? { reason: error.reason, params: error.params } : undefined;
  switch (error.kind) {
    case 'forbidden':
      return forbidden(error.message, coded);
    case 'not_found': {
      const e = notFound('account', error.message.replace(/^account | not found$/g, ''));
      return error.outside ? auditedAsOutside(e) : e;
    }
    case 'conflict':
      return conflict(error.message, error.field ? { field: error.field } : {}, coded);
    case 'unauthenticated':
      return unauthenticated(error.message, error.reason ? { reason: error.reason } : {}, coded);
    default:
      return badInput(error.field ?? 'input', error.message, error.problems ? { problems: error.problems } : {}, coded);
  }
}

const isChanged = (value: unknown): value is Changed<unknown> =>
  typeof value === 'object' && value !== null && 'ended' in value && 'value' in value;

export async function accountMutation<T>(
  ctx: GraphQLContext,
  viewer: Viewer,
  operation: string,
  target: string | null,
  work: (tx: Queryable) => Promise<Result<T | Changed<T>, AccountError>>,
): Promise<T> {
  const scope = auditScope.getStore();
  if (scope) scope.label = { operation, target };
  const result = await ctx.db.transaction(async (tx) => {
    const outcome = await work(tx);
    if (outcome.ok) await insertAuditEntry(tx, { username: viewer.username, operation, target, success: true });
    return outcome;
  });
  if (!result.ok) throw accountError(result.error);
  const value = result.value;
  if (!isChanged(value)) return value as T;
  if (value.ended) {
    ctx.events.publish('sessionsEnded', {
      username: value.ended.username,
      sessionIds: null,
      reason: value.ended.reason,
    });
  }
  return value.value as T;
}
