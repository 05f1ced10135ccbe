/**
 * Account administration, the same for GraphQL, the /admin/accounts page and the command line
 * (`npm run admin`): who may do what to which account (三员分立, jurisdiction), the password policy
 * on every set, and which sessions end with a change. Each function runs inside the caller's
 * transaction and returns a result; the caller audits it and tells live sockets of the sessions
 * it ended.
 */
import { randomInt } from 'node:crypto';
import { coversCode, jurisdictionPrefix } from '../auth/jurisdiction.js';
import { newPasswordProblems } from '../auth/login.js';
import { describePasswordProblems, type PasswordProblem } from '../auth/password-policy.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { afterFailedLogin, isLocked } from '../auth/lockout.js';
import {
  ADMINISTRATOR_ROLES,
  can,
  isAdministratorRole,
  isBusinessRole,
  isRole,
  type Permission,
  type Role,
} from '../auth/roles.js';
import {
  parseSecurityPolicy,
  SECURITY_POLICY_SETTING,
  DEFAULT_SECURITY_POLICY,
  type SecurityPolicy,
} from '../auth/security-policy.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import {
  disableTotp,
  findAccount,
  findAccounts,
  insertAccount,
  unlockAccount,
  updateAccountDisabled,
  updateAccountProfile,
  updateAccountRole,
  updatePassword,
  type AccountRow,
} from '../db/queries/accounts.js';
import { adminUnitsExist, findAdminUnit } from '../db/queries/admin-units.js';
import { revokeSessionsOf, type RevokeReason } from '../db/queries/sessions.js';
import { findSetting, storeSetting } from '../db/queries/settings.js';
import { findUser, updateLoginState } from '../db/queries/users.js';
import { adminLevelOfCode } from '../domain/codes.js';
import { err, ok, type Result } from '../domain/result.js';
import { textProblem } from '../domain/text-safety.js';

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

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const MAX_DISPLAY_NAME = 64;

export function actorName(actor: Actor): string {
  return actor.kind === 'cli' ? `cli:${actor.name}`.slice(0, 64) : actor.viewer.username;
}

function require(actor: Actor, permission: Permission): Result<void, AccountError> {
  if (actor.kind === 'cli' || can(actor.viewer.role, permission)) return ok(undefined);
  return err({
    kind: 'forbidden',
    message: `role ${actor.viewer.role} may not ${permission.replaceAll('_', ' ')}`,
    reason: 'role_may_not',
    params: { role: actor.viewer.role, permission },
  });
}

/** A code inside the actor's jurisdiction (the command line's is everything). */
function inside(actor: Actor, code: string): boolean {
  return actor.kind === 'cli' || coversCode(actor.viewer.jurisdiction, code);
}

/**
 * The account an administrator holding `permission` may change: inside their jurisdiction (else
 * not found, as for any record outside it), not an administrator account (those are the command
 * line's), not their own for what would lock them out.
 */
