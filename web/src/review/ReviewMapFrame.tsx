/**
 * The review's map, loaded on demand so the map libraries stay out of the first download, with
 * its legend of index bands, the hot-spot switch and the forecast switch (with its card), and
 * at close zoom the cameras: one clicked opens the wall's detail card, with its live video.
 */
import { lazy, Suspense, useEffect, useMemo, useState, type MutableRefObject } from 'react';
import type { ApiClient } from '../api/client.js';
import { ForecastOverlay, type PickedForecastGrid } from '../forecast/ForecastOverlay.js';
import { useScreenForecast } from '../forecast/use-screen-forecast.js';
import { useTranslation } from 'react-i18next';
import type { StyleJson } from '../map/basemap-style.js';
import type { AreaFeature } from '../map/layers/choropleth.js';
import type { MapSelection } from '../map/wall-picking.js';
import { useTimeZone } from '../time/display-zone.js';
import { DetailCard } from '../wall/DetailCard.js';
import { BAND_COLORS, HOTSPOT_COLORS } from '../theme/palette.js';
import { useReviewCameras } from './use-review-cameras.js';
import type { ReviewView } from './use-review-view.js';

const NO_RATES = new Map();

const ReviewMap = lazy(() => import('../map/ReviewMap.js'));

export interface ReviewMapFrameProps {
  api: ApiClient;
  /** The unit reviewed: the forecast is of its grids. */
  unit: string | null;
  style: StyleJson | null;
  view: ReviewView;
  hotGrids: AreaFeature[];
  /** The unit under the pointer (in the map or the ranking), highlighted on both. */
  hover: string | null;
  drillable: boolean;
  describe: (code: string, layer: 'area' | 'hotspot') => string[];
  onPick: (code: string) => void;
  canvases: MutableRefObject<() => HTMLCanvasElement[]>;
}

export function ReviewMapFrame(p: ReviewMapFrameProps) {
  const { t } = useTranslation();
  const [showHotspots, setShowHotspots] = useState(true);
  const [showForecast, setShowForecast] = useState(false);
  const forecast = useScreenForecast(p.api, p.unit, showForecast);
  const [forecastGrid, setForecastGrid] = useState<PickedForecastGrid | null>(null);
  const { cameras, onView } = useReviewCameras(p.api);
  const [camera, setCamera] = useState<MapSelection | null>(null);
  const timeZone = useTimeZone();
  // Esc closes the camera's card, as on the wall.
  useEffect(() => {
    if (!camera) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setCamera(null);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [camera]);
  const forecastLayer = useMemo(
    () =>
      forecast && {
        forecasts: forecast.byCode,
        hotSpots: forecast.outlines.filter((o) => forecast.hotSpots.some((g) => g.gridCode === o.properties.code)),
        alerts: new Set(forecast.alerts.map((g) => g.gridCode)),
        version: forecast.version,
      },
    [forecast],
  );
  const bandName = (band: string) => t(`band.${band}`);
  return (
    <div className="review-map-frame">
      <Suspense fallback={<div className="map-loading">{t('review.loading')}</div>}>
        <ReviewMap
          style={p.style}
          areas={p.view.areas}
          scores={p.view.scores}
          selected={p.hover}
          hotspots={{ grids: p.hotGrids, bins: p.view.bins, visible: showHotspots }}
          forecast={showForecast ? forecastLayer : null}
          bbox={p.view.bbox}
          describe={p.describe}
          onPick={p.onPick}
          onForecastGrid={setForecastGrid}
          cameras={cameras}
          onView={onView}
          onCamera={(position) => setCamera({ kind: 'camera', position })}
          selectedCamera={camera && 'position' in camera ? camera.position : null}
          onCanvases={(get) => (p.canvases.current = get)}
        />
      </Suspense>
      <div className="map-card review-legend" data-testid="review-legend">
        <h3>{t('legend.index')}</h3>
        {(['blue', 'yellow', 'orange', 'red'] as const).map((band) => (
          <span key={band} className="legend-item">
            <i style={{ background: `rgb(${BAND_COLORS[band].join(' ')})` }} />
            {bandName(band)}
          </span>
        ))}
        <button
          type="button"
          className={`toggle${showHotspots ? ' on' : ''}`}
          aria-pressed={showHotspots}
          data-testid="toggle-hotspots"
          onClick={() => setShowHotspots((v) => !v)}
        >
          <i />
          {t('legend.hotspots')}
        </button>
        {showHotspots &&
          [3, 2, 1, -1, -2, -3].map((bin) => (
            <span key={bin} className="legend-item">
              <i className="outline" style={{ borderColor: `rgb(${HOTSPOT_COLORS[bin]!.join(' ')})` }} />
              {t(`hotspotBin.${bin}`)}
            </span>
          ))}
        <button
          type="button"
          className={`toggle${showForecast ? ' on' : ''}`}
          aria-pressed={showForecast}
          data-testid="toggle-forecast"
          onClick={() => setShowForecast((v) => !v)}
        >
          <i />
          {t('layers.forecast')}
        </button>
        <p className="hint">{p.drillable ? t('review.drill') : t('review.leaf')}</p>
      </div>
      {camera && (
        <DetailCard
          api={p.api}
          selection={camera}
          names={p.view.names}
          rates={NO_RATES}
          timeZone={timeZone}
          onClose={() => setCamera(null)}
        />
      )}
      {showForecast && (
        <ForecastOverlay
          api={p.api}
          forecast={forecast}
          names={p.view.names}
          picked={forecastGrid}
          onPick={setForecastGrid}
        />
      )}
    </div>
  );
}
