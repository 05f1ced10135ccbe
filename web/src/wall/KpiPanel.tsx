/** The headline numbers: today's new and closed cases, open and overdue, rates, risk points by level. */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { css, RISK_LEVEL_COLORS } from '../theme/palette.js';
import { formatCount, formatPercent, widthInEms, type Language } from './format.js';
import { Panel } from '../ui/Panel.js';
import type { Summary } from './queries.js';

function Kpi({
  id,
  label,
  value,
  raw,
  tone,
}: {
  id: string;
  label: string;
  value: string;
  raw: number | null;
  tone?: string;
}) {
  return (
    <div className={`kpi ${tone ?? ''}`}>
      <span
        className="kpi-value"
        data-testid={`kpi-${id}`}
        data-value={raw ?? ''}
        style={{ '--width-ems': widthInEms(value) } as CSSProperties}
      >
        {value}
      </span>
      <span className="kpi-label">{label}</span>
    </div>
  );
}

export function KpiPanel({ summary }: { summary: Summary | null }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const n = (v: number | undefined) => (v === undefined ? '—' : formatCount(v, lang));
  const s = summary;
  return (
    <Panel title={t('kpi.title')} className="kpis" testId="panel-kpi">
      <div className="kpi-grid">
        <Kpi
          id="newCases"
          label={t('kpi.newCases')}
          value={n(s?.today.newCases)}
          raw={s?.today.newCases ?? null}
          tone="cyan"
        />
        <Kpi
          id="closedCases"
          label={t('kpi.closedCases')}
          value={n(s?.today.closedCases)}
          raw={s?.today.closedCases ?? null}
          tone="green"
        />
        <Kpi
          id="inProgress"
          label={t('kpi.inProgress')}
          value={n(s?.inProgress)}
          raw={s?.inProgress ?? null}
          tone="amber"
        />
        <Kpi
          id="overdue"
          label={t('kpi.overdue')}
          value={n(s?.overdue)}
          raw={s?.overdue ?? null}
          tone={s && s.overdue > 0 ? 'red' : ''}
        />
      </div>
      <div className="rates">
        <div className="rate">
          <span className="rate-label">
            {t('kpi.onTimeRate')}
            <small>{t('kpi.onTimeRateNote')}</small>
          </span>
          <span className="rate-value" data-testid="kpi-onTimeRate" data-value={s?.onTimeClosureRate ?? ''}>
            {formatPercent(s?.onTimeClosureRate, lang)}
          </span>
          <span className="meter">
            <span style={{ width: `${(s?.onTimeClosureRate ?? 0) * 100}%` }} />
          </span>
        </div>
        <div className="rate">
          <span className="rate-label">
            {t('kpi.cameraOnline')}
            <small>{s ? `${n(s.cameras.online)} / ${n(s.cameras.total)}` : ''}</small>
          </span>
          <span className="rate-value" data-testid="kpi-cameraOnline" data-value={s?.cameras.onlineRate ?? ''}>
            {formatPercent(s?.cameras.onlineRate, lang)}
          </span>
          <span className="meter teal">
            <span style={{ width: `${(s?.cameras.onlineRate ?? 0) * 100}%` }} />
          </span>
        </div>
      </div>
      <div className="risk-levels">
        <span className="rate-label">{t('kpi.riskPoints')}</span>
        {[1, 2, 3, 4].map((level) => {
          const count = s?.riskPointsByLevel.find((r) => r.level === level)?.count;
          return (
            <span key={level} className="risk-level" style={{ borderColor: css(RISK_LEVEL_COLORS[level]!) }}>
              <span className="risk-name">
                <i style={{ background: css(RISK_LEVEL_COLORS[level]!) }} />
                {t(`riskLevel.${level}`)}
              </span>
              <b data-testid={`kpi-risk-${level}`} data-value={count ?? ''}>
                {n(count)}
              </b>
            </span>
          );
        })}
      </div>
    </Panel>
  );
}
