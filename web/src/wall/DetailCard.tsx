/** The card for what was clicked on the map, looked up on the server. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaRate } from '../map/layers/choropleth.js';
import type { MapSelection } from '../map/wall-picking.js';
import { formatDateTime } from '../time/zone.js';
import type { ApiClient } from '../api/client.js';
import { CameraVideo } from '../video/CameraVideo.js';
import { lookUp } from './detail.js';
import { formatCount, formatRate, type Language } from './format.js';

type Fields = Record<string, unknown>;

export interface DetailCardProps {
  api: ApiClient;
  selection: MapSelection;
  names: ReadonlyMap<string, string>;
  rates: ReadonlyMap<string, AreaRate>;
  timeZone: string;
  onClose: () => void;
}

export function DetailCard({ api, selection, names, rates, timeZone, onClose }: DetailCardProps) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const [state, setState] = useState<{ record: Fields | null; loading: boolean }>({ record: null, loading: true });
  useEffect(() => {
    let cancelled = false;
    setState({ record: null, loading: true });
    lookUp(api, selection).then(
      (r) => !cancelled && setState({ record: r.record, loading: false }),
      () => !cancelled && setState({ record: null, loading: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, selection]);

  const r = state.record;
  const when = (v: unknown) => (typeof v === 'string' ? formatDateTime(new Date(v), timeZone) : t('detail.never'));
  const rows: [string, string][] = [];
  let title = '';
  if (r && selection.kind === 'case') {
    title = t('detail.case');
    rows.push(
      [t('detail.code'), String(r.code)],
      [t('detail.category'), t(`category.${r.category}`)],
      [t('detail.status'), t(`status.${r.status}`) + (r.overdue ? ` · ${t('detail.overdue')}` : '')],
      [t('detail.severity'), t(`severity.${r.severity}`)],
      [t('detail.source'), t(`source.${r.source}`)],
      [t('detail.reportedAt'), when(r.reportedAt)],
      [t('detail.deadline'), when(r.deadline)],
      [t('detail.handledLevel'), t(`handledLevel.${r.handledLevel}`)],
      [t('detail.village'), names.get(String(r.villageCode)) ?? String(r.villageCode)],
    );
  } else if (r && selection.kind === 'camera') {
    title = t('detail.camera');
    rows.push(
      [t('detail.name'), String(r.name)],
      [t('detail.code'), String(r.id)],
      [t('detail.kind'), t(`cameraKind.${r.kind}`)],
      [t('detail.status'), t(`cameraStatus.${r.status}`)],
      [t('detail.lastSeen'), when(r.lastSeen)],
      [t('detail.owner'), String(r.ownerUnit)],
    );
  } else if (r && selection.kind === 'riskPoint') {
    title = t('detail.riskPoint');
    rows.push(
      [t('detail.name'), String(r.name)],
      [t('detail.kind'), t(`riskCategory.${r.category}`)],
      [t('detail.level'), t(`riskLevel.${r.level}`)],
      [t('detail.responsible'), String(r.responsibleUnit)],
      [t('detail.inspected'), when(r.lastInspectedAt)],
    );
  } else if (r && (selection.kind === 'grid' || selection.kind === 'township')) {
    const code = String(r.code);
    const rate = rates.get(code);
    title = selection.kind === 'grid' ? t('detail.grid') : t('detail.unit');
    rows.push([t('detail.name'), String(r.name ?? names.get(code) ?? code)], [t('detail.code'), code]);
    if (typeof r.households === 'number') rows.push([t('detail.households'), formatCount(r.households, lang)]);
    if (typeof r.population === 'number') rows.push([t('detail.population'), formatCount(r.population, lang)]);
    const staff = r.staff as { head: number; workers: number; volunteers: number } | undefined;
    if (staff) rows.push([t('detail.staff'), t('detail.staffValue', staff)]);
    if (rate) {
      rows.push([t('detail.cases'), formatCount(rate.count, lang)]);
      if (rate.rate !== null) rows.push([t('detail.rate'), `${formatRate(rate.rate, lang)} ${t('legend.rate')}`]);
    }
  }
  return (
    <aside
      className="map-card detail"
      data-testid="detail-card"
      data-state={state.loading ? 'loading' : rows.length === 0 ? 'not-found' : 'found'}
    >
      <header>
        <h3>{title || t('detail.loading')}</h3>
        <button type="button" className="close" onClick={onClose} aria-label={t('detail.close')}>
          ×
        </button>
      </header>
      {state.loading ? (
        <p className="empty">{t('detail.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{t('detail.notFound')}</p>
      ) : (
        <>
          {r && selection.kind === 'camera' && r.status === 'online' && (
            <CameraVideo api={api} cameraId={String(r.id)} />
          )}
          <dl>
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}
