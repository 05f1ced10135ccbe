/**
 * /admin/accounts: the accounts inside the administrator's jurisdiction, and what their duty
 * allows on them: the system administrator creates, edits, disables and enables and resets
 * passwords; the security administrator grants roles, unlocks, resets second factors, ends
 * sessions and keeps the security policy.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../account/account-session.js';
import { accountSession } from '../account/current.js';
import { RequireAccount } from '../account/RequireAccount.js';
import type { SignedIn } from '../account/sign-in-steps.js';
import { useSubmit } from '../account/use-account.js';
import { actionsFor, sortAccounts, type AccountAction } from './account-actions.js';
import { AccountDetail } from './AccountDetail.js';
import { AccountForm, type AccountFields } from './AccountForm.js';
import { AccountTable } from './AccountTable.js';
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
import { AdminPanel, AdminShell } from './AdminShell.js';
import { adminErrorText } from './admin-errors.js';
import { OneTimePassword } from './OneTimePassword.js';
import { PolicyForm } from './PolicyForm.js';

type Side =
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

function Accounts({ session, signedIn }: { session: AccountSession; signedIn: SignedIn }) {
  const { t } = useTranslation();
  const { user } = signedIn;
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [search, setSearch] = useState('');
  const [side, setSide] = useState<Side>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run, clear } = useSubmit();
  const canCreate = user.permissions.includes('manage_accounts');
  const security = user.permissions.includes('manage_security');

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
  const selected = useMemo(() => {
    const name = side.kind === 'detail' || side.kind === 'edit' ? side.username : null;
    return accounts?.find((a) => a.username === name) ?? null;
  }, [accounts, side]);

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

  const sideTitle =
    side.kind === 'create'
      ? t('admin.accounts.createTitle')
      : side.kind === 'edit'
        ? t('admin.accounts.editTitle')
        : side.kind === 'password'
          ? t('admin.oneTime.title')
          : t('admin.accounts.detailTitle');

  return (
    <div className="accounts-layout">
      <AdminPanel
        title={t('admin.accounts.title')}
        note={accounts ? t('admin.accounts.count', { count: accounts.length }) : undefined}
        testId="accounts"
      >
        <div className="admin-toolbar">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void load();
            }}
          >
            <input
              type="search"
              value={search}
              placeholder={t('admin.accounts.search')}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="account-search"
            />
          </form>
          {canCreate && (
            <button
              type="button"
              className="chip on"
              data-testid="new-account"
              onClick={() => {
                clear();
                setSide({ kind: 'create' });
              }}
            >
              {t('admin.accounts.new')}
            </button>
          )}
        </div>
        {accounts ? (
          <AccountTable
            accounts={accounts}
            selected={selected?.username ?? null}
            onSelect={(username) => {
              clear();
              setNotice(null);
              setSide({ kind: 'detail', username });
            }}
          />
        ) : (
          <p className="empty">{t('account.working')}</p>
        )}
      </AdminPanel>
      <div className="admin-side">
        <AdminPanel title={sideTitle} testId="account-side">
          {error ? (
            <p className="admin-error" role="alert" data-testid="admin-error">
              {adminErrorText(error, t)}
            </p>
          ) : null}
          {notice && (
            <p className="admin-notice" data-testid="admin-notice">
              {notice}
            </p>
          )}
          {side.kind === 'create' && (
            <AccountForm
              initial={{ username: '', displayName: '', jurisdiction: user.jurisdiction }}
              editing={false}
              busy={busy}
              onSubmit={create}
              onCancel={() => setSide({ kind: 'none' })}
            />
          )}
          {side.kind === 'edit' && selected && (
            <AccountForm
              initial={selected}
              editing
              busy={busy}
              onSubmit={(fields) => edit(selected, fields)}
              onCancel={() => setSide({ kind: 'detail', username: selected.username })}
            />
          )}
          {side.kind === 'password' && (
            <OneTimePassword
              username={side.username}
              password={side.password}
              onDone={() => setSide({ kind: 'detail', username: side.username })}
            />
          )}
          {side.kind === 'detail' && selected && (
            <AccountDetail
              key={`${selected.username}:${selected.role ?? ''}`}
              account={selected}
              actions={actionsFor(selected, user)}
              busy={busy}
              onAction={(action) => act(selected, action)}
              onGrant={(role) => grant(selected, role)}
            />
          )}
          {side.kind === 'none' && <p className="empty">{t('admin.accounts.pick')}</p>}
        </AdminPanel>
        {security && (
          <AdminPanel title={t('admin.policy.title')} testId="policy-panel">
            <PolicyForm session={session} />
          </AdminPanel>
        )}
      </div>
    </div>
  );
}

export function AccountsPage() {
  return (
    <RequireAccount>
      {(signedIn) => (
        <AdminShell signedIn={signedIn}>
          <Accounts session={accountSession} signedIn={signedIn} />
        </AdminShell>
      )}
    </RequireAccount>
  );
}
