import { useEffect, useState } from 'react';
import { TEXTS, type Language } from './texts.js';

interface Overview {
  layerCounts: { adminUnits: number; grids: number; cameras: number; riskPoints: number; cases: number };
  dataset: { synthetic: boolean; scale: string | null; asOf: string | null } | null;
}

const QUERY = '{ layerCounts { adminUnits grids cameras riskPoints cases } dataset { synthetic scale asOf } }';

/** A simple start page: what is loaded, until the wall screen arrives. */
export function StatusPage() {
  const [lang, setLang] = useState<Language>('zh');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = TEXTS[lang];

  useEffect(() => {
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    })
      .then((res) => res.json() as Promise<{ data?: Overview; errors?: { message: string }[] }>)
      .then((body) => (body.data ? setOverview(body.data) : setError(body.errors?.[0]?.message ?? 'no data')))
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
      {overview?.dataset?.synthetic && <p className="synthetic">{t.synthetic}</p>}
      {error && <p className="error">{t.error + error}</p>}
      {!overview && !error && <p>{t.loading}</p>}
      {overview && (
        <section className="counts">
          {keys.map((k) => (
            <div className="count" key={k} data-testid={`count-${k}`}>
              <div className="value">{overview.layerCounts[k].toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}</div>
              <div className="label">{t[k]}</div>
            </div>
          ))}
        </section>
      )}
    </main>
  );
}
