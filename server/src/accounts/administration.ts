/**
 * The system administrator's account work (系统管理员), the same for GraphQL, the /admin/accounts
 * page and the command line (`npm run admin`): listing, creating, editing, disabling accounts and
 * resetting passwords. Each function runs inside the caller's transaction and returns a result;
 * the caller audits it and tells live sockets of the sessions it ended.
 */
import { newPasswordProblems } from '../auth/login.js';
import { describePasswordProblems } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { can, isRole, type Role } from '../auth/roles.js';
import type { Queryable } from '../db/database.js';
import {
  clearMustChangePassword,
  findAccount,
  findAccounts,
  insertAccount,
  updateAccountDisabled,
  updateAccountProfile,
  updatePassword,
  type AccountRow,
} from '../db/queries/accounts.js';
import { findUser } from '../db/queries/users.js';
import { err, ok, type Result } from '../domain/result.js';
import {
  actorName,
  DEPARTMENT_ROLE,
  endSessions,
  requirePermission,
  targetAccount,
  type AccountError,
  type Actor,
  type Changed,
} from './actor.js';
import { checkDisplayName, checkJurisdiction, checkUsername, temporaryPassword } from './fields.js';
import { loadSecurityPolicy } from './security.js';

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
  const allowed = requirePermission(actor, 'manage_accounts');
  if (!allowed.ok) return allowed;
  const username = checkUsername(input.username);
  if (!username.ok) return username;
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
  if (input.role === 'department') return err(DEPARTMENT_ROLE);
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
  if (temporary === null) await clearMustChangePassword(tx, input.username);
  return ok({ account: (await findAccount(tx, input.username, now))!, temporaryPassword: temporary });
}

/** The system administrator's edit: display name and jurisdiction (a new jurisdiction ends sessions). */
export async function updateAccount(
  tx: Queryable,
  actor: Actor,
  input: { username: string; displayName?: string | null; jurisdiction?: string | null },
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const account = await targetAccount(tx, actor, 'manage_accounts', input.username, now);
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
  const account = await targetAccount(
    tx,
    actor,
    'manage_accounts',
    username,
    now,
    enabled ? {} : { notSelf: 'disable' },
  );
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
  const account = await targetAccount(tx, actor, 'manage_accounts', username, now, {
    notSelf: 'reset the password of',
  });
  if (!account.ok) return account;
  const user = (await findUser(tx, username, true))!;
  const temporary = temporaryPassword();
  await updatePassword(tx, user, { hash: await hashPassword(temporary), mustChange: true, now });
  const ended = await endSessions(tx, username, 'password_changed', now);
  return ok({ value: { account: (await findAccount(tx, username, now))!, temporaryPassword: temporary }, ended });
}
