/** A page of audit entries, newest first. */
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../time/display-zone.js';
import { formatClock, dayKey } from '../time/zone.js';
import { auditDetailText } from '../api/error-text.js';
import { auditOperationText } from '../i18n/audit-operations.js';
import type { AuditEntry } from './audit-api.js';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  if (entries.length === 0) return <p className="empty">{t('admin.audit.none')}</p>;
  return (
    <table className="admin-table audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t('admin.audit.at')}</th>
          <th>{t('admin.audit.username')}</th>
          <th>{t('admin.audit.operation')}</th>
          <th>{t('admin.audit.target')}</th>
          <th>{t('admin.audit.outcome')}</th>
          <th>{t('admin.audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const at = new Date(e.at);
          const outcome = e.outcome ?? (e.success ? 'ok' : 'error');
          const detail = auditDetailText(e.detail, t);
          const operation = auditOperationText(e.operation, t);
          return (
            <tr key={e.id} data-id={e.id} data-outcome={outcome}>
              <td className="mono">
                {dayKey(at, timeZone)} {formatClock(at, timeZone)}
              </td>
              <td className="mono">{e.username ?? '—'}</td>
              {/* The operation in words, its API name beside it on hover; the target is an identifier. */}
              <td
                title={e.operation}
                data-operation={e.operation}
                {...(operation.known ? {} : { className: 'mono', translate: 'no' as const })}
              >
                {operation.text}
              </td>
              <td className="mono ellipsis" title={e.target ?? ''} translate="no">
                {e.target ?? '—'}
              </td>
              <td>
                <span className={`outcome ${outcome === 'ok' ? 'ok' : 'bad'}`}>{t(`admin.outcomes.${outcome}`)}</span>
              </td>
              <td className="ellipsis" title={detail.text} lang={detail.lang}>
                {detail.text}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
