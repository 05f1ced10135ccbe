/**
 * A grid's forecast against its history: its cases in each of the last twelve weeks (read by the
 * grid's outline) beside the next seven days' expected count and intervals.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.js';
import type { AreaFeature } from '../map/layers/choropleth.js';
import { weeklySeries } from './history.js';
import { GRID_WEEKS, type ScreenGridForecast } from './queries.js';

const WEEKS = 12;
const DAY_MS = 86_400_000;

export interface ForecastDrillProps {
  api: ApiClient;
  grid: ScreenGridForecast;
  outline: AreaFeature | null;
  name: string;
  /** The forecast's origin: history ends before it. */
  origin: Date;
  onClose: () => void;
}

export function ForecastDrill({ api, grid, outline, name, origin, onClose }: ForecastDrillProps) {
  const { t, i18n } = useTranslation();
  const [weeks, setWeeks] = useState<number[] | null>(null);
  useEffect(() => {
    if (!outline) return;
    let cancelled = false;
    setWeeks(null);
    api
      .query<{ caseStats: { key: string; count: number }[] }>(GRID_WEEKS, {
        polygon: outline.geometry,
        from: new Date(origin.getTime() - (WEEKS + 1) * 7 * DAY_MS).toISOString(),
        to: origin.toISOString(),
      })
      .then(
        (a) => !cancelled && setWeeks(weeklySeries(a.caseStats, origin)),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
  }, [api, grid.gridCode, outline, origin.getTime()]);
  const number = (x: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 1 }).format(x);
  const top = Math.max(1, grid.upper95, ...(weeks ?? []));
  const bar = (value: number, className: string, key: string | number) => (
    <i key={key} className={className} style={{ height: `${(value / top) * 100}%` }} title={String(value)} />
  );
  return (
    <section className="map-card forecast-drill" data-testid="forecast-drill">
      <h3>{t('forecast.drillTitle', { name })}</h3>
      <p>{t('forecast.drillWeeks', { weeks: WEEKS })}</p>
      <div className="forecast-bars" aria-hidden>
        {(weeks ?? []).map((w, i) => bar(w, 'past', i))}
        <span className="next">
          {bar(grid.upper95, 'upper95', 'u95')}
          {bar(grid.upper80, 'upper80', 'u80')}
          {bar(grid.expected, 'expected', 'e')}
        </span>
      </div>
      <p>
        {t('forecast.drillNext', {
          expected: number(grid.expected),
          lower80: grid.lower80,
          upper80: grid.upper80,
          lower95: grid.lower95,
          upper95: grid.upper95,
        })}
      </p>
      <button type="button" onClick={onClose}>
        {t('forecast.drillClose')}
      </button>
    </section>
  );
}
