/**
 * Logging in: check the password, count failures and lock after five, sign a token, and
 * write every attempt to the audit record, all in one transaction. Returns a result, not an
 * exception, so that a failed attempt's bookkeeping is committed too.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import { insertSession } from '../db/queries/sessions.js';
import { findNameFailures, findUser, storeNameFailures, updateLoginState } from '../db/queries/users.js';
import type { Result } from '../domain/result.js';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './lockout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole, type Role } from './roles.js';
import { newSessionId, signToken } from './tokens.js';

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
  const name = credentials.username.slice(0, 64);
  return db.transaction(async (tx) => {
    const audit = (outcome: 'ok' | 'unauthenticated', detail: string | null) =>
      insertAuditEntry(tx, {
        username: name,
        operation: 'login',
        target: null,
        success: outcome === 'ok',
        outcome,
        detail,
      });
    const user = await findUser(tx, credentials.username);
    // Every attempt costs one hash check, so that timing does not tell which usernames exist.
    const passwordOk = await verifyPassword(credentials.password, user?.password_hash ?? (await unknownUserHash()));
    // A name that is no account is counted and locked like one: the caller cannot tell them apart.
    const state = user
      ? { failedLogins: user.failed_logins, lockedUntil: user.locked_until }
      : await findNameFailures(tx, name);
    if (isLocked(state, now)) {
      await audit('unauthenticated', user ? 'account locked' : 'unknown user; name locked');
      return { ok: false, error: { kind: 'locked', until: state.lockedUntil! } };
    }
    if (!user || !passwordOk) {
      const next = afterFailedLogin(state, now);
      if (user) await updateLoginState(tx, user.username, next);
      else await storeNameFailures(tx, name, next, now);
      const locked = isLocked(next, now);
      await audit('unauthenticated', `${user ? 'wrong password' : 'unknown user'}${locked ? '; locked' : ''}`);
      return locked
        ? { ok: false, error: { kind: 'locked', until: next.lockedUntil! } }
        : { ok: false, error: { kind: 'bad_credentials' } };
    }
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled) {
      await audit('unauthenticated', 'account disabled');
      return { ok: false, error: { kind: 'disabled' } };
    }
    if (!isRole(user.role)) throw new Error(`user ${user.username} has unknown role ${user.role}`);
    await updateLoginState(tx, user.username, afterSuccessfulLogin(state));
    const sessionId = newSessionId();
    const expiresAt = new Date(now.getTime() + settings.ttlSeconds * 1000);
    await insertSession(tx, { id: sessionId, username: user.username, createdAt: now, expiresAt });
    const claims = { username: user.username, role: user.role, jurisdiction: user.jurisdiction_code, sessionId };
    const token = await signToken(claims, settings.secret, settings.ttlSeconds, now);
    await audit('ok', null);
    return {
      ok: true,
      value: {
        token,
        expiresAt,
        user: {
          username: user.username,
          role: user.role,
          jurisdiction: user.jurisdiction_code,
          displayName: user.display_name,
        },
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
