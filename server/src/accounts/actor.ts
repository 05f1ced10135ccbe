/**
 * Who administers accounts and what guards every change: the actor (a signed-in administrator or
 * the command line), the permission a change needs, the jurisdiction it must stay inside, and the
 * results every account use case returns.
 */
import { coversCode } from '../auth/jurisdiction.js';
import type { PasswordProblem } from '../auth/password-policy.js';
import { can, isAdministratorRole, type Permission } from '../auth/roles.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import { findAccount, type AccountRow } from '../db/queries/accounts.js';
import { revokeSessionsOf, type RevokeReason } from '../db/queries/sessions.js';
import { err, ok, type Result } from '../domain/result.js';

/** Who asks: a signed-in administrator, or the server's command line (which may do anything). */
export type Actor = { kind: 'viewer'; viewer: Viewer } | { kind: 'cli'; name: string };

export interface AccountError {
  kind: 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'unauthenticated';
  message: string;
  field?: string;
  problems?: PasswordProblem[];
  /** The target exists outside the actor's jurisdiction (told as not_found, audited as such). */
  outside?: boolean;
  /** The stable reason a client says it from (errors.ts's Coded), with its facts. */
  reason?: string;
  params?: Readonly<Record<string, string | number | null>>;
}

/** What a change did beyond its own row: the sessions it ended (their sockets close). */
export interface Changed<T> {
  value: T;
  ended: { username: string; reason: RevokeReason } | null;
}

/**
 * A department account names its department (users.department_code), which neither creating an
 * account nor granting a role sets: the department accounts come with the departments
 * (docs/departments.md), so the role alone is refused rather than left to the database.
 */
export const DEPARTMENT_ROLE: AccountError = {
  kind: 'invalid',
  field: 'role',
  message: 'a department account is made with its department, not by granting the role',
  reason: 'department_role_needs_department',
};

export function actorName(actor: Actor): string {
  return actor.kind === 'cli' ? `cli:${actor.name}`.slice(0, 64) : actor.viewer.username;
}

export function requirePermission(actor: Actor, permission: Permission): Result<void, AccountError> {
  if (actor.kind === 'cli' || can(actor.viewer.role, permission)) return ok(undefined);
  return err({
    kind: 'forbidden',
    message: `role ${actor.viewer.role} may not ${permission.replaceAll('_', ' ')}`,
    reason: 'role_may_not',
    params: { role: actor.viewer.role, permission },
  });
}

/** A code inside the actor's jurisdiction (the command line's is everything). */
export function inside(actor: Actor, code: string): boolean {
  return actor.kind === 'cli' || coversCode(actor.viewer.jurisdiction, code);
}

/**
 * The account an administrator holding `permission` may change: inside their jurisdiction (else
 * not found, as for any record outside it), not an administrator account (those are the command
 * line's), not their own for what would lock them out.
 */
export async function targetAccount(
  tx: Queryable,
  actor: Actor,
  permission: Permission,
  username: string,
  now: Date,
  options: { notSelf?: string } = {},
): Promise<Result<AccountRow, AccountError>> {
  const allowed = requirePermission(actor, permission);
  if (!allowed.ok) return allowed;
  const account = await findAccount(tx, username, now);
  if (!account) return err({ kind: 'not_found', message: `account ${username} not found` });
  if (!inside(actor, account.jurisdiction_code)) {
    return err({ kind: 'not_found', message: `account ${username} not found`, outside: true });
  }
  if (actor.kind === 'viewer' && account.role && isAdministratorRole(account.role)) {
    return err({
      kind: 'forbidden',
      message: `account ${username} is an administrator's (${account.role}); change it on the server: npm run admin`,
      reason: 'administrator_account',
      params: { username, role: account.role },
    });
  }
  if (options.notSelf && actor.kind === 'viewer' && actor.viewer.username === username) {
    return err({
      kind: 'forbidden',
      message: `you may not ${options.notSelf} your own account`,
      reason: 'own_account',
    });
  }
  return ok(account);
}

export async function endSessions(tx: Queryable, username: string, reason: RevokeReason, now: Date) {
  await revokeSessionsOf(tx, username, reason, now);
  return { username, reason };
}
