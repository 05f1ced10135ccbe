/** The second factor: a code of the authenticator app, or one of the recovery codes. */
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../../api/auth-failure.js';
import { Field, Refusal } from '../AuthScreen.js';
import type { AuthPayload } from '../sign-in-steps.js';
import { CodeInput, useCodeAnswer } from './use-code-answer.js';

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
  const { code, setCode, busy, error, submit } = useCodeAnswer(challenge, onAnswer, onRefused);
  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-code">
      <p className="auth-lead">{recovery ? t('account.code.recoveryLead') : t('account.code.lead')}</p>
      <Field label={recovery ? t('account.code.recoveryLabel') : t('account.code.label')}>
        <CodeInput value={code} onChange={setCode} recovery={recovery} autoFocus />
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