async function target(
  tx: Queryable,
  actor: Actor,
  permission: Permission,
  username: string,
  now: Date,
  options: { notSelf?: string } = {},
): Promise<Result<AccountRow, AccountError>> {
  const allowed = require(actor, permission);
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

function checkDisplayName(value: string, field = 'displayName'): Result<string, AccountError> {
  const name = value.trim();
  if (name.length === 0) return err({ kind: 'invalid', field, message: 'must not be blank', reason: 'blank' });
  if ([...name].length > MAX_DISPLAY_NAME) {
    return err({
      kind: 'invalid',
      field,
      message: `is longer than ${MAX_DISPLAY_NAME} characters`,
      reason: 'too_long',
      params: { max: MAX_DISPLAY_NAME },
    });
  }
  const problem = textProblem(name);
  return problem ? err({ kind: 'invalid', field, message: problem, reason: 'unsafe_text' }) : ok(name);
}

async function checkJurisdiction(
  tx: Queryable,
  actor: Actor,
  code: string,
  field = 'jurisdiction',
): Promise<Result<string, AccountError>> {
  if (adminLevelOfCode(code) === null) {
    return err({
      kind: 'invalid',
      field,
      message: `"${code}" is not a 12-digit admin unit code`,
      reason: 'bad_code',
      params: { value: code },
    });
  }
  if (!inside(actor, code) || !(await findAdminUnit(tx, code, jurisdictionPrefix(code)))) {
    if (!(await adminUnitsExist(tx))) {
      const message =
        "no administrative units are loaded yet: load the city's map first (npm run seed -- --dir FOLDER)";
      return err({ kind: 'invalid', field, message, reason: 'no_units_loaded' });
    }
    return err({
      kind: 'invalid',
      field,
      message: `unit ${code} is not a unit of your jurisdiction`,
      reason: 'outside_jurisdiction',
      params: { unit: code },
    });
  }
  return ok(code);
}

/** A password that meets any policy within the bounds: 16 characters of all four kinds. */
export function temporaryPassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+='];
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  const all = sets.join('');
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export async function loadSecurityPolicy(db: Queryable): Promise<SecurityPolicy> {
  const stored = await findSetting(db, SECURITY_POLICY_SETTING);
  if (!stored) return DEFAULT_SECURITY_POLICY;
  const parsed = parseSecurityPolicy(JSON.parse(stored));
  return parsed.ok ? parsed.value : DEFAULT_SECURITY_POLICY;
}

async function endSessions(tx: Queryable, username: string, reason: RevokeReason, now: Date) {
  await revokeSessionsOf(tx, username, reason, now);
  return { username, reason };
}

export async function listAccounts(
  tx: Queryable,
  actor: Actor,
  filter: { search: string | null; first: number },
  now: Date,
): Promise<Result<AccountRow[], AccountError>> {
  const allowed =
    actor.kind === 'cli' || can(actor.viewer.role, 'manage_accounts') || can(actor.viewer.role, 'manage_security');
  if (!allowed) return err({ kind: 'forbidden', message: 'only the system and security administrators see accounts' });
  const prefix = actor.kind === 'cli' ? '' : actor.viewer.prefix;
  return ok(await findAccounts(tx, { prefix, search: filter.search, now, limit: filter.first }));
}

export interface NewAccount {
  username: string;
  displayName: string;
  jurisdiction: string;
  /** The command line only: the administrator roles are given there. */
  role?: Role | null;
  /** The command line only: a password typed on the terminal instead of a temporary one. */
  password?: string;
}

/** Creates an account (awaiting a role unless the command line gives one), with a temporary password. */
export async function createAccount(
  tx: Queryable,
  actor: Actor,
  input: NewAccount,
  now: Date,
): Promise<Result<{ account: AccountRow; temporaryPassword: string | null }, AccountError>> {
  const allowed = require(actor, 'manage_accounts');
  if (!allowed.ok) return allowed;
  if (!USERNAME.test(input.username)) {
    return err({
      kind: 'invalid',
      field: 'username',
      message: '3–32 letters, digits, ".", "_" or "-"',
      reason: 'bad_username',
    });
  }
  const displayName = checkDisplayName(input.displayName);
  if (!displayName.ok) return displayName;
  const jurisdiction = await checkJurisdiction(tx, actor, input.jurisdiction);
  if (!jurisdiction.ok) return jurisdiction;
  if (actor.kind === 'viewer' && input.role) {
    return err({
      kind: 'forbidden',
      field: 'role',
      message: 'roles are granted by the security administrator',
      reason: 'role_by_security_admin',
    });
  }
  if (input.role && !isRole(input.role)) {
    return err({ kind: 'invalid', field: 'role', message: 'is not a role', reason: 'bad_role' });
  }
  let plain = input.password ?? null;
  if (plain !== null) {
    const problems = await newPasswordProblems(
      tx,
      { username: input.username, password_hash: '' },
      plain,
      await loadSecurityPolicy(tx),
    );
    if (problems.length > 0) {
      return err({
        kind: 'invalid',
        field: 'password',
        message: describePasswordProblems(problems),
        problems,
        reason: 'password_rules',
      });
    }
  }
  const temporary = plain === null ? temporaryPassword() : null;
  plain ??= temporary!;
  const created = await insertAccount(tx, {
    username: input.username,
    displayName: displayName.value,
    role: input.role ?? null,
    jurisdictionCode: jurisdiction.value,
    passwordHash: await hashPassword(plain),
    createdBy: actorName(actor),
    now,
  });
  if (!created)
    return err({
      kind: 'conflict',
      field: 'username',
      message: `account ${input.username} exists already`,
      reason: 'account_exists',
      params: { username: input.username },
    });
  // A password typed by its owner on the server's terminal need not be changed again.
  if (temporary === null)
    await tx.query('UPDATE users SET must_change_password = false WHERE username = $1', [input.username]);
  return ok({ account: (await findAccount(tx, input.username, now))!, temporaryPassword: temporary });
}

/** The system administrator's edit: display name and jurisdiction (a new jurisdiction ends sessions). */
export async function updateAccount(
  tx: Queryable,
  actor: Actor,
  input: { username: string; displayName?: string | null; jurisdiction?: string | null },
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const account = await target(tx, actor, 'manage_accounts', input.username, now);
  if (!account.ok) return account;
  const displayName = checkDisplayName(input.displayName ?? account.value.display_name);
  if (!displayName.ok) return displayName;
  const jurisdiction = await checkJurisdiction(tx, actor, input.jurisdiction ?? account.value.jurisdiction_code);
  if (!jurisdiction.ok) return jurisdiction;
  await updateAccountProfile(tx, input.username, {
    displayName: displayName.value,
    jurisdictionCode: jurisdiction.value,
  });
  const moved = jurisdiction.value !== account.value.jurisdiction_code;
  const ended = moved ? await endSessions(tx, input.username, 'account_changed', now) : null;
  return ok({ value: (await findAccount(tx, input.username, now))!, ended });
}

/** Disables (ending every session at once) or enables an account. */
export async function setAccountEnabled(
  tx: Queryable,
  actor: Actor,
  username: string,
  enabled: boolean,
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const account = await target(tx, actor, 'manage_accounts', username, now, enabled ? {} : { notSelf: 'disable' });
  if (!account.ok) return account;
  await updateAccountDisabled(tx, username, !enabled);
  const ended = enabled ? null : await endSessions(tx, username, 'disabled', now);
  return ok({ value: (await findAccount(tx, username, now))!, ended });
}

/** A temporary password, to be changed at the next sign-in; every session ends. */
export async function resetPassword(
  tx: Queryable,
  actor: Actor,
  username: string,
  now: Date,
): Promise<Result<Changed<{ account: AccountRow; temporaryPassword: string }>, AccountError>> {
  const account = await target(tx, actor, 'manage_accounts', username, now, { notSelf: 'reset the password of' });
  if (!account.ok) return account;
  const user = (await findUser(tx, username, true))!;
  const temporary = temporaryPassword();
  await updatePassword(tx, user, { hash: await hashPassword(temporary), mustChange: true, now });
  const ended = await endSessions(tx, username, 'password_changed', now);
  return ok({ value: { account: (await findAccount(tx, username, now))!, temporaryPassword: temporary }, ended });
}

/** The security administrator grants a business role (or takes the role away with null). */
export async function grantRole(
  tx: Queryable,
  actor: Actor,
  username: string,
  role: Role | null,
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const allowed = require(actor, 'manage_security');
  if (!allowed.ok) return allowed;
  if (role !== null && !isRole(role)) {
    return err({ kind: 'invalid', field: 'role', message: 'is not a role', reason: 'bad_role' });
  }
  if (actor.kind === 'viewer' && role !== null && !isBusinessRole(role)) {
    return err({
      kind: 'forbidden',
      field: 'role',
      message: `the administrator roles (${ADMINISTRATOR_ROLES.join(', ')}) are given on the server: npm run admin`,
      reason: 'administrator_role',
    });
  }
  const account = await target(tx, actor, 'manage_security', username, now, { notSelf: 'change the role of' });
  if (!account.ok) return account;
  await updateAccountRole(tx, username, role);
  const ended = account.value.role !== role ? await endSessions(tx, username, 'account_changed', now) : null;
  return ok({ value: (await findAccount(tx, username, now))!, ended });
}

export async function unlock(
  tx: Queryable,
  actor: Actor,
  username: string,
  now: Date,
): Promise<Result<AccountRow, AccountError>> {
  const account = await target(tx, actor, 'manage_security', username, now);
  if (!account.ok) return account;
  await unlockAccount(tx, username);
  return ok((await findAccount(tx, username, now))!);
}

/** Removes an account's second factor (a lost phone); the next sign-in enrols a new one where required. */
export async function resetSecondFactor(
  tx: Queryable,
  actor: Actor,
  username: string,
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const account = await target(tx, actor, 'manage_security', username, now, { notSelf: 'reset the second factor of' });
  if (!account.ok) return account;
  await disableTotp(tx, username);
  const ended = await endSessions(tx, username, 'admin', now);
  return ok({ value: (await findAccount(tx, username, now))!, ended });
}

/** Signs an account out everywhere. */
export async function endAccountSessions(
  tx: Queryable,
  actor: Actor,
  username: string,
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const account = await target(tx, actor, 'manage_security', username, now);
  if (!account.ok) return account;
  const ended = await endSessions(tx, username, 'admin', now);
  return ok({ value: (await findAccount(tx, username, now))!, ended });
}

export async function updateSecurityPolicy(
  tx: Queryable,
  actor: Actor,
  input: unknown,
): Promise<Result<SecurityPolicy, AccountError>> {
  const allowed = require(actor, 'manage_security');
  if (!allowed.ok) return allowed;
  const parsed = parseSecurityPolicy(input);
  if (!parsed.ok) return err({ kind: 'invalid', field: `policy.${parsed.error.field}`, message: parsed.error.message });
  await storeSetting(tx, SECURITY_POLICY_SETTING, JSON.stringify(parsed.value));
  return ok(parsed.value);
}

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
  await tx.query(
    `UPDATE sessions SET revoked_at = $2, revoked_reason = 'password_changed'
     WHERE username = $1 AND id <> $3 AND revoked_at IS NULL`,
    [viewer.username, now, viewer.sessionId],
  );
  return ok({ value: true, ended: null });
}
