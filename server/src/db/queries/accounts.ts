/** Account administration: listing, creating and changing accounts, passwords and second factors. */
import type { Queryable } from '../database.js';
import type { UserRow } from './users.js';

export interface AccountRow {
  username: string;
  display_name: string;
  role: string | null;
  jurisdiction_code: string;
  /** The jurisdiction unit's name; null if the unit is not loaded (a code created before the map). */
  jurisdiction_name: string | null;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  created_by: string | null;
  password_changed_at: Date;
  must_change_password: boolean;
  last_sign_in_at: Date | null;
  two_factor: boolean;
  open_sessions: number;
}

const ACCOUNT_SELECT = `SELECT u.username, u.display_name, u.role, u.jurisdiction_code, u.disabled, u.failed_logins,
    u.locked_until, u.created_at, u.created_by, u.password_changed_at, u.must_change_password, u.last_sign_in_at,
    u.totp_secret IS NOT NULL AS two_factor,
    (SELECT count(*)::int FROM sessions s WHERE s.username = u.username AND s.revoked_at IS NULL AND s.expires_at > $2)
      AS open_sessions,
    (SELECT a.name FROM admin_units a WHERE a.code = u.jurisdiction_code) AS jurisdiction_name
  FROM users u`;

/** Accounts whose jurisdiction lies inside `prefix`, by username; `search` matches username or name. */
export async function findAccounts(
  db: Queryable,
  filter: { prefix: string; search: string | null; now: Date; limit: number },
): Promise<AccountRow[]> {
  const search = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query<AccountRow>(
    `${ACCOUNT_SELECT}
     WHERE u.jurisdiction_code LIKE $1 || '%'
       AND ($3::text IS NULL OR u.username ILIKE $3 OR u.display_name ILIKE $3)
     ORDER BY u.username LIMIT $4`,
    [filter.prefix, filter.now, search, filter.limit],
  );
  return rows;
}

export async function findAccount(db: Queryable, username: string, now: Date): Promise<AccountRow | null> {
  const { rows } = await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE u.username = $1`, [username, now]);
  return rows[0] ?? null;
}

export async function insertAccount(
  db: Queryable,
  account: {
    username: string;
    displayName: string;
    role: string | null;
    jurisdictionCode: string;
    passwordHash: string;
    createdBy: string;
    now: Date;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO users (username, display_name, role, jurisdiction_code, password_hash, created_at,
       password_changed_at, must_change_password, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $6, true, $7) ON CONFLICT (username) DO NOTHING`,
    [
      account.username,
      account.displayName,
      account.role,
      account.jurisdictionCode,
      account.passwordHash,
      account.now,
      account.createdBy,
    ],
  );
  return rowCount > 0;
}

export async function updateAccountProfile(
  db: Queryable,
  username: string,
  profile: { displayName: string; jurisdictionCode: string },
): Promise<void> {
  await db.query('UPDATE users SET display_name = $2, jurisdiction_code = $3 WHERE username = $1', [
    username,
    profile.displayName,
    profile.jurisdictionCode,
  ]);
}

export async function updateAccountRole(db: Queryable, username: string, role: string | null): Promise<void> {
  await db.query('UPDATE users SET role = $2 WHERE username = $1', [username, role]);
}

export async function updateAccountDisabled(db: Queryable, username: string, disabled: boolean): Promise<void> {
  await db.query('UPDATE users SET disabled = $2 WHERE username = $1', [username, disabled]);
}

/** Sets a password hash, keeping the one it replaces in the history. */
export async function updatePassword(
  db: Queryable,
  user: Pick<UserRow, 'username' | 'password_hash' | 'password_changed_at'>,
  change: { hash: string; mustChange: boolean; now: Date },
): Promise<void> {
  await db.query('INSERT INTO password_history (username, password_hash, set_at) VALUES ($1, $2, $3)', [
    user.username,
    user.password_hash,
    user.password_changed_at,
  ]);
  await db.query(
    `UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = $4,
       failed_logins = 0, locked_until = NULL
     WHERE username = $1`,
    [user.username, change.hash, change.now, change.mustChange],
  );
}

/** A password its owner typed on the server's terminal need not be changed at the next sign-in. */
export async function clearMustChangePassword(db: Queryable, username: string): Promise<void> {
  await db.query('UPDATE users SET must_change_password = false WHERE username = $1', [username]);
}

/** The hashes of the account's last `count` passwords before the current one, newest first. */
export async function findPasswordHistory(db: Queryable, username: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const { rows } = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE username = $1 ORDER BY set_at DESC LIMIT $2',
    [username, count],
  );
  return rows.map((r) => r.password_hash);
}

export async function unlockAccount(db: Queryable, username: string): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1', [username]);
}

export async function recordSignIn(db: Queryable, username: string, at: Date): Promise<void> {
  await db.query('UPDATE users SET last_sign_in_at = $2 WHERE username = $1', [username, at]);
}

export async function storePendingTotp(db: Queryable, username: string, sealed: string | null): Promise<void> {
  await db.query('UPDATE users SET totp_pending_secret = $2 WHERE username = $1', [username, sealed]);
}

/** Makes the pending secret the account's second factor, with fresh recovery codes. */
export async function enableTotp(
  db: Queryable,
  username: string,
  sealed: string,
  step: number,
  recoveryCodeHashes: readonly string[],
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = $3, totp_last_step = $4
     WHERE username = $1`,
    [username, sealed, at, step],
  );
  await replaceRecoveryCodes(db, username, recoveryCodeHashes);
}

export async function replaceRecoveryCodes(db: Queryable, username: string, hashes: readonly string[]): Promise<void> {
  await db.query('DELETE FROM recovery_codes WHERE username = $1', [username]);
  for (const hash of hashes) {
    await db.query('INSERT INTO recovery_codes (username, code_hash) VALUES ($1, $2)', [username, hash]);
  }
}

export async function disableTotp(db: Queryable, username: string): Promise<void> {
  await db.query(
    `UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
     WHERE username = $1`,
    [username],
  );
  await db.query('DELETE FROM recovery_codes WHERE username = $1', [username]);
}

export async function recordTotpStep(db: Queryable, username: string, step: number): Promise<void> {
  await db.query('UPDATE users SET totp_last_step = $2 WHERE username = $1', [username, step]);
}

/** Uses up an unused recovery code; returns whether there was one. */
export async function useRecoveryCode(db: Queryable, username: string, hash: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE recovery_codes SET used_at = $3 WHERE username = $1 AND code_hash = $2 AND used_at IS NULL',
    [username, hash, at],
  );
  return rowCount > 0;
}

/** Whether an enabled account of one of `roles` exists (the first administrator's bootstrap). */
export async function enabledAccountWithRoleExists(db: Queryable, roles: readonly string[]): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM users WHERE role = ANY($1::text[]) AND NOT disabled) AS found',
    [roles],
  );
  return rows[0]!.found;
}
