/**
 * /admin/accounts: the accounts inside the administrator's jurisdiction, and what their duty
 * allows on them: the system administrator creates, edits, disables and enables and resets
 * passwords; the security administrator grants roles, unlocks, resets second factors, ends
 * sessions and keeps the security policy.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../account/account-session.js';
import { accountSession } from '../account/current.js';
import { RequireAccount } from '../account/RequireAccount.js';
import type { SignedIn } from '../account/sign-in-steps.js';
import { AccountSide } from './AccountSide.js';
import { AccountTable } from './AccountTable.js';
import { AdminPanel, AdminShell } from './AdminShell.js';
import { PolicyForm } from './PolicyForm.js';
import { useAccountChanges } from './use-account-changes.js';

function Accounts({ session, signedIn }: { session: AccountSession; signedIn: SignedIn }) {
  const { t } = useTranslation();
  const { user } = signedIn;
  const [search, setSearch] = useState('');
  const changes = useAccountChanges(session, search);
  const { accounts, load, side, setSide, setNotice } = changes;
  const { clear } = changes.submit;
  const canCreate = user.permissions.includes('manage_accounts');
  const security = user.permissions.includes('manage_security');
  const selected = useMemo(() => {
    const name = side.kind === 'detail' || side.kind === 'edit' ? side.username : null;
    return accounts?.find((a) => a.username === name) ?? null;
  }, [accounts, side]);

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
        <AccountSide changes={changes} selected={selected} user={user} />
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
