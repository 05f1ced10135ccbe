/** Changing one's own password, the one account change every user makes themselves. */
import { afterFailedLogin, isLocked } from '../auth/lockout.js';
import { newPasswordProblems } from '../auth/login.js';
import { describePasswordProblems } from '../auth/password-policy.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import { updatePassword } from '../db/queries/accounts.js';
import { revokeOtherSessions } from '../db/queries/sessions.js';
import { findUser, updateLoginState } from '../db/queries/users.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AccountError, Changed } from './actor.js';
import { loadSecurityPolicy } from './security.js';

/**
 * Changes one's own password: the current one must be given (a wrong one counts towards the
 * lockout); the other sessions of the account end.
 */
export async function changeOwnPassword(
  tx: Queryable,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<Result<Changed<true>, AccountError>> {
  const user = await findUser(tx, viewer.username, true);
  if (!user) {
    return err({ kind: 'unauthenticated', message: 'the account no longer exists', reason: 'account_changed' });
  }
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    const next = afterFailedLogin({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now);
    await updateLoginState(tx, user.username, next);
    return err({
      kind: 'invalid',
      field: 'currentPassword',
      message: isLocked(next, now) ? 'is wrong; the account is now locked' : 'is wrong',
      reason: isLocked(next, now) ? 'wrong_password_locked' : 'wrong_password',
    });
  }
  const problems = await newPasswordProblems(tx, user, input.newPassword, await loadSecurityPolicy(tx));
  if (problems.length > 0) {
    return err({
      kind: 'invalid',
      field: 'newPassword',
      message: describePasswordProblems(problems),
      problems,
      reason: 'password_rules',
    });
  }
  await updatePassword(tx, user, { hash: await hashPassword(input.newPassword), mustChange: false, now });
  await revokeOtherSessions(tx, viewer.username, viewer.sessionId, 'password_changed', now);
  return ok({ value: true, ended: null });
}
