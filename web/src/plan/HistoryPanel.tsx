/** The village's committed changes, newest first: who, when, why, what kind; before/after; revert. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text.js';
import { useTimeZone } from '../time/display-zone.js';
import { formatDateTime } from '../time/zone.js';
import type { ChangeGrid, GridChange } from './queries.js';
import { sketchPaths } from './sketch.js';

function Sketch({ grids, title }: { grids: ChangeGrid[]; title: string }) {
  const paths = sketchPaths(
    grids.map((g) => ({ code: g.code, rings: g.geometry.coordinates })),
    132,
    88,
  );
  return (
    <figure className="sketch">
      <svg viewBox="0 0 132 88" width="132" height="88" role="img" aria-label={title}>
        {paths.map((p) => (
          <path key={p.code} d={p.d}>
            <title>{p.code}</title>
          </path>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export interface HistoryPanelProps {
  changes: readonly GridChange[];
  onRevert: (id: string, reason: string) => Promise<void>;
}

export function HistoryPanel({ changes, onRevert }: HistoryPanelProps) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const [reverting, setReverting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const revert = async (id: string) => {
    setError(null);
    try {
      await onRevert(id, reason);
      setReverting(null);
      setReason('');
    } catch (e) {
      setError(t('plan.history.revertFailed', { reason: errorText(e, t) }));
    }
  };
  return (
    <section className="plan-section" data-testid="history">
      <h3>{t('plan.history.title')}</h3>
      {changes.length === 0 && <p className="note">{t('plan.history.empty')}</p>}
      <ol className="changes">
        {changes.map((c) => (
          <li key={c.id} data-testid={`change-${c.id}`}>
            <div className="head">
              <strong>
                #{c.id} {t(`plan.kind.${c.kind}`)}
              </strong>
              <span>{t('plan.history.by', { author: c.author, at: formatDateTime(new Date(c.at), timeZone) })}</span>
            </div>
            <p className="why">{c.reason}</p>
            <p className="note">
              {t('plan.history.effective', { at: formatDateTime(new Date(c.effectiveFrom), timeZone) })} ·{' '}
              {t('plan.history.moved', {
                cases: c.casesMoved,
                cameras: c.camerasMoved,
                riskPoints: c.riskPointsMoved,
                households: c.householdsMoved,
              })}
            </p>
            {c.revertsChangeId && <p className="note">{t('plan.history.reverts', { id: c.revertsChangeId })}</p>}
            <div className="sketches">
              <Sketch grids={c.before} title={t('plan.history.before')} />
              <Sketch grids={c.after} title={t('plan.history.after')} />
            </div>
            {c.revertedByChangeId ? (
              <p className="note">{t('plan.history.reverted', { id: c.revertedByChangeId })}</p>
            ) : reverting === c.id ? (
              <div className="revert">
                <input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={t('plan.history.revertReason')}
                  data-testid="revert-reason"
                />
                <button type="button" className="chip on" disabled={!reason.trim()} onClick={() => void revert(c.id)}>
                  {t('plan.history.revertConfirm')}
                </button>
                <button type="button" className="chip" onClick={() => setReverting(null)}>
                  {t('plan.tools.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="chip" onClick={() => setReverting(c.id)} data-testid={`revert-${c.id}`}>
                {t('plan.history.revert')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
