import { useEffect, useState } from 'react';
import { TEXTS, type Language } from './texts.js';

interface Health {
  status: string;
  data: {
    loaded: boolean;
    synthetic?: boolean;
    counts?: { adminUnits: number; grids: number; cameras: number; riskPoints: number; cases: number };
  };
}

/** A simple start page: what is loaded, until the wall screen arrives. */
export function StatusPage() {
  const [lang, setLang] = useState<Language>('zh');
  const [overview, setOverview] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = TEXTS[lang];

  useEffect(() => {
    // /healthz answers without logging in; the full API needs an account.
    fetch('/healthz')
      .then((res) => res.json() as Promise<Health>)
      .then((health) => (health.data.counts ? setOverview(health) : setError(health.status)))
      .catch((e: unknown) => setError(String(e)));
  }, []);

  const keys = ['adminUnits', 'grids', 'cameras', 'riskPoints', 'cases'] as const;
  return (
    <main>
      <button className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
        {t.switchTo}
      </button>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {overview?.data.synthetic && <p className="synthetic">{t.synthetic}</p>}
      {error && <p className="error">{t.error + error}</p>}
      {!overview && !error && <p>{t.loading}</p>}
      {overview?.data.counts && (
        <section className="counts">
          {keys.map((k) => (
            <div className="count" key={k} data-testid={`count-${k}`}>
              <div className="value">{overview.data.counts![k].toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}</div>
              <div className="label">{t[k]}</div>
            </div>
          ))}
        </section>
      )}
    </main>
  );
}
