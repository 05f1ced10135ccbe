/**
 * A new password, when the server asks for one (a temporary or an expired password): the
 * rules first, then each rule the server found broken, in the viewer's language.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors.js';
import { postGraphQL } from '../../api/graphql.js';
import { Refusal } from '../AuthScreen.js';
import { NewPasswordFields } from '../NewPasswordFields.js';
import { refusalLines } from '../password-problems.js';
import { CONTINUE_SIGN_IN } from '../queries.js';
import type { AuthPayload, PasswordRules } from '../sign-in-steps.js';
import { useSubmit } from '../use-account.js';

export function NewPasswordStep({
  challenge,
  rules,
  onAnswer,
  onRefused,
}: {
  challenge: string;
  rules: PasswordRules | null;
  onAnswer: (p: AuthPayload) => void;
  onRefused: (reason: unknown) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void run(async () => {
      try {
        const { continueSignIn } = await postGraphQL<{ continueSignIn: AuthPayload }>(
          CONTINUE_SIGN_IN,
          { challenge, newPassword: password },
          null,
        );
        onAnswer(continueSignIn);
      } catch (err) {
        if (err instanceof ApiError) onRefused(err.details.reason);
        throw err;
      }
    });
  };
  const lines = mismatch ? [t('account.newPassword.mismatch')] : error ? refusalLines(error, t) : [];
  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-new-password">
      <p className="auth-lead">{t('account.newPassword.lead')}</p>
      <NewPasswordFields
        rules={rules}
        password={password}
        repeat={repeat}
        onPassword={setPassword}
        onRepeat={setRepeat}
        autoFocus
      />
      <Refusal lines={lines} />
      <button type="submit" className="auth-submit" disabled={busy}>
        {busy ? t('account.working') : t('account.newPassword.submit')}
      </button>
    </form>
  );
}
