/** Whether the audit record's hash chain holds, as the server verified it. */
import { useTranslation } from 'react-i18next';
import type { ChainReport } from './audit-api.js';

export function ChainStatus({ report, failed }: { report: ChainReport | null; failed: boolean }) {
  const { t } = useTranslation();
  if (failed) return <span className="chain unknown">{t('admin.chain.unknown')}</span>;
  if (!report) return <span className="chain unknown">{t('admin.chain.checking')}</span>;
  return report.intact ? (
    <span className="chain intact" data-testid="chain-status" data-intact="true">
      {t('admin.chain.intact', { count: report.checked })}
    </span>
  ) : (
    <span className="chain broken" data-testid="chain-status" data-intact="false" title={report.problem ?? ''}>
      {t('admin.chain.broken', { id: report.firstBrokenId ?? '?' })}
    </span>
  );
}
