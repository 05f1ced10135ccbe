/** Saving: a reason and an effective date; warnings need a tick; errors and conflicts are said plainly. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text.js';
import { ApiError } from '../api/errors.js';
import { useTimeZone } from '../time/display-zone.js';
import { dayKey, startOfDay } from '../time/zone.js';

export interface CommitFormProps {
  /** Why saving is not possible now, or null. */
  blocked: string | null;
  hasWarnings: boolean;
  onSave: (reason: string, effectiveFrom: Date | null, confirmWarnings: boolean) => Promise<string>;
  onReload: () => void;
}

export function CommitForm(p: CommitFormProps) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const today = dayKey(new Date(), timeZone);
  const [reason, setReason] = useState('');
  const [day, setDay] = useState(today);
  const [confirm, setConfirm] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; conflict?: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setOutcome(null);
    try {
      // Today: the server's "now", so the new versions follow the ones they replace.
      const id = await p.onSave(reason, day === today ? null : startOfDay(day, timeZone), confirm);
      setOutcome({ ok: true, text: t('plan.commit.saved', { id }) });
      setReason('');
      setConfirm(false);
    } catch (error) {
      const conflict = error instanceof ApiError && error.code === 'CONFLICT';
      const text = errorText(error, t);
      setOutcome({
        ok: false,
        conflict,
        text: conflict ? t('plan.commit.conflict', { reason: text }) : t('plan.commit.failed', { reason: text }),
      });
    } finally {
      setSaving(false);
    }
  };
  const disabled = saving || p.blocked !== null || reason.trim() === '' || (p.hasWarnings && !confirm);
  return (
    <form className="plan-section commit" onSubmit={submit} data-testid="commit-form">
      <h3>{t('plan.commit.title')}</h3>
      <label>
        {t('plan.commit.reason')}
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          rows={2}
          data-testid="reason"
        />
      </label>
      <label>
        {t('plan.commit.effectiveFrom')}
        <input
          type="date"
          value={day}
          max={today}
          onChange={(e) => setDay(e.target.value || today)}
          data-testid="effective"
        />
      </label>
      {p.hasWarnings && (
        <label className="check">
          <input
            type="checkbox"
            checked={confirm}
            onChange={(e) => setConfirm(e.target.checked)}
            data-testid="confirm-warnings"
          />
          {t('plan.commit.confirmWarnings')}
        </label>
      )}
      {p.blocked && <p className="note">{p.blocked}</p>}
      <button type="submit" className="chip on" disabled={disabled} data-testid="save">
        {saving ? t('plan.commit.saving') : t('plan.commit.save')}
      </button>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'error'} data-testid="commit-outcome" data-ok={outcome.ok}>
          {outcome.text}
          {outcome.conflict && (
            <button type="button" className="chip" onClick={p.onReload} data-testid="reload">
              {t('plan.commit.reload')}
            </button>
          )}
        </p>
      )}
    </form>
  );
}
