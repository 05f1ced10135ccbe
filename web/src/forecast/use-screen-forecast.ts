/**
 * The forecast the wall and the review show: every grid's next-week forecast for the unit, the
 * township sums the map shades zoomed out, the predicted hot spots and alerts with their
 * outlines, and the unit's published track record. Read only while the layer is on.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import {
  FORECAST_SCREEN_HORIZON_DAYS,
  forecastAlerts,
  predictedHotSpots,
} from '../../../server/src/domain/forecast/alerts.js';
import { markWall } from '../map/benchmark-marks.js';
import type { AreaFeature } from '../map/layers/choropleth.js';
import type { AreaForecast } from '../map/layers/forecast.js';
import { outlineLoader } from '../stability/outlines.js';
import {
  SCREEN_FORECAST,
  type ForecastSkill,
  type ScreenForecastAnswer,
  type ScreenGridForecast,
  type UnitTotal,
} from './queries.js';

/** A forecast is of whole days; reading it again twice an hour catches the new day soon enough. */
const REFRESH_MS = 30 * 60_000;
/** At most this many townships' grid outlines are read for the outlined grids. */
const MAX_OUTLINE_TOWNSHIPS = 12;

export interface ScreenForecast {
  unit: string;
  grids: ScreenGridForecast[];
  /** By grid code and, summed, by county, township and village code. */
  byCode: Map<string, AreaForecast>;
  hotSpots: ScreenGridForecast[];
  alerts: ScreenGridForecast[];
  /** Outlines of the hot spots and alerted grids. */
  outlines: AreaFeature[];
  skill: ForecastSkill | null;
  /** The unit's total, and the start of the first forecast day. */
  total: UnitTotal | null;
  version: string;
}

const townshipOf = (gridCode: string) => `${gridCode.slice(0, 9)}000`;

/** The 12-digit codes of a grid's county, township and village. */
const unitsOf = (gridCode: string) => [`${gridCode.slice(0, 6)}000000`, townshipOf(gridCode), gridCode.slice(0, 12)];

/**
 * Sums of the grids' forecasts by county, township and village, for maps of units. The summed
 * 80 % bounds are wider than the sum's own interval (a quantile of a sum is at most the sum of
 * quantiles), so a unit reads paler than its forecast deserves, never surer.
 */
export function unitSums(grids: readonly ScreenGridForecast[]): Map<string, AreaForecast> {
  const sums = new Map<string, AreaForecast>();
  for (const g of grids) {
    for (const code of unitsOf(g.gridCode)) {
      const s = sums.get(code) ?? { expected: 0, upper80: 0, upper95: 0 };
      sums.set(code, {
        expected: s.expected + g.expected,
        upper80: s.upper80 + g.upper80,
        upper95: s.upper95 + g.upper95,
      });
    }
  }
  return sums;
}

export function useScreenForecast(api: ApiClient, unit: string | null, enabled: boolean): ScreenForecast | null {
  const outlines = useMemo(() => outlineLoader(api.query), [api]);
  const [value, setValue] = useState<ScreenForecast | null>(null);
  const key = enabled && unit ? unit : null;
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    const run = async () => {
      const answer = await api.query<ScreenForecastAnswer>(SCREEN_FORECAST, {
        unit: key,
        horizonDays: FORECAST_SCREEN_HORIZON_DAYS,
      });
      const grids = answer.forecast;
      const hotSpots = predictedHotSpots(grids);
      const alerts = forecastAlerts(grids);
      const byCode = unitSums(grids);
      for (const g of grids) byCode.set(g.gridCode, g);
      if (cancelled) return;
      // The shading shows at once; the hot spots' and alerts' outlines follow as they are read.
      const version = `${key}|${Date.now()}`;
      const shown = { unit: key, grids, byCode, hotSpots, alerts, skill: answer.forecastSkill };
      setValue({ ...shown, outlines: [], total: answer.unitForecast, version });
      markWall('forecast');
      const marked = new Set([...hotSpots, ...alerts].map((g) => g.gridCode));
      const townships = [...new Set([...marked].map(townshipOf))].slice(0, MAX_OUTLINE_TOWNSHIPS);
      const features = (await Promise.all(townships.map((t) => outlines.grids(t)))).flat();
      if (cancelled) return;
      setValue({
        ...shown,
        outlines: features.filter((f) => marked.has(f.properties.code)),
        total: answer.unitForecast,
        version: `${version}|outlined`,
      });
      markWall('forecast-outlines');
    };
    const tick = () => void run().catch(() => undefined); // the last answer stays; health shows outages
    tick();
    const timer = setInterval(tick, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [key, api]);
  return value && value.unit === key ? value : null;
}
