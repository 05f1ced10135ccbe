/**
 * The planner's frame: which township and village (from the account's jurisdiction, or
 * ?village=), the village's current grids and history, and the editor for it.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { errorText } from '../api/error-text.js';
import { authFailureText } from '../api/auth-failure.js';
import { ApiError } from '../api/errors.js';
import { useBasemap } from '../map/use-map-data.js';
import type { ApiClient } from '../api/client.js';
import { PlanEditor } from './PlanEditor.js';
import { useVillageChanges } from './use-village-changes.js';
import { CHANGES, PLAN_BASE, PLAN_START, VILLAGES, type GridChange, type PlanBase, type PlanStart } from './queries.js';

interface Unit {
  code: string;
  name: string;
}

const townshipOf = (village: string) => `${village.slice(0, 9)}000`;

export function Planner({ api, onAuthFailed }: { api: ApiClient; onAuthFailed: (reason: string) => void }) {
  const { t } = useTranslation();
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const [start, setStart] = useState<PlanStart | null>(null);
  const [township, setTownship] = useState<string | null>(() => {
    const v = params.get('village');
    return v ? townshipOf(v) : null;
  });
  const [villages, setVillages] = useState<Unit[]>([]);
  const [village, setVillage] = useState<string | null>(params.get('village'));
  const [base, setBase] = useState<{ value: PlanBase; key: number } | null>(null);
  const [changes, setChanges] = useState<GridChange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const onHealth = useCallback(() => undefined, []);
  const { style } = useBasemap(api.json, onHealth);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.kind === 'unauthenticated') onAuthFailed(authFailureText(e, t));
      else setError(e instanceof ApiError && e.code === 'FORBIDDEN' ? t('plan.noAccess') : errorText(e, t));
    },
    [onAuthFailed, t],
  );

  useEffect(() => {
    api.query<PlanStart>(PLAN_START).then((s) => {
      setStart(s);
      setTownship((cur) => cur ?? s.townships[0]?.code ?? null);
    }, fail);
  }, [api, fail]);

  useEffect(() => {
    if (!township) return;
    api.query<{ adminUnits: Unit[] }>(VILLAGES, { township }).then((r) => setVillages(r.adminUnits), fail);
  }, [api, township, fail]);

  useEffect(() => {
    if (!village) return;
    let cancelled = false;
    setError(null);
    Promise.all([
      api.query<{ gridPlanningBase: PlanBase }>(PLAN_BASE, { village }),
      api.query<{ gridChanges: GridChange[] }>(CHANGES, { village }),
    ]).then(([b, c]) => {
      if (cancelled) return;
      setBase((prev) => ({ value: b.gridPlanningBase, key: (prev?.key ?? 0) + 1 }));
      setChanges(c.gridChanges);
    }, fail);
    return () => {
      cancelled = true;
    };
  }, [api, village, reloads, fail]);

  const elsewhere = useVillageChanges(api, village, start?.me.username ?? null);

  const chooseVillage = (code: string) => {
    setVillage(code || null);
    setBase(null);
    setNotice(null);
    const url = new URL(window.location.href);
    if (code) url.searchParams.set('village', code);
    else url.searchParams.delete('village');
    window.history.replaceState(null, '', url);
  };

  return (
    <div className="plan-page" data-testid="plan-page">
      <header className="plan-header">
        <h1>{t('plan.title')}</h1>
        <label>
          {t('plan.township')}
          <select value={township ?? ''} onChange={(e) => setTownship(e.target.value)} data-testid="township">
            {start?.townships.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('plan.village')}
          <select value={village ?? ''} onChange={(e) => chooseVillage(e.target.value)} data-testid="village">
            <option value="">{t('plan.chooseVillage')}</option>
            {villages.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </label>
        {notice && (
          <span className="ok" data-testid="notice">
            {notice}
          </span>
        )}
        <span className="who">{start?.me.username}</span>
        <LanguageSwitch />
      </header>
      {error && (
        <p className="error plan-error" data-testid="plan-error">
          {error}
        </p>
      )}
      {elsewhere.change && (
        <p className="error plan-error" data-testid="plan-changed-elsewhere">
          {t('plan.changedElsewhere', { author: elsewhere.change.author })}{' '}
          <button
            type="button"
            className="chip"
            onClick={() => {
              elsewhere.clear();
              setReloads((n) => n + 1);
            }}
          >
            {t('plan.reloadChanged')}
          </button>
        </p>
      )}
      {!village && <p className="plan-empty">{t('plan.chooseVillage')}</p>}
      {village && !base && !error && <p className="plan-empty">{t('plan.loading')}</p>}
      {start && base && (
        <PlanEditor
          key={base.key}
          api={api}
          base={base.value}
          settings={start.gridPlanningSettings}
          style={style}
          changes={changes}
          onReload={(text) => {
            setNotice(text ?? null);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
