/**
 * /admin/import: an administrator uploads a file (GeoJSON, zipped Shapefile, GeoPackage, CSV),
 * sees the dry run's report (counts, every rejected record with its position and reason,
 * warnings), applies it, and can roll an import back from the record below. The server does everything (POST
 * /imports, the same code path as the command line; GraphQL for the record and rollback).
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors.js';
import { accountSession } from '../account/current.js';
import { SignedInScreen } from '../account/SignedInScreen.js';
import type { ApiClient } from '../api/client.js';
import {
  CRS,
  fetchColumns,
  FileRefused,
  IMPORTS,
  LAYERS,
  ROLLBACK,
  upload,
  type DataImport,
  type LayerColumns,
  type Report,
  type UploadForm,
} from './import-api.js';
import { ImportColumns } from './ImportColumns.js';
import { ImportHistory } from './ImportHistory.js';
import { ImportReport } from './ImportReport.js';
import '../ui/ui.css';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Panel } from '../ui/Panel.js';
import './imports.css';

/** A whole file refused, in the page's language when the server gave its reason code. */
function refusalText(error: Error, t: TFunction): string {
  if (!(error instanceof FileRefused) || !error.reason) return error.message;
  return t(`imports.messages.file.${error.reason}`, { ...error.params, defaultValue: error.message });
}

function Importer({ api, onLogout }: { api: ApiClient; onLogout: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<UploadForm>({ layer: 'cameras', crs: 'gcj02', file: null, mapping: '' });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [columns, setColumns] = useState<LayerColumns[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [imports, setImports] = useState<DataImport[] | null>(null);
  const [forbidden, setForbidden] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setImports((await api.query<{ imports: DataImport[] }>(IMPORTS)).imports);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FORBIDDEN') setForbidden(err.message);
      else setError(err as Error);
    }
  }, [api]);
  useEffect(() => void refresh(), [refresh]);
  // Asked once the record has loaded: an account that may not import gets no columns to read.
  const mayImport = imports !== null;
  useEffect(() => {
    if (mayImport) fetchColumns(api).then(setColumns, (err: Error) => setError(err));
  }, [api, mayImport]);

  const change = (patch: Partial<UploadForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setReport(null); // a changed form needs a new dry run before applying
    setNotice(null);
  };
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await upload(api, form, dryRun);
      setReport(r);
      if (r.applied) await refresh();
    } catch (err) {
      setReport(null);
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const rollback = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      const done = (await api.query<{ rollbackImport: DataImport }>(ROLLBACK, { id })).rollbackImport;
      setNotice(t('imports.rolledBack', { id: done.id, inserted: done.counts.inserted, updated: done.counts.updated }));
      setReport(null);
      await refresh();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };
  const canApply = report !== null && report.dryRun && report.rejected.length === 0 && report.counts.valid > 0;
  const layerLabel = t(`imports.layers.${form.layer}`);

  return (
    <div className="import">
      <header className="review-header">
        <div className="review-brand">
          <span className="emblem" aria-hidden="true" />
          <div>
            <h1>{t('imports.title')}</h1>
            <p className="muted small">{t('imports.subtitle')}</p>
          </div>
        </div>
        <div className="review-controls">
          <button type="button" className="chip" onClick={onLogout}>
            {t('imports.logout')}
          </button>
          <LanguageSwitch />
        </div>
      </header>
      {forbidden !== null ? (
        <main className="import-body">
          <div className="import-forbidden panel" data-testid="import-forbidden" role="alert">
            <h2>{t('imports.forbiddenTitle')}</h2>
            <p>{t('imports.forbidden')}</p>
            <p className="muted small">{forbidden}</p>
          </div>
        </main>
      ) : (
        <main className="import-body">
          <Panel title={t('imports.stepFile')} className="import-panel">
            <form onSubmit={submit} className="import-form" data-testid="import-form">
              <label>
                {t('imports.layer')}
                <select
                  data-testid="import-layer"
                  value={form.layer}
                  onChange={(e) => change({ layer: e.target.value as UploadForm['layer'] })}
                >
                  {LAYERS.map((l) => (
                    <option key={l} value={l}>
                      {t(`imports.layers.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('imports.crs')}
                <select data-testid="import-crs" value={form.crs} onChange={(e) => change({ crs: e.target.value })}>
                  <option value="">{t('imports.crsFromFile')}</option>
                  {CRS.map((c) => (
                    <option key={c} value={c}>
                      {t(`imports.crsNames.${c.replace(':', '_')}`)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="wide import-file-field">
                <span>{t('imports.file')}</span>
                <div className="import-file-pick">
                  {/* Our own button: the browser's native one speaks the browser's language, not the page's. */}
                  <label className="chip on">
                    {t('imports.chooseFile')}
                    <input
                      type="file"
                      data-testid="import-file"
                      accept=".csv,.geojson,.json,.zip,.gpkg"
                      onChange={(e) => change({ file: e.target.files?.[0] ?? null })}
                    />
                  </label>
                  <span className={form.file ? 'chosen' : 'muted'}>{form.file?.name ?? t('imports.noFile')}</span>
                </div>
                <span className="muted small">{t('imports.fileHint')}</span>
              </div>
              <details className="wide">
                <summary>{t('imports.mapping')}</summary>
                <textarea
                  rows={3}
                  value={form.mapping}
                  placeholder={t('imports.mappingExample')}
                  translate="no"
                  onChange={(e) => change({ mapping: e.target.value })}
                />
                <span className="muted small">{t('imports.mappingHint')}</span>
              </details>
              <div className="actions">
                <button type="submit" className="chip on" data-testid="import-dry-run" disabled={!form.file || busy}>
                  {t('imports.dryRun')}
                </button>
                <button
                  type="button"
                  className="chip apply"
                  data-testid="import-apply"
                  disabled={!canApply || busy}
                  onClick={() => void run(false)}
                >
                  {t('imports.apply')}
                </button>
                <span className="muted small">{busy ? t('imports.working') : t('imports.applyHint')}</span>
              </div>
            </form>
          </Panel>
          <Panel title={t('imports.stepReport')} className="import-panel" testId="import-result">
            {error && (
              <p className="import-error" role="alert" data-testid="import-error">
                {t('imports.failed', { reason: refusalText(error, t) })}
              </p>
            )}
            {notice && (
              <p className="import-notice" data-testid="import-notice">
                {notice}
              </p>
            )}
            {report ? (
              <ImportReport report={report} layerLabel={layerLabel} />
            ) : (
              !error && !notice && <p className="muted">{t('imports.noReport')}</p>
            )}
          </Panel>
          <Panel title={t('imports.messages.columns.title')} className="import-panel import-wide">
            <ImportColumns layer={form.layer} layers={columns} />
          </Panel>
          <Panel title={t('imports.history')} className="import-panel">
            <ImportHistory imports={imports} busy={busy} onRollback={(id) => void rollback(id)} />
          </Panel>
        </main>
      )}
    </div>
  );
}

export function ImportPage() {
  return (
    <SignedInScreen>{(api) => <Importer api={api} onLogout={() => void accountSession.signOut()} />}</SignedInScreen>
  );
}
