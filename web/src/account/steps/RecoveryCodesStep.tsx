/** The recovery codes, shown once after enrolment, until the person says they are kept. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RecoveryCodesStep({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  return (
    <div className="auth-form" data-testid="sign-in-recovery-codes">
      <p className="auth-lead">{t('account.recovery.lead')}</p>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="auth-warning">{t('account.recovery.warning')}</p>
      <label className="auth-check">
        <input
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
          data-testid="recovery-saved"
        />
        {t('account.recovery.saved')}
      </label>
      <button type="button" className="auth-submit" disabled={!saved} onClick={onSaved}>
        {t('account.recovery.continue')}
      </button>
    </div>
  );
}
