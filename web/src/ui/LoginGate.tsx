/**
 * The login form, shown when a screen has no credentials or they were refused. `title` names the
 * screen (the wall's own title and kiosk hint when not given).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../api/auth-failure.js';
import type { Credentials } from '../api/session.js';
import { login } from '../api/client.js';
import { missingCredentials } from './missing-credentials.js';

export function LoginGate({
  reason,
  onLogin,
  title,
}: {
  reason: string | null;
  onLogin: (c: Credentials) => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(reason);
  const [missing, setMissing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = missingCredentials(username, password);
    if (missing) {
      setError(null);
      setMissing(t(`login.missing.${missing}`));
      return;
    }
    setMissing(null);
    setBusy(true);
    try {
      await login(username, password);
      onLogin({ kind: 'account', username, password });
    } catch (err) {
      setError(authFailureText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-gate">
      <form className="map-card login" onSubmit={submit} data-testid="login-form" noValidate>
        <h2>{title ?? t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {missing && (
          <p className="error" data-testid="login-missing">
            {missing}
          </p>
        )}
        {error && <p className="error">{t('login.failed', { reason: error })}</p>}
        <button type="submit" className="chip on" disabled={busy}>
          {t('login.submit')}
        </button>
        {!title && <p className="hint">{t('login.hint')}</p>}
      </form>
    </div>
  );
}
