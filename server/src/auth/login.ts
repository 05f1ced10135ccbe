/**
 * Logging in: check the password, count failures and lock after five, sign a token, and
 * write every attempt to the audit record, all in one transaction. Returns a result, not an
 * exception, so that a failed attempt's bookkeeping is committed too.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import { findUser, updateLoginState } from '../db/queries/users.js';
import type { Result } from '../domain/result.js';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './lockout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole, type Role } from './roles.js';
import { signToken } from './tokens.js';

export interface LoginSettings {
  secret: Uint8Array;
  ttlSeconds: number;
  now: Date;
}

export interface LoggedIn {
  token: string;
  expiresAt: Date;
  user: { username: string; displayName: string; role: Role; jurisdiction: string };
}

export type LoginRefusal = { kind: 'bad_credentials' } | { kind: 'locked'; until: Date } | { kind: 'disabled' };

export async function login(
  db: Database,
  credentials: { username: string; password: string },
  settings: LoginSettings,
): Promise<Result<LoggedIn, LoginRefusal>> {
  const { now } = settings;
  return db.transaction(async (tx) => {
    const audit = (success: boolean, detail: string | null) =>
      insertAuditEntry(tx, {
        username: credentials.username.slice(0, 64),
        operation: 'login',
        target: null,
        success,
        detail,
      });
    const user = await findUser(tx, credentials.username);
    // Unknown users cost a hash check too, so timing does not tell which usernames exist.
    const passwordOk = await verifyPassword(credentials.password, user?.password_hash ?? (await unknownUserHash()));
    if (!user) {
      await audit(false, 'unknown user');
      return { ok: false, error: { kind: 'bad_credentials' } };
    }
    if (user.disabled) {
      await audit(false, 'account disabled');
      return { ok: false, error: { kind: 'disabled' } };
    }
    const state = { failedLogins: user.failed_logins, lockedUntil: user.locked_until };
    if (isLocked(state, now)) {
      await audit(false, 'account locked');
      return { ok: false, error: { kind: 'locked', until: state.lockedUntil! } };
    }
    if (!passwordOk) {
      const next = afterFailedLogin(state, now);
      await updateLoginState(tx, user.username, next);
      await audit(false, isLocked(next, now) ? 'wrong password; account locked' : 'wrong password');
      return isLocked(next, now)
        ? { ok: false, error: { kind: 'locked', until: next.lockedUntil! } }
        : { ok: false, error: { kind: 'bad_credentials' } };
    }
    if (!isRole(user.role)) throw new Error(`user ${user.username} has unknown role ${user.role}`);
    await updateLoginState(tx, user.username, afterSuccessfulLogin(state));
    const claims = { username: user.username, role: user.role, jurisdiction: user.jurisdiction_code };
    const token = await signToken(claims, settings.secret, settings.ttlSeconds, now);
    await audit(true, null);
    return {
      ok: true,
      value: {
        token,
        expiresAt: new Date(now.getTime() + settings.ttlSeconds * 1000),
        user: { ...claims, displayName: user.display_name },
      },
    };
  });
}

/** A real hash of a random password, checked against when the user does not exist. */
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
