/** The security policy (security administrator): the password rules and who signs in with a second factor. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../account/account-session.js';
import { useSubmit } from '../account/use-account.js';
import { adminErrorText } from './admin-errors.js';
import { SECURITY_POLICY, UPDATE_SECURITY_POLICY, type SecurityPolicy } from './accounts-api.js';

/** Business roles that may be asked for a second factor (the wall screen signs in unattended). */
const TWO_FACTOR_CANDIDATES = ['leader', 'operator', 'gridworker', 'planner', 'admin'] as const;
const NUMBERS = ['minLength', 'minClasses', 'historyCount', 'maxAgeDays'] as const;

export function PolicyForm({ session }: { session: AccountSession }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    void run(async () =>
      setPolicy((await session.query<{ securityPolicy: SecurityPolicy }>(SECURITY_POLICY)).securityPolicy),
    );
  }, [session, run]);
  if (!policy)
    return error ? (
      <p className="admin-error">{adminErrorText(error, t)}</p>
    ) : (
      <p className="empty">{t('account.working')}</p>
    );

  const setPassword = (patch: Partial<SecurityPolicy['password']>) => {
    setSaved(false);
    setPolicy({ ...policy, password: { ...policy.password, ...patch } });
  };
  const toggleRole = (role: string) => {
    setSaved(false);
    const roles = policy.twoFactorRoles.includes(role)
      ? policy.twoFactorRoles.filter((r) => r !== role)
      : [...policy.twoFactorRoles, role];
    setPolicy({ ...policy, twoFactorRoles: roles });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { updateSecurityPolicy } = await session.query<{ updateSecurityPolicy: SecurityPolicy }>(
        UPDATE_SECURITY_POLICY,
        { policy },
      );
      setPolicy(updateSecurityPolicy);
      setSaved(true);
    });
  };
  return (
    <form className="admin-form policy" onSubmit={submit} data-testid="security-policy">
      <div className="policy-numbers">
        {NUMBERS.map((key) => (
          <label key={key}>
            {t(`admin.policy.${key}`)}
            <input
              type="number"
              name={key}
              value={policy.password[key]}
              min={0}
              onChange={(e) => setPassword({ [key]: Number(e.target.value) })}
              required
            />
          </label>
        ))}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={policy.password.forbidUsername}
          onChange={(e) => setPassword({ forbidUsername: e.target.checked })}
        />
        {t('admin.policy.forbidUsername')}
      </label>
      <fieldset>
        <legend>{t('admin.policy.twoFactorRoles')}</legend>
        <p className="muted small">{t('admin.policy.twoFactorNote')}</p>
        {TWO_FACTOR_CANDIDATES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={policy.twoFactorRoles.includes(role)} onChange={() => toggleRole(role)} />
            {t(`admin.roles.${role}`)}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="admin-error" role="alert">
          {adminErrorText(error, t)}
        </p>
      ) : null}
      {saved && <p className="admin-notice">{t('admin.policy.saved')}</p>}
      <div className="admin-actions">
        <button type="submit" className="chip on" disabled={busy}>
          {t('admin.policy.save')}
        </button>
      </div>
    </form>
  );
}
