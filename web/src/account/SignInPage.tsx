/**
 * /signin: signing in in the steps the server asks for, then on to the page that was wanted
 * (an administrator's own page when none was). `?next=` names the page; why the last session
 * ended (idle, signed out, refused) is said above the form.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { landingPath } from './access.js';
import { AuthScreen, type Progress } from './AuthScreen.js';
import { accountSession } from './current.js';
import {
  afterPayload,
  afterRefusal,
  codesSaved,
  START,
  toggleRecovery,
  type AuthPayload,
  type SignInState,
} from './sign-in-steps.js';
import { CodeStep } from './steps/CodeStep.js';
import { EnrolStep } from './steps/EnrolStep.js';
import { NewPasswordStep } from './steps/NewPasswordStep.js';
import { PasswordStep } from './steps/PasswordStep.js';
import { RecoveryCodesStep } from './steps/RecoveryCodesStep.js';
import { useAccount } from './use-account.js';

const PROGRESS: Record<SignInState['screen'], Progress> = {
  password: 'password',
  second_factor: 'verify',
  change_password: 'secure',
  enrol: 'secure',
  recovery_codes: 'secure',
  done: 'done',
};

const ENDED = new Set(['idle', 'signed_out', 'ended', 'password_changed']);

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { reason } = useAccount(accountSession);
  const [state, setState] = useState<SignInState>(START);
  const [expired, setExpired] = useState(false);
  const next = params.get('next');
  const ended = reason ?? params.get('reason');

  useEffect(() => {
    if (state.screen !== 'done') return;
    accountSession.start(state.signedIn);
    void navigate(landingPath(state.signedIn.user.permissions, next), { replace: true });
  }, [state, next, navigate]);

  const answer = (payload: AuthPayload) => {
    setExpired(false);
    setState(afterPayload(payload));
  };
  const refused = (why: unknown) => {
    setExpired(why === 'challenge');
    setState((s) => afterRefusal(s, why));
  };
  const notice = expired
    ? t('account.notice.challenge')
    : ended && ENDED.has(ended)
      ? t(`account.notice.${ended}`)
      : null;

  return (
    <AuthScreen title={t(`account.titles.${state.screen}`)} progress={PROGRESS[state.screen]}>
      {state.screen === 'password' && <PasswordStep notice={notice} onAnswer={answer} />}
      {state.screen === 'second_factor' && (
        <CodeStep
          key={String(state.recovery)}
          challenge={state.challenge}
          recovery={state.recovery}
          onAnswer={answer}
          onRefused={refused}
          onToggleRecovery={() => setState(toggleRecovery)}
        />
      )}
      {state.screen === 'change_password' && (
        <NewPasswordStep challenge={state.challenge} rules={state.rules} onAnswer={answer} onRefused={refused} />
      )}
      {state.screen === 'enrol' && (
        <EnrolStep challenge={state.challenge} enrolment={state.enrolment} onAnswer={answer} onRefused={refused} />
      )}
      {state.screen === 'recovery_codes' && (
        <RecoveryCodesStep codes={state.codes} onSaved={() => setState(codesSaved)} />
      )}
      {state.screen === 'done' && <p className="auth-lead">{t('account.working')}</p>}
    </AuthScreen>
  );
}
