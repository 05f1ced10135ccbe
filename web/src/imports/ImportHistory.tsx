/**
 * The record of applied imports, newest first, with rolling one back. Rolling back asks once
 * more inline (no browser dialog), since it deletes what the import added.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../time/display-zone.js';
import type { DataImport } from './import-api.js';

export interface ImportHistoryProps {
  imports: DataImport[] | null;
  busy: boolean;
  onRollback: (id: string) => void;
}

export function ImportHistory({ imports, busy, onRollback }: ImportHistoryProps) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  // The server's display zone, not this browser's: the record reads the same on every screen.
  const timeZone = useTimeZone();
  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false, timeZone });
  if (imports === null) return <p className="muted">{t('imports.loading')}</p>;
  if (imports.length === 0) return <p className="muted">{t('imports.noImports')}</p>;
  // Only the newest applied import of a layer can be rolled back (the server enforces it too).
  const newest = new Map<string, string>();
  for (const i of imports) if (i.status === 'applied' && !newest.has(i.layer)) newest.set(i.layer, i.id);
  return (
    <div className="import-table-wrap">
      <table className="review-table import-table" data-testid="import-history">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('imports.when')}</th>
            <th>{t('imports.layer')}</th>
            <th>{t('imports.fileName')}</th>
            <th>{t('imports.by')}</th>
            <th>{t('imports.result')}</th>
            <th>{t('imports.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.id} data-id={i.id} data-status={i.status} className={i.status}>
              <td>{i.id}</td>
              <td data-testid="import-at">{time(i.at)}</td>
              <td>{t(`imports.layers.${i.layer}`)}</td>
              <td className="reason">{i.fileName}</td>
              <td>{i.username}</td>
              <td>{t('imports.resultCounts', { inserted: i.counts.inserted, updated: i.counts.updated })}</td>
              <td>
                {i.status === 'applied'
                  ? t('imports.statusApplied')
                  : t('imports.statusRolledBack', { by: i.rolledBackBy, at: time(i.rolledBackAt!) })}
              </td>
              <td>
                <div className="import-row-actions">
                  {newest.get(i.layer) === i.id &&
                    (confirming === i.id ? (
                      <>
                        <button
                          type="button"
                          className="chip danger"
                          data-testid="confirm-rollback"
                          disabled={busy}
                          onClick={() => {
                            setConfirming(null);
                            onRollback(i.id);
                          }}
                        >
                          {t('imports.confirmRollback', { id: i.id })}
                        </button>
                        <button type="button" className="chip" onClick={() => setConfirming(null)}>
                          {t('imports.cancel')}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="chip"
                        data-testid={`rollback-${i.id}`}
                        disabled={busy}
                        onClick={() => setConfirming(i.id)}
                      >
                        {t('imports.rollback')}
                      </button>
                    ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
