/** A temporary password, shown once to the administrator to hand over; the owner changes it at first sign-in. */
import { useTranslation } from 'react-i18next';

export function OneTimePassword({
  username,
  password,
  onDone,
}: {
  username: string;
  password: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="one-time" data-testid="temporary-password">
      <p>{t('admin.oneTime.lead', { username })}</p>
      <code className="one-time-value" data-testid="temporary-password-value">
        {password}
      </code>
      <p className="muted small">{t('admin.oneTime.hint')}</p>
      <button type="button" className="chip on" onClick={onDone}>
        {t('admin.oneTime.done')}
      </button>
    </div>
  );
}
