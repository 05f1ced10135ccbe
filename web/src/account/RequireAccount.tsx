/**
 * The gate of a page for a signed-in account: without a session, to /signin (and back after);
 * a page the account's permissions do not open says so; an interactive account that does
 * nothing for the server's idle limit is signed out.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { landingPath, mayOpen } from './access.js';
import { AuthScreen } from './AuthScreen.js';
import { accountSession } from './current.js';
import type { SignedIn } from './sign-in-steps.js';
import { useAccount } from './use-account.js';
import { useIdleSignOut } from './use-idle-sign-out.js';

export function RequireAccount({ children }: { children: (signedIn: SignedIn) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { signedIn, reason } = useAccount(accountSession);
  useIdleSignOut(accountSession, signedIn?.user.idleSeconds ?? null);
  useEffect(() => {
    // After a reload the kept account may be out of date (a role granted, signed out elsewhere).
    accountSession.refresh().catch(() => undefined);
    // Once per page, not on every renewal.
  }, []);

  if (!signedIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}${reason ? `&reason=${reason}` : ''}`} replace />;
  }
  if (!mayOpen(location.pathname, signedIn.user.permissions)) {
    return (
      <AuthScreen title={t('account.forbidden.title')}>
        <p className="auth-lead" data-testid="page-forbidden">
          {t('account.forbidden.text')}
        </p>
        <Link className="auth-submit" to={landingPath(signedIn.user.permissions, null)}>
          {t('account.forbidden.back')}
        </Link>
      </AuthScreen>
    );
  }
  return <>{children(signedIn)}</>;
}
