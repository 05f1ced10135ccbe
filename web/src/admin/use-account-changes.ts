/**
 * The accounts list of /admin/accounts and the changes made to it: each change sends one
 * mutation and puts the account the server answers with back into the list.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../account/account-session.js';
import { useSubmit } from '../account/use-account.js';
import { sortAccounts, type AccountAction } from './account-actions.js';
import type { AccountFields } from './AccountForm.js';
import {
  ACCOUNTS,
  CREATE_ACCOUNT,
  GRANT_ROLE,
  RESET_PASSWORD,
  SIMPLE_CHANGES,
  UPDATE_ACCOUNT,
  type Account,
  type SimpleChange,
} from './accounts-api.js';

/** What the side panel shows. */
export type Side =
  | { kind: 'none' }
  | { kind: 'detail'; username: string }
  | { kind: 'create' }
  | { kind: 'edit'; username: string }
  | { kind: 'password'; username: string; password: string };

const SIMPLE: Partial<Record<AccountAction, SimpleChange>> = {
  disable: 'disableAccount',
  enable: 'enableAccount',
  unlock: 'unlockAccount',
  resetSecondFactor: 'resetSecondFactor',
  endSessions: 'endSessions',
};

/** The list (searched by `search`), its changes, and the side panel and notice they lead to. */
export function useAccountChanges(session: AccountSession, search: string) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [side, setSide] = useState<Side>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const submit = useSubmit();
  const { run } = submit;

  const load = useCallback(
    () =>
      run(async () => {
        const { accounts } = await session.query<{ accounts: Account[] }>(ACCOUNTS, { search: search.trim() || null });
        setAccounts(sortAccounts(accounts));
      }),
    [session, run, search],
  );
  useEffect(() => void load(), [load]);

  const replace = (account: Account) =>
    setAccounts((list) => sortAccounts([...(list ?? []).filter((a) => a.username !== account.username), account]));
  const change = (work: () => Promise<void>) => {
    setNotice(null);
    void run(work);
  };

  const create = (fields: AccountFields) =>
    change(async () => {
      const { createAccount } = await session.query<{
        createAccount: { account: Account; temporaryPassword: string };
      }>(CREATE_ACCOUNT, { input: fields });
      replace(createAccount.account);
      setSide({ kind: 'password', username: fields.username, password: createAccount.temporaryPassword });
    });
  const edit = (account: Account, fields: AccountFields) =>
    change(async () => {
      const { updateAccount } = await session.query<{ updateAccount: Account }>(UPDATE_ACCOUNT, {
        username: account.username,
        changes: { displayName: fields.displayName, jurisdiction: fields.jurisdiction },
      });
      replace(updateAccount);
      setSide({ kind: 'detail', username: account.username });
      setNotice(t('admin.done.edit', { username: account.username }));
    });
  const act = (account: Account, action: AccountAction) => {
    if (action === 'edit') return setSide({ kind: 'edit', username: account.username });
    change(async () => {
      if (action === 'resetPassword') {
        const { resetPassword } = await session.query<{
          resetPassword: { account: Account; temporaryPassword: string };
        }>(RESET_PASSWORD, { username: account.username });
        replace(resetPassword.account);
        setSide({ kind: 'password', username: account.username, password: resetPassword.temporaryPassword });
        return;
      }
      const mutation = SIMPLE[action]!;
      const result = await session.query<Record<string, Account>>(SIMPLE_CHANGES[mutation], {
        username: account.username,
      });
      replace(result[mutation]!);
      setNotice(t(`admin.done.${action}`, { username: account.username }));
    });
  };
  const grant = (account: Account, role: string | null) =>
    change(async () => {
      const { grantRole } = await session.query<{ grantRole: Account }>(GRANT_ROLE, {
        username: account.username,
        role,
      });
      replace(grantRole);
      setNotice(t('admin.done.grantRole', { username: account.username }));
    });

  return { accounts, load, side, setSide, notice, setNotice, submit, create, edit, act, grant };
}
