/**
 * The report of one import run: what it read and would write (or wrote), every rejected record
 * with where it is in the file and why, and what was repaired. Positions come from the server
 * as "line 3" / "feature 2" / "record 5" and are shown in the page's language.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Problem, Report } from './import-api.js';

/** "line 3" → 第 3 行 / Line 3; anything else as it came. */
export function positionLabel(position: string, t: TFunction): string {
  const m = /^(line|feature|record) (\d+)$/.exec(position);
  if (m) return t(`imports.at.${m[1]}`, { n: Number(m[2]) });
  return position === 'file' ? t('imports.at.file') : position;
}

function ProblemTable({ title, rows, testId, kind }: { title: string; rows: Problem[]; testId: string; kind: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className={`import-problems ${kind}`}>
      <h3>
        {title} <span className="muted">({rows.length})</span>
      </h3>
      <div className="import-table-wrap">
        <table className="review-table import-table" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('imports.position')}</th>
              <th>{t('imports.field')}</th>
              <th>{t('imports.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={i} data-position={p.position} data-field={p.field}>
                <td>{positionLabel(p.position, t)}</td>
                <td>{t(`imports.fields.${p.field}`, { defaultValue: p.field })}</td>
                <td className="reason">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Count({ name, value, tone }: { name: string; value: number; tone?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`import-count ${tone ?? ''}`} data-count={name} data-value={value}>
      <b>{value}</b>
      <span>{t(`imports.count.${name}`)}</span>
    </div>
  );
}

export function ImportReport({ report, layerLabel }: { report: Report; layerLabel: string }) {
  const { t } = useTranslation();
  const c = report.counts;
  const state = report.applied ? 'applied' : report.rejected.length > 0 ? 'rejected' : 'checked';
  const summary =
    state === 'applied'
      ? t('imports.applied', { id: report.importId, inserted: c.inserted, updated: c.updated, layer: layerLabel })
      : state === 'rejected'
        ? t('imports.notApplied', { rejected: c.rejected })
        : t('imports.willApply', { inserted: c.inserted, updated: c.updated, layer: layerLabel });
  return (
    <div
      className={`import-report ${state}`}
      data-testid="import-report"
      data-state={state}
      data-import-id={report.importId ?? ''}
    >
      <p className="import-file muted">
        {report.fileName} · {report.format.toUpperCase()} ·{' '}
        {t(`imports.crsNames.${report.crs.replace(':', '_')}`, { defaultValue: report.crs })}
      </p>
      <div className="import-counts">
        <Count name="read" value={c.read} />
        <Count name="valid" value={c.valid} tone="ok" />
        <Count name="rejected" value={c.rejected} tone={c.rejected > 0 ? 'bad' : undefined} />
        <Count name={report.applied ? 'inserted' : 'toInsert'} value={c.inserted} />
        <Count name={report.applied ? 'updated' : 'toUpdate'} value={c.updated} />
        {report.counts.retired > 0 && <Count name="retired" value={c.retired} />}
        <Count name="warnings" value={c.warnings} tone={c.warnings > 0 ? 'warn' : undefined} />
      </div>
      <p className={`import-summary ${state}`} data-testid="import-summary">
        {summary}
      </p>
      <ProblemTable title={t('imports.rejected')} rows={report.rejected} testId="rejected" kind="bad" />
      <ProblemTable title={t('imports.warnings')} rows={report.warnings} testId="warnings" kind="warn" />
    </div>
  );
}
