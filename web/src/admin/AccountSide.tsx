/** The side panel of /admin/accounts: the chosen account, a form to create or edit one, or a one-time password. */
import { useTranslation } from 'react-i18next';
import type { SignedIn } from '../account/sign-in-steps.js';
import { actionsFor } from './account-actions.js';
import { AccountDetail } from './AccountDetail.js';
import { AccountForm } from './AccountForm.js';
import type { Account } from './accounts-api.js';
import { AdminPanel } from './AdminShell.js';
import { adminErrorText } from './admin-errors.js';
import { OneTimePassword } from './OneTimePassword.js';
import type { useAccountChanges } from './use-account-changes.js';

export interface AccountSideProps {
  changes: ReturnType<typeof useAccountChanges>;
  selected: Account | null;
  user: SignedIn['user'];
}

export function AccountSide({ changes, selected, user }: AccountSideProps) {
  const { t } = useTranslation();
  const { side, setSide, notice, submit } = changes;
  const { busy, error } = submit;
  const title =
    side.kind === 'create'
      ? t('admin.accounts.createTitle')
      : side.kind === 'edit'
        ? t('admin.accounts.editTitle')
        : side.kind === 'password'
          ? t('admin.oneTime.title')
          : t('admin.accounts.detailTitle');
  return (
    <AdminPanel title={title} testId="account-side">
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
          onSubmit={changes.create}
          onCancel={() => setSide({ kind: 'none' })}
        />
      )}
      {side.kind === 'edit' && selected && (
        <AccountForm
          initial={selected}
          editing
          busy={busy}
          onSubmit={(fields) => changes.edit(selected, fields)}
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
          onAction={(action) => changes.act(selected, action)}
          onGrant={(role) => changes.grant(selected, role)}
        />
      )}
      {side.kind === 'none' && <p className="empty">{t('admin.accounts.pick')}</p>}
    </AdminPanel>
  );
}
