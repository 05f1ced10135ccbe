/** Accounts: lookup for login, failed-login bookkeeping, and the demo accounts. */
import type { Queryable } from '../database.js';

export interface UserRow {
  username: string;
  display_name: string;
  /** Null while the account awaits a role from the security administrator. */
  role: string | null;
  jurisdiction_code: string;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  disabled: boolean;
  created_at: Date;
  password_changed_at: Date;
  must_change_password: boolean;
  last_sign_in_at: Date | null;
  /** Sealed (auth/secret-box.ts). */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: string | null;
}

const USER_COLUMNS = `username, display_name, role, jurisdiction_code, password_hash, failed_logins, locked_until,
  disabled, created_at, password_changed_at, must_change_password, last_sign_in_at, totp_secret,
  totp_pending_secret, totp_last_step`;

/** The account, locked for update when `lock` (a sign-in step or an administrator's change). */
export async function findUser(db: Queryable, username: string, lock = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = $1${lock ? ' FOR UPDATE' : ''}`,
    [username],
  );
  return rows[0] ?? null;
}

export async function updateLoginState(
  db: Queryable,
  username: string,
  state: { failedLogins: number; lockedUntil: Date | null },
): Promise<void> {
  await db.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE username = $1', [
    username,
    state.failedLogins,
    state.lockedUntil,
  ]);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  jurisdictionCode: string;
  passwordHash: string;
  /** The department of a department account (role department). */
  departmentCode?: string | null;
}

/** Creates the accounts that do not exist yet; existing ones are left as they are. */
export async function insertMissingUsers(db: Queryable, users: readonly NewUser[]): Promise<number> {
  let created = 0;
  for (const u of users) {
    const { rowCount } = await db.query(
      `INSERT INTO users (username, display_name, role, jurisdiction_code, password_hash, department_code)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
      [u.username, u.displayName, u.role, u.jurisdictionCode, u.passwordHash, u.departmentCode ?? null],
    );
    created += rowCount;
  }
  return created;
}

/** Username and password hash of every enabled account. */
export async function findActiveUserHashes(db: Queryable): Promise<{ username: string; password_hash: string }[]> {
  const { rows } = await db.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM users WHERE NOT disabled ORDER BY username',
  );
  return rows;
}

/** The jurisdictions of the enabled accounts with a role (e.g. the kiosks a server warms up for). */
export async function findJurisdictionsOfRole(db: Queryable, role: string): Promise<string[]> {
  const { rows } = await db.query<{ jurisdiction_code: string }>(
    'SELECT DISTINCT jurisdiction_code FROM users WHERE role = $1 AND NOT disabled ORDER BY jurisdiction_code',
    [role],
  );
  return rows.map((r) => r.jurisdiction_code);
}

/** The lockout state kept for a name that is not an account (see migration 014). */
export async function findNameFailures(
  db: Queryable,
  name: string,
): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const { rows } = await db.query<{ failed_logins: number; locked_until: Date | null }>(
    'SELECT failed_logins, locked_until FROM login_failures WHERE name = $1',
    [name],
  );
  return { failedLogins: rows[0]?.failed_logins ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
}

/** Stores the lockout state of a name that is not an account, dropping states a day old. */
export async function storeNameFailures(
  db: Queryable,
  name: string,
  state: { failedLogins: number; lockedUntil: Date | null },
  at: Date,
): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE last_failed_at < $1', [new Date(at.getTime() - 86_400_000)]);
  await db.query(
    `INSERT INTO login_failures (name, failed_logins, locked_until, last_failed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET failed_logins = $2, locked_until = $3, last_failed_at = $4`,
    [name, state.failedLogins, state.lockedUntil, at],
  );
}
