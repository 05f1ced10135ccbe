/** /account/password: changing one's own password, with the current one and the rules in force. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { landingPath } from './access.js';
import { AuthScreen, Field, Refusal } from './AuthScreen.js';
import { accountSession } from './current.js';
import { NewPasswordFields } from './NewPasswordFields.js';
import { refusalLines } from './password-problems.js';
import { CHANGE_PASSWORD, PASSWORD_RULES } from './queries.js';
import { RequireAccount } from './RequireAccount.js';
import type { PasswordRules, SignedIn } from './sign-in-steps.js';
import { useSubmit } from './use-account.js';

function ChangePasswordForm({ signedIn }: { signedIn: SignedIn }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<PasswordRules | null>(null);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    accountSession
      .query<{ passwordRules: PasswordRules }>(PASSWORD_RULES)
      .then((r) => setRules(r.passwordRules))
      .catch(() => setRules(null));
  }, []);
  const back = landingPath(signedIn.user.permissions, null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void run(async () => {
      await accountSession.query(CHANGE_PASSWORD, { currentPassword: current, newPassword: password });
      setCurrent('');
      setPassword('');
      setRepeat('');
      setChanged(true);
    });
  };
  if (changed) {
    return (
      <div className="auth-form" data-testid="password-changed">
        <p className="auth-lead">{t('account.change.done')}</p>
        <Link className="auth-submit" to={back}>
          {t('account.change.back')}
        </Link>
      </div>
    );
  }
  const lines = mismatch ? [t('account.newPassword.mismatch')] : error ? refusalLines(error, t) : [];
  return (
    <form className="auth-form" onSubmit={submit} data-testid="change-password">
      <p className="auth-lead">{t('account.change.lead', { username: signedIn.user.username })}</p>
      <Field label={t('account.change.current')}>
        <input
          name="current-password"
          type="password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          autoComplete="current-password"
          required
        />
      </Field>
      <NewPasswordFields
        rules={rules}
        password={password}
        repeat={repeat}
        onPassword={setPassword}
        onRepeat={setRepeat}
      />
      <Refusal lines={lines} />
      <button type="submit" className="auth-submit" disabled={busy}>
        {busy ? t('account.working') : t('account.change.submit')}
      </button>
      <Link className="auth-link" to={back}>
        {t('account.change.cancel')}
      </Link>
    </form>
  );
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <RequireAccount>
      {(signedIn) => (
        <AuthScreen title={t('account.change.title')}>
          <ChangePasswordForm signedIn={signedIn} />
        </AuthScreen>
      )}
    </RequireAccount>
  );
}
