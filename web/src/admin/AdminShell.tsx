/**
 * The administrators' frame: the product's name, the pages the account's permissions open, who
 * is signed in (with their role), one's own password, the language and signing out.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Link, NavLink, useNavigate } from 'react-router';
import { adminPagesFor } from '../account/access.js';
import { accountSession } from '../account/current.js';
import type { SignedIn } from '../account/sign-in-steps.js';
import { Panel } from '../ui/Panel.js';
import '../ui/ui.css';
import './admin.css';

const PAGE_KEYS: Record<string, string> = { '/admin/accounts': 'accounts', '/admin/audit': 'audit' };

export function AdminShell({ signedIn, children }: { signedIn: SignedIn; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = signedIn;
  const signOut = async () => {
    await accountSession.signOut();
    void navigate('/signin?reason=signed_out', { replace: true });
  };
  return (
    <div className="admin">
      <header className="admin-header">
        <div className="admin-brand">
          <span className="emblem" aria-hidden="true" />
          <div>
            <h1>{t('app.title')}</h1>
            <p>{t('admin.subtitle')}</p>
          </div>
        </div>
        <nav className="admin-nav" aria-label={t('admin.navLabel')}>
          {adminPagesFor(user.permissions).map((page) => (
            <NavLink key={page.path} to={page.path} className={({ isActive }) => (isActive ? 'on' : '')}>
              {t(`admin.pages.${PAGE_KEYS[page.path]}`)}
            </NavLink>
          ))}
        </nav>
        <div className="admin-user">
          <div className="who" data-testid="signed-in-as">
            <strong>{user.displayName}</strong>
            <span>
              {user.username} · {t(`admin.roles.${user.role}`)}
            </span>
          </div>
          <Link className="chip" to="/account/password" data-testid="change-own-password">
            {t('admin.changePassword')}
          </Link>
          <LanguageSwitch />
          <button type="button" className="chip danger" data-testid="sign-out" onClick={() => void signOut()}>
            {t('admin.signOut')}
          </button>
        </div>
      </header>
      <main className="admin-body">{children}</main>
    </div>
  );
}

/** A titled panel of the administrators' pages: the kit's panel with an optional note. */
export function AdminPanel({
  title,
  note,
  children,
  testId,
  className,
}: {
  title: string;
  note?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <Panel
      title={title}
      extra={note && <span className="panel-note">{note}</span>}
      className={`admin-panel ${className ?? ''}`}
      testId={testId}
    >
      {children}
    </Panel>
  );
}
