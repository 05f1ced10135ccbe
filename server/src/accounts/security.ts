/**
 * The security administrator's account work (安全管理员): granting business roles, unlocking,
 * resetting second factors, signing accounts out, and the password policy. Each function runs
 * inside the caller's transaction and returns a result; the caller audits it.
 */
import { ADMINISTRATOR_ROLES, isBusinessRole, isRole, type Role } from '../auth/roles.js';
import {
  DEFAULT_SECURITY_POLICY,
  parseSecurityPolicy,
  SECURITY_POLICY_SETTING,
  type SecurityPolicy,
} from '../auth/security-policy.js';
import type { Queryable } from '../db/database.js';
import { disableTotp, findAccount, unlockAccount, updateAccountRole, type AccountRow } from '../db/queries/accounts.js';
import { findSetting, storeSetting } from '../db/queries/settings.js';
import { err, ok, type Result } from '../domain/result.js';
import {
  DEPARTMENT_ROLE,
  endSessions,
  requirePermission,
  targetAccount,
  type AccountError,
  type Actor,
  type Changed,
} from './actor.js';

export async function loadSecurityPolicy(db: Queryable): Promise<SecurityPolicy> {
  const stored = await findSetting(db, SECURITY_POLICY_SETTING);
  if (!stored) return DEFAULT_SECURITY_POLICY;
  const parsed = parseSecurityPolicy(JSON.parse(stored));
  return parsed.ok ? parsed.value : DEFAULT_SECURITY_POLICY;
}

/** The security administrator grants a business role (or takes the role away with null). */
export async function grantRole(
  tx: Queryable,
  actor: Actor,
  username: string,
  role: Role | null,
  now: Date,
): Promise<Result<Changed<AccountRow>, AccountError>> {
  const allowed = requirePermission(actor, 'manage_security');
  if (!allowed.ok) return allowed;
  if (role !== null && !isRole(role)) {
    return err({ kind: 'invalid', field: 'role', message: 'is not a role', reason: 'bad_role' });
  }
  if (role === 'department') return err(DEPARTMENT_ROLE);
  if (actor.kind === 'viewer' && role !== null && !isBusinessRole(role)) {
    return err({
      kind: 'forbidden',
      field: 'role',
      message: `the administrator roles (${ADMINISTRATOR_ROLES.join(', ')}) are given on the server: npm run admin`,
      reason: 'administrator_role',
    });
  }
  const account = await targetAccount(tx, actor, 'manage_security', username, now, { notSelf: 'change the role of' });
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
  const account = await targetAccount(tx, actor, 'manage_security', username, now);
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
  const account = await targetAccount(tx, actor, 'manage_security', username, now, {
    notSelf: 'reset the second factor of',
  });
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
  const account = await targetAccount(tx, actor, 'manage_security', username, now);
  if (!account.ok) return account;
  const ended = await endSessions(tx, username, 'admin', now);
  return ok({ value: (await findAccount(tx, username, now))!, ended });
}

export async function updateSecurityPolicy(
  tx: Queryable,
  actor: Actor,
  input: unknown,
): Promise<Result<SecurityPolicy, AccountError>> {
  const allowed = requirePermission(actor, 'manage_security');
  if (!allowed.ok) return allowed;
  const parsed = parseSecurityPolicy(input);
  if (!parsed.ok) return err({ kind: 'invalid', field: `policy.${parsed.error.field}`, message: parsed.error.message });
  await storeSetting(tx, SECURITY_POLICY_SETTING, JSON.stringify(parsed.value));
  return ok(parsed.value);
}
