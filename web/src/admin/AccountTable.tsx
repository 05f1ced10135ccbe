/** The accounts as a table: state first, who they are, what they may do, where, and when last seen. */
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../time/display-zone.js';
import { formatDateTime } from '../time/zone.js';
import type { Account } from './accounts-api.js';

export function StateBadge({ account }: { account: Pick<Account, 'state'> }) {
  const { t } = useTranslation();
  return <span className={`state-badge ${account.state}`}>{t(`admin.states.${account.state}`)}</span>;
}

export function AccountTable({
  accounts,
  selected,
  onSelect,
}: {
  accounts: Account[];
  selected: string | null;
  onSelect: (username: string) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  if (accounts.length === 0) return <p className="empty">{t('admin.accounts.none')}</p>;
  return (
    <table className="admin-table" data-testid="account-table">
      <thead>
        <tr>
          <th>{t('admin.accounts.state')}</th>
          <th>{t('admin.accounts.username')}</th>
          <th>{t('admin.accounts.displayName')}</th>
          <th>{t('admin.accounts.role')}</th>
          <th>{t('admin.accounts.jurisdiction')}</th>
          <th>{t('admin.accounts.twoFactor')}</th>
          <th>{t('admin.accounts.lastSignIn')}</th>
          <th className="num">{t('admin.accounts.sessions')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr
            key={a.username}
            data-username={a.username}
            data-state={a.state}
            className={a.username === selected ? 'selected' : ''}
            onClick={() => onSelect(a.username)}
          >
            <td>
              <StateBadge account={a} />
            </td>
            <td>
              <button type="button" className="link mono" onClick={() => onSelect(a.username)}>
                {a.username}
              </button>
            </td>
            <td>{a.displayName}</td>
            <td>{a.role ? t(`admin.roles.${a.role}`) : <span className="muted">{t('admin.accounts.noRole')}</span>}</td>
            <td title={a.jurisdiction}>{a.jurisdictionName ?? <span className="mono">{a.jurisdiction}</span>}</td>
            <td>{a.twoFactor ? <span className="ok">{t('admin.accounts.enrolled')}</span> : '—'}</td>
            <td className="mono">{a.lastSignInAt ? formatDateTime(new Date(a.lastSignInAt), timeZone) : '—'}</td>
            <td className="num">{a.openSessions}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
