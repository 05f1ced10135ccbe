/** The start page: what the system is, what is loaded, and the ways in. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Link } from 'react-router';

interface Health {
  status: string;
  data: { loaded: boolean; synthetic?: boolean };
}

export function Home() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    fetch('/healthz')
      .then((res) => res.json() as Promise<Health>)
      .then(setHealth, () => setHealth(null));
  }, []);
  return (
    <main className="home">
      <LanguageSwitch className="chip lang" />
      <h1>{t('app.title')}</h1>
      <p className="lead">{t('app.lead')}</p>
      {health?.data.synthetic && <p className="badge synthetic">{t('app.synthetic')}</p>}
      <nav className="home-links">
        <Link to="/wall?kiosk=demo-wall">{t('app.wall')}</Link>
        <Link to="/review">{t('app.review')}</Link>
        <Link to="/plan">{t('app.plan')}</Link>
        <Link to="/signin">{t('app.signIn')}</Link>
      </nav>
    </main>
  );
}

export function Placeholder({ title }: { title: 'review' | 'plan' | 'notFound' }) {
  const { t } = useTranslation();
  return (
    <main className="home">
      <h1>{title === 'notFound' ? t('app.notFound') : t(`app.${title}`)}</h1>
      {title !== 'notFound' && <p className="lead">{t('app.comingSoon')}</p>}
      <Link to="/">{t('app.back')}</Link>
    </main>
  );
}
