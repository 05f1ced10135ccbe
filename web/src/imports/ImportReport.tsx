/**
 * The report of one import run: what it read and would write (or wrote), the rejected records
 * grouped by reason with the first rows of each, and what was repaired. Positions come from the
 * server as "line 3" / "feature 2" / "record 5" and reasons as codes with parameters; both are
 * worded in the page's language (i18n/import-messages.ts).
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Problem, Report } from './import-api.js';
import { groupProblems } from './problem-groups.js';

/** Rows shown per group of refusals. */
const GROUP_ROWS = 5;

/** "line 3" → 第 3 行 / Line 3; anything else as it came. */
export function positionLabel(position: string, t: TFunction): string {
  const m = /^(line|feature|record) (\d+)$/.exec(position);
  if (m) return t(`imports.at.${m[1]}`, { n: Number(m[2]) });
  return position === 'file' ? t('imports.at.file') : position;
}

/** A problem in the page's language: from its code and parameters, else the server's English reason. */
export function problemText(p: Problem, t: TFunction): string {
  if (!p.code) return p.reason;
  const params = p.params ?? {};
  const column = typeof params.column === 'string' ? params.column : '';
  const key =
    p.code === 'bad_code' ? `imports.messages.problems.bad_code.${params.form}` : `imports.messages.problems.${p.code}`;
  return t(key, {
    ...params,
    column: column ? t(`imports.fields.${column}`, { defaultValue: column }) : '',
    ...(typeof params.first === 'string' ? { first: positionLabel(params.first, t) } : {}),
    defaultValue: p.reason,
  });
}

/** The file's field as the table names it: our column's name, with the file's own header beside it. */
function fieldLabel(p: Problem, t: TFunction): string {
  const column = typeof p.params?.column === 'string' ? p.params.column : p.field;
  const label = t(`imports.fields.${column}`, { defaultValue: column });
  return typeof p.params?.source === 'string' ? `${label}（${p.params.source}）` : label;
}

function RejectedGroups({ rows }: { rows: Problem[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="import-problems bad" data-testid="rejected-groups">
      <h3>
        {t('imports.rejected')} <span className="muted">({rows.length})</span>
      </h3>
      <p className="muted small">{t('imports.messages.groups', { shown: GROUP_ROWS })}</p>
      {groupProblems(rows, GROUP_ROWS).map((g) => (
        <div className="import-group" key={g.key} data-testid="rejected-group" data-key={g.key} data-count={g.count}>
          <h4>
            <span className="reason">{problemText(g.first[0]!, t)}</span>{' '}
            <span className="muted">{t('imports.messages.groupCount', { count: g.count })}</span>
          </h4>
          <div className="import-table-wrap">
            <table className="review-table import-table" data-testid="rejected">
              <thead>
                <tr>
                  <th>{t('imports.position')}</th>
                  <th>{t('imports.field')}</th>
                  <th>{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {g.first.map((p, i) => (
                  <tr key={i} data-position={p.position} data-field={p.field}>
                    <td>{positionLabel(p.position, t)}</td>
                    <td>{fieldLabel(p, t)}</td>
                    <td className="reason">{problemText(p, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
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
                <td>{fieldLabel(p, t)}</td>
                <td className="reason">{problemText(p, t)}</td>
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
      <RejectedGroups rows={report.rejected} />
      <ProblemTable title={t('imports.warnings')} rows={report.warnings} testId="warnings" kind="warn" />
    </div>
  );
}
