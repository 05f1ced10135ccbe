/** Creating an account, or changing one's display name and jurisdiction (system administrator). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnitCode } from './account-actions.js';

export interface AccountFields {
  username: string;
  displayName: string;
  jurisdiction: string;
}

export function AccountForm({
  initial,
  editing,
  busy,
  onSubmit,
  onCancel,
}: {
  initial: AccountFields;
  editing: boolean;
  busy: boolean;
  onSubmit: (fields: AccountFields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState(initial);
  const set = (patch: Partial<AccountFields>) => setFields((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...fields, username: fields.username.trim(), displayName: fields.displayName.trim() });
  };
  const codeOk = isUnitCode(fields.jurisdiction);
  return (
    <form className="admin-form" onSubmit={submit} data-testid={editing ? 'edit-account' : 'create-account'}>
      <label>
        {t('admin.accounts.username')}
        <input
          name="username"
          value={fields.username}
          disabled={editing}
          onChange={(e) => set({ username: e.target.value })}
          pattern="[A-Za-z0-9._\-]{3,32}"
          autoComplete="off"
          required
        />
        {!editing && <small>{t('admin.form.usernameHint')}</small>}
      </label>
      <label>
        {t('admin.accounts.displayName')}
        <input
          name="displayName"
          value={fields.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
          maxLength={64}
          required
        />
      </label>
      <label>
        {t('admin.accounts.jurisdiction')}
        <input
          name="jurisdiction"
          className="mono"
          value={fields.jurisdiction}
          onChange={(e) => set({ jurisdiction: e.target.value.replace(/\D/g, '').slice(0, 12) })}
          inputMode="numeric"
          required
        />
        <small className={codeOk || !fields.jurisdiction ? '' : 'bad'}>{t('admin.form.jurisdictionHint')}</small>
      </label>
      {!editing && <p className="muted small">{t('admin.form.createNote')}</p>}
      <div className="admin-actions">
        <button type="submit" className="chip on" disabled={busy || !codeOk} data-testid="account-form-submit">
          {editing ? t('admin.form.save') : t('admin.form.create')}
        </button>
        <button type="button" className="chip" onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      </div>
    </form>
  );
}
