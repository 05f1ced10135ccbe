/**
 * /admin/audit: the audit administrator reads the record (filtered, newest first, in pages),
 * sees whether its hash chain holds, and exports the same filter as CSV.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../account/account-session.js';
import { accountSession } from '../account/current.js';
import { RequireAccount } from '../account/RequireAccount.js';
import { useSubmit } from '../account/use-account.js';
import { useTimeZone } from '../time/display-zone.js';
import { AdminPanel, AdminShell } from './AdminShell.js';
import { adminErrorText } from './admin-errors.js';
import {
  AUDIT_CHAIN,
  AUDIT_LOG,
  AUDIT_OPERATIONS,
  EMPTY_FORM,
  PAGE_SIZE,
  auditCsvPath,
  auditFilter,
  type AuditForm,
  type AuditPage as Page,
  type ChainReport,
} from './audit-api.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { ChainStatus } from './ChainStatus.js';
import { downloadWithToken } from './download.js';

function Audit({ session }: { session: AccountSession }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const [form, setForm] = useState<AuditForm>(EMPTY_FORM);
  const [applied, setApplied] = useState<AuditForm>(EMPTY_FORM);
  /** Cursors of the pages before this one (null: the first page), for going back. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page | null>(null);
  const [operations, setOperations] = useState<string[]>([]);
  const [chain, setChain] = useState<ChainReport | null>(null);
  const [chainFailed, setChainFailed] = useState(false);
  const { busy, error, run } = useSubmit();
  const exporting = useSubmit();

  useEffect(() => {
    session
      .query<{ auditOperations: string[] }>(AUDIT_OPERATIONS)
      .then((r) => setOperations(r.auditOperations))
      .catch(() => setOperations([]));
    session
      .query<{ auditChain: ChainReport }>(AUDIT_CHAIN)
      .then((r) => setChain(r.auditChain))
      .catch(() => setChainFailed(true));
  }, [session]);

  const cursor = cursors[cursors.length - 1] ?? null;
  const load = useCallback(
    () =>
      run(async () => {
        const { auditLog } = await session.query<{ auditLog: Page }>(AUDIT_LOG, {
          filter: auditFilter(applied, timeZone),
          first: PAGE_SIZE,
          after: cursor,
        });
        setPage(auditLog);
      }),
    [session, run, applied, cursor, timeZone],
  );
  useEffect(() => void load(), [load]);

  const search = (next: AuditForm) => {
    setApplied(next);
    setCursors([null]);
  };
  const exportCsv = () =>
    void exporting.run(async () => {
      const token = session.token();
      if (!token) return;
      await downloadWithToken(auditCsvPath(form, timeZone), token, 'audit.csv');
    });
  const pageNumber = cursors.length;
  const failure = error ?? exporting.error;

  return (
    <div className="audit-layout">
      <AdminPanel title={t('admin.audit.filterTitle')}>
        <AuditFilters
          form={form}
          operations={operations}
          busy={busy}
          onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
          onSearch={() => search(form)}
          onReset={() => {
            setForm(EMPTY_FORM);
            search(EMPTY_FORM);
          }}
          onExport={exportCsv}
        />
      </AdminPanel>
      <AdminPanel
        title={t('admin.audit.title')}
        note={<ChainStatus report={chain} failed={chainFailed} />}
        testId="audit"
        className="grow"
      >
        {failure ? (
          <p className="admin-error" role="alert" data-testid="admin-error">
            {adminErrorText(failure, t)}
          </p>
        ) : null}
        {page ? <AuditTable entries={page.entries} /> : <p className="empty">{t('account.working')}</p>}
        {page && (
          <div className="pager">
            <span className="muted" data-testid="audit-total">
              {t('admin.audit.total', { count: page.totalCount, page: pageNumber })}
            </span>
            <button
              type="button"
              className="chip"
              disabled={busy || pageNumber === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('admin.audit.previous')}
            </button>
            <button
              type="button"
              className="chip"
              disabled={busy || !page.nextCursor}
              data-testid="audit-next"
              onClick={() => setCursors((c) => [...c, page.nextCursor])}
            >
              {t('admin.audit.next')}
            </button>
          </div>
        )}
      </AdminPanel>
    </div>
  );
}

export function AuditPage() {
  return (
    <RequireAccount>
      {(signedIn) => (
        <AdminShell signedIn={signedIn}>
          <Audit session={accountSession} />
        </AdminShell>
      )}
    </RequireAccount>
  );
}
