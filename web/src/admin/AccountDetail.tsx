/**
 * One account: what is known of it, and the changes the viewer's duty allows, each confirmed
 * first when it takes access away.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../time/display-zone.js';
import { formatDateTime } from '../time/zone.js';
import { GRANTABLE_ROLES, needsConfirmation, type AccountAction } from './account-actions.js';
import type { Account } from './accounts-api.js';
import { StateBadge } from './AccountTable.js';

export function AccountDetail({
  account,
  actions,
  busy,
  onAction,
  onGrant,
}: {
  account: Account;
  actions: AccountAction[];
  busy: boolean;
  onAction: (action: AccountAction) => void;
  onGrant: (role: string | null) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const when = (at: string | null) => (at ? formatDateTime(new Date(at), timeZone) : '—');
  const [confirming, setConfirming] = useState<AccountAction | null>(null);
  const [role, setRole] = useState(account.role ?? '');
  const act = (action: AccountAction) => {
    if (needsConfirmation(action) && confirming !== action) return setConfirming(action);
    setConfirming(null);
    onAction(action);
  };
  const buttons = actions.filter((a) => a !== 'grantRole');
  return (
    <div className="account-detail" data-testid="account-detail" data-username={account.username}>
      <div className="detail-head">
        <div>
          <strong>{account.displayName}</strong>
          <span className="mono">{account.username}</span>
        </div>
        <StateBadge account={account} />
      </div>
      <dl className="detail-list">
        <dt>{t('admin.accounts.role')}</dt>
        <dd>{account.role ? t(`admin.roles.${account.role}`) : t('admin.accounts.noRole')}</dd>
        <dt>{t('admin.accounts.jurisdiction')}</dt>
        <dd>
          {account.jurisdictionName && <>{account.jurisdictionName} · </>}
          <span className="mono">{account.jurisdiction}</span>
        </dd>
        <dt>{t('admin.accounts.lastSignIn')}</dt>
        <dd className="mono">{when(account.lastSignInAt)}</dd>
        <dt>{t('admin.accounts.passwordChanged')}</dt>
        <dd className="mono">
          {when(account.passwordChangedAt)}
          {account.mustChangePassword && <em> · {t('admin.accounts.mustChange')}</em>}
        </dd>
        <dt>{t('admin.accounts.twoFactor')}</dt>
        <dd>{account.twoFactor ? t('admin.accounts.enrolled') : t('admin.accounts.notEnrolled')}</dd>
        {account.lockedUntil && (
          <>
            <dt>{t('admin.accounts.lockedUntil')}</dt>
            <dd className="mono">{when(account.lockedUntil)}</dd>
          </>
        )}
        <dt>{t('admin.accounts.sessions')}</dt>
        <dd>{account.openSessions}</dd>
        <dt>{t('admin.accounts.created')}</dt>
        <dd className="mono">
          {when(account.createdAt)} · {account.createdBy ?? '—'}
        </dd>
      </dl>
      {actions.includes('grantRole') && (
        <div className="grant">
          <label>
            {t('admin.actions.grantRole')}
            <select value={role} onChange={(e) => setRole(e.target.value)} data-testid="grant-role">
              <option value="">{t('admin.accounts.noRole')}</option>
              {GRANTABLE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`admin.roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="chip on"
            disabled={busy || role === (account.role ?? '')}
            onClick={() => onGrant(role || null)}
            data-testid="grant-role-submit"
          >
            {t('admin.actions.grant')}
          </button>
        </div>
      )}
      {buttons.length > 0 ? (
        <div className="admin-actions wrap">
          {buttons.map((action) => (
            <button
              key={action}
              type="button"
              className={`chip ${needsConfirmation(action) ? 'danger' : ''} ${confirming === action ? 'armed' : ''}`}
              disabled={busy}
              data-action={action}
              onClick={() => act(action)}
            >
              {confirming === action
                ? t('admin.actions.confirm', { action: t(`admin.actions.${action}`) })
                : t(`admin.actions.${action}`)}
            </button>
          ))}
        </div>
      ) : (
        actions.length === 0 && <p className="muted small">{t('admin.accounts.noActions')}</p>
      )}
    </div>
  );
}
