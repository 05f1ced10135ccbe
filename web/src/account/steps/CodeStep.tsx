/** The second factor: a code of the authenticator app, or one of the recovery codes. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../../api/auth-failure.js';
import { ApiError } from '../../api/errors.js';
import { postGraphQL } from '../../api/graphql.js';
import { Field, Refusal } from '../AuthScreen.js';
import { CONTINUE_SIGN_IN } from '../queries.js';
import { normaliseCode, type AuthPayload } from '../sign-in-steps.js';
import { useSubmit } from '../use-account.js';

export function CodeStep({
  challenge,
  recovery,
  onAnswer,
  onRefused,
  onToggleRecovery,
}: {
  challenge: string;
  recovery: boolean;
  onAnswer: (p: AuthPayload) => void;
  onRefused: (reason: unknown) => void;
  onToggleRecovery: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      try {
        const { continueSignIn } = await postGraphQL<{ continueSignIn: AuthPayload }>(
          CONTINUE_SIGN_IN,
          { challenge, code: normaliseCode(code) },
          null,
        );
        onAnswer(continueSignIn);
      } catch (err) {
        setCode('');
        if (err instanceof ApiError) onRefused(err.details.reason);
        throw err;
      }
    });
  };
  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-code">
      <p className="auth-lead">{recovery ? t('account.code.recoveryLead') : t('account.code.lead')}</p>
      <Field label={recovery ? t('account.code.recoveryLabel') : t('account.code.label')}>
        <input
          name="code"
          className="code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          placeholder={recovery ? 'XXXXX-XXXXX' : '000000'}
          maxLength={recovery ? 16 : 7}
          autoFocus
          required
        />
      </Field>
      <Refusal lines={error ? [authFailureText(error, t)] : []} />
      <button type="submit" className="auth-submit" disabled={busy}>
        {busy ? t('account.working') : t('account.code.submit')}
      </button>
      <button type="button" className="auth-link" onClick={onToggleRecovery} data-testid="toggle-recovery">
        {recovery ? t('account.code.useApp') : t('account.code.useRecovery')}
      </button>
    </form>
  );
}
