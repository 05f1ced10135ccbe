/** The audit record's filter: days, account, operation (from those recorded), target, outcome. */
import { useTranslation } from 'react-i18next';
import { OUTCOMES, daysReversed, type AuditForm } from './audit-api.js';
import { auditOperationText } from '../i18n/audit-operations.js';

export function AuditFilters({
  form,
  operations,
  busy,
  onChange,
  onSearch,
  onReset,
  onExport,
}: {
  form: AuditForm;
  operations: string[];
  busy: boolean;
  onChange: (patch: Partial<AuditForm>) => void;
  onSearch: () => void;
  onReset: () => void;
  onExport: () => void;
}) {
  const { t } = useTranslation();
  const reversed = daysReversed(form);
  return (
    <form
      className="audit-filters"
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reversed) onSearch();
      }}
    >
      <label>
        {t('admin.audit.from')}
        <input type="date" name="from" value={form.fromDay} onChange={(e) => onChange({ fromDay: e.target.value })} />
      </label>
      <label>
        {t('admin.audit.to')}
        <input type="date" name="to" value={form.toDay} onChange={(e) => onChange({ toDay: e.target.value })} />
      </label>
      <label>
        {t('admin.audit.username')}
        <input name="username" value={form.username} onChange={(e) => onChange({ username: e.target.value })} />
      </label>
      <label>
        {t('admin.audit.operation')}
        <select name="operation" value={form.operation} onChange={(e) => onChange({ operation: e.target.value })}>
          <option value="">{t('admin.audit.any')}</option>
          {operations.map((op) => (
            <option key={op} value={op}>
              {auditOperationText(op, t).text}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.target')}
        <input name="target" value={form.target} onChange={(e) => onChange({ target: e.target.value })} />
      </label>
      <label>
        {t('admin.audit.outcome')}
        <select
          name="outcome"
          value={form.outcome}
          onChange={(e) => onChange({ outcome: e.target.value as AuditForm['outcome'] })}
        >
          <option value="">{t('admin.audit.any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`admin.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="admin-actions">
        <button type="submit" className="chip on" disabled={busy || reversed} data-testid="audit-search">
          {t('admin.audit.search')}
        </button>
        <button type="button" className="chip" onClick={onReset}>
          {t('admin.audit.reset')}
        </button>
        <button type="button" className="chip" onClick={onExport} disabled={reversed} data-testid="audit-export">
          {t('admin.audit.export')}
        </button>
      </div>
      {reversed && <p className="admin-error wide">{t('admin.audit.reversed')}</p>}
    </form>
  );
}
