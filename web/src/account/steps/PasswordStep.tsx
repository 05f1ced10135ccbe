/** Step one: account and password. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../../api/auth-failure.js';
import { postGraphQL } from '../../api/graphql.js';
import { missingCredentials } from '../../ui/missing-credentials.js';
import { Field, Refusal } from '../AuthScreen.js';
import { LOGIN } from '../queries.js';
import type { AuthPayload } from '../sign-in-steps.js';
import { useSubmit } from '../use-account.js';

export function PasswordStep({ notice, onAnswer }: { notice: string | null; onAnswer: (p: AuthPayload) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lacking = missingCredentials(username, password);
    setMissing(lacking && t(`login.missing.${lacking}`));
    if (lacking) return;
    void run(async () => {
      const { login } = await postGraphQL<{ login: AuthPayload }>(LOGIN, { username: username.trim(), password }, null);
      setPassword('');
      onAnswer(login);
    });
  };
  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-password" noValidate>
      {notice && !error && (
        <p className="auth-notice" data-testid="sign-in-notice">
          {notice}
        </p>
      )}
      <Field label={t('login.username')}>
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoFocus
          required
        />
      </Field>
      <Field label={t('login.password')}>
        <input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
      </Field>
      <Refusal lines={missing ? [missing] : error ? [authFailureText(error, t)] : []} />
      <button type="submit" className="auth-submit" disabled={busy}>
        {busy ? t('account.working') : t('login.submit')}
      </button>
    </form>
  );
}
