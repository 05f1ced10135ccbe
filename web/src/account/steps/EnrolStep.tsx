/**
 * Enrolling the authenticator app: the QR code the server drew (as an image from a data: URL,
 * so its markup never enters the page), the secret to type in by hand, and a first code.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../../api/auth-failure.js';
import { Field, Refusal } from '../AuthScreen.js';
import type { AuthPayload, Enrolment } from '../sign-in-steps.js';
import { CodeInput, useCodeAnswer } from './use-code-answer.js';

/** An SVG document as an image address: an <img> runs no script and loads nothing it names. */
export const svgDataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The base32 secret in groups of four, easier to type. */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function EnrolStep({
  challenge,
  enrolment,
  onAnswer,
  onRefused,
}: {
  challenge: string;
  enrolment: Enrolment;
  onAnswer: (p: AuthPayload) => void;
  onRefused: (reason: unknown) => void;
}) {
  const { t } = useTranslation();
  const { code, setCode, busy, error, submit } = useCodeAnswer(challenge, onAnswer, onRefused);
  const qr = useMemo(() => svgDataUrl(enrolment.qrSvg), [enrolment.qrSvg]);
  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-enrol">
      <p className="auth-lead">{t('account.enrol.lead')}</p>
      <div className="enrol">
        <img className="enrol-qr" src={qr} alt={t('account.enrol.qrAlt')} data-testid="enrol-qr" />
        <ol className="enrol-steps">
          <li>{t('account.enrol.step1')}</li>
          <li>{t('account.enrol.step2')}</li>
          <li>
            {t('account.enrol.step3')}
            <code className="enrol-secret" data-testid="enrol-secret" data-secret={enrolment.secret}>
              {groupSecret(enrolment.secret)}
            </code>
          </li>
        </ol>
      </div>
      <Field label={t('account.enrol.codeLabel')}>
        <CodeInput value={code} onChange={setCode} />
      </Field>
      <Refusal lines={error ? [authFailureText(error, t)] : []} />
      <button type="submit" className="auth-submit" disabled={busy}>
        {busy ? t('account.working') : t('account.enrol.submit')}
      </button>
    </form>
  );
}
