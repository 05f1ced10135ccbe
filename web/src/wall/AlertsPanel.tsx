/** Alerts, most serious first. */
import { useTranslation } from 'react-i18next';
import type { Alert } from './alerts.js';
import { formatPercent, type Language } from './format.js';
import { Panel } from '../ui/Panel.js';

/** What fits the panel; alerts come most serious first, so the rest matter least. */
const MAX_ALERTS = 5;

export function AlertsPanel({ alerts }: { alerts: readonly Alert[] }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const values = (a: Alert) => ({
    ...a.values,
    ...(typeof a.values.category === 'string' ? { category: t(`category.${a.values.category}`) } : {}),
    ...(a.key === 'alerts.cameraRate'
      ? { rate: formatPercent(Number(a.values.rate), lang), threshold: formatPercent(Number(a.values.threshold), lang) }
      : {}),
  });
  return (
    <Panel title={t('panels.alerts')} className="alerts" testId="panel-alerts">
      {alerts.length === 0 ? (
        <p className="empty">{t('panels.alertsEmpty')}</p>
      ) : (
        <ul className="alert-list">
          {alerts.slice(0, MAX_ALERTS).map((a) => (
            <li key={a.id} className={`alert ${a.level}`}>
              {t(a.key, values(a))}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
