/** The frame of the sign-in steps and one's own password: the product's name, the steps, the language. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import './account.css';

export type Progress = 'password' | 'verify' | 'secure' | 'done';
const PROGRESS: readonly Progress[] = ['password', 'verify', 'secure', 'done'];

export function AuthScreen({ title, progress, children }: { title: string; progress?: Progress; children: ReactNode }) {
  const { t } = useTranslation();
  const at = progress ? PROGRESS.indexOf(progress) : -1;
  return (
    <div className="auth-screen">
      <header className="auth-top">
        <div className="auth-brand">
          <span className="emblem" aria-hidden="true" />
          <div>
            <strong>{t('app.title')}</strong>
            <small>{t('account.brandNote')}</small>
          </div>
        </div>
        <LanguageSwitch />
      </header>
      <main className="auth-main">
        <section className="auth-card" aria-labelledby="auth-title">
          <span className="corner tl" aria-hidden="true" />
          <span className="corner br" aria-hidden="true" />
          {progress && (
            <ol className="auth-progress" aria-label={t('account.progressLabel')}>
              {PROGRESS.map((p, i) => (
                <li key={p} className={i < at ? 'past' : i === at ? 'now' : ''}>
                  <span className="dot">{i + 1}</span>
                  {t(`account.progress.${p}`)}
                </li>
              ))}
            </ol>
          )}
          <h1 id="auth-title">{title}</h1>
          {children}
        </section>
        <p className="auth-foot">{t('account.foot')}</p>
      </main>
    </div>
  );
}

/** A field of the sign-in forms: its label above, a hint below. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="auth-field">
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

/** What the server refused, said in lines (role=alert so a screen reader says it at once). */
export function Refusal({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="auth-refusal" role="alert" data-testid="auth-refusal">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
