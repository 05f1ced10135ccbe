/**
 * What an administrator may do to an account, for the page to offer only that (三员分立): the
 * system administrator edits, disables and enables and resets passwords; the security
 * administrator grants roles, unlocks, resets second factors and ends sessions. Administrator
 * accounts are kept to the server's command line, and nobody administers their own account
 * here. The server decides; this only keeps buttons from offering a refusal. Pure.
 */
import type { Account } from './accounts-api.js';

export type AccountAction =
  'edit' | 'disable' | 'enable' | 'resetPassword' | 'grantRole' | 'unlock' | 'resetSecondFactor' | 'endSessions';

/** Roles the security administrator may grant in the product (never an administrator's). */
export const GRANTABLE_ROLES = ['leader', 'operator', 'gridworker', 'planner', 'admin', 'kiosk'] as const;
export const ADMINISTRATOR_ROLES = ['sysadmin', 'secadmin', 'auditadmin'] as const;

export const isAdministratorAccount = (account: Pick<Account, 'role'>): boolean =>
  (ADMINISTRATOR_ROLES as readonly (string | null)[]).includes(account.role);

export function actionsFor(
  account: Pick<Account, 'username' | 'role' | 'state' | 'twoFactor' | 'openSessions'>,
  viewer: { username: string; permissions: readonly string[] },
): AccountAction[] {
  if (account.username === viewer.username || isAdministratorAccount(account)) return [];
  const actions: AccountAction[] = [];
  if (viewer.permissions.includes('manage_accounts')) {
    actions.push('edit', account.state === 'disabled' ? 'enable' : 'disable', 'resetPassword');
  }
  if (viewer.permissions.includes('manage_security')) {
    actions.push('grantRole');
    if (account.state === 'locked') actions.push('unlock');
    if (account.twoFactor) actions.push('resetSecondFactor');
    if (account.openSessions > 0) actions.push('endSessions');
  }
  return actions;
}

/** Whether a change takes the account's access away, and so asks for a confirmation first. */
export const needsConfirmation = (action: AccountAction): boolean =>
  action === 'disable' || action === 'resetPassword' || action === 'resetSecondFactor' || action === 'endSessions';

/** A 12-digit admin unit code (the jurisdiction of an account). */
export const isUnitCode = (value: string): boolean => /^\d{12}$/.test(value);

/** Accounts in the order a list shows them: those needing attention first, then by username. */
export function sortAccounts(accounts: readonly Account[]): Account[] {
  const rank: Record<Account['state'], number> = { locked: 0, awaiting_role: 1, active: 2, disabled: 3 };
  return [...accounts].sort((a, b) => rank[a.state] - rank[b.state] || a.username.localeCompare(b.username));
}
