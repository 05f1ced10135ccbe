/** Alerts, most serious first. */
import { useTranslation } from 'react-i18next';
import type { Alert } from './alerts.js';
import { formatPercent, type Language } from './format.js';
import { dayKey, formatHourMinute } from '../time/zone.js';
import { Panel } from '../ui/Panel.js';

/** What fits the panel; alerts come most serious first, so the rest matter least. */
const MAX_ALERTS = 5;

/** A deadline as the wall says it: MM-DD HH:MM in the display time zone. */
function deadlineText(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${dayKey(at, timeZone).slice(5)} ${formatHourMinute(at, timeZone)}`;
}

export function AlertsPanel({ alerts, timeZone }: { alerts: readonly Alert[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const values = (a: Alert) => ({
    ...a.values,
    ...(typeof a.values.category === 'string' ? { category: t(`category.${a.values.category}`) } : {}),
    ...(a.key === 'alerts.cameraRate'
      ? { rate: formatPercent(Number(a.values.rate), lang), threshold: formatPercent(Number(a.values.threshold), lang) }
      : {}),
    ...(typeof a.values.deadline === 'string' ? { deadline: deadlineText(a.values.deadline, timeZone) } : {}),
    ...(typeof a.values.since === 'string' ? { since: formatHourMinute(new Date(a.values.since), timeZone) } : {}),
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
