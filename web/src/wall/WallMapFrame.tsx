/**
 * The wall's middle: the map (its code fetched while the first data is read), with the layer
 * switches, the legend, the time bar and the card of what was clicked laid over it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.js';
import { useModule } from '../app/use-module.js';
import type { LayerToggle, LayerVisibility } from '../map/layer-toggles.js';
import type { AreaRate } from '../map/layers/choropleth.js';
import type { WallMapProps } from '../map/WallMap.js';
import type { MapSelection } from '../map/wall-picking.js';
import { ForecastOverlay, type PickedForecastGrid } from '../forecast/ForecastOverlay.js';
import type { ScreenForecast } from '../forecast/use-screen-forecast.js';
import { DetailCard } from './DetailCard.js';
import { LayerToggles, Legend } from './LayerPanel.js';
import { TimeBar } from './TimeBar.js';
import type { useWallTime } from './use-wall-time.js';

const loadWallMap = () => import('../map/WallMap.js');

export interface WallMapFrameProps {
  api: ApiClient;
  /** The map's props but selection, which the frame keeps; null until the map has somewhere to open. */
  map: Omit<WallMapProps, 'onSelect' | 'onZoom' | 'selectedCamera'> | null;
  wallTime: ReturnType<typeof useWallTime>;
  visibility: LayerVisibility;
  onToggle: (layer: LayerToggle) => void;
  names: ReadonlyMap<string, string>;
  townshipRates: ReadonlyMap<string, AreaRate>;
  /** Says that the home view is framed to where the cases are (null: the whole unit). */
  framedNote: string | null;
  /** The forecast card's data while the forecast layer is on (null while it loads). */
  forecast?: ScreenForecast | null;
}

export function WallMapFrame(p: WallMapFrameProps) {
  const { t } = useTranslation();
  const WallMap = useModule(loadWallMap)?.default;
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [zoom, setZoom] = useState<number | null>(null);
  // A grid clicked on the forecast layer opens its forecast against its history instead.
  const [forecastGrid, setForecastGrid] = useState<PickedForecastGrid | null>(null);
  const open = selection ?? forecastGrid;
  // Esc closes the card, as it does any dialog.
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setSelection(null);
      setForecastGrid(null);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);
  const select = (s: MapSelection) => {
    setForecastGrid(null);
    setSelection(s);
  };
  const pickForecastGrid = (g: PickedForecastGrid | null) => {
    setSelection(null);
    setForecastGrid(g);
  };
  const { wallTime } = p;
  const { playDay, days } = wallTime;
  return (
    <div className="map-frame">
      {p.map && WallMap ? (
        <WallMap
          {...p.map}
          onSelect={select}
          onForecastGrid={pickForecastGrid}
          onZoom={setZoom}
          selectedCamera={selection?.kind === 'camera' ? selection.position : null}
        />
      ) : (
        <div className="map-loading">{t('wall.loading')}</div>
      )}
      {p.framedNote && (
        <div className="map-card framed-note" data-testid="map-framed-note">
          {p.framedNote}
        </div>
      )}
      <LayerToggles visibility={p.visibility} onToggle={p.onToggle} />
      <Legend visibility={p.visibility} zoom={zoom} />
      {p.visibility.forecast && (
        <ForecastOverlay
          api={p.api}
          forecast={p.forecast ?? null}
          names={p.names}
          picked={forecastGrid}
          onPick={pickForecastGrid}
        />
      )}
      <TimeBar
        window={wallTime.timeWindow}
        onWindow={wallTime.chooseWindow}
        playing={wallTime.playing}
        onPlay={wallTime.togglePlaying}
        day={playDay}
        progress={playDay ? (days.indexOf(playDay) + 1) / days.length : 0}
      />
      {selection && (
        <DetailCard
          api={p.api}
          selection={selection}
          names={p.names}
          rates={p.townshipRates}
          timeZone={wallTime.timeZone}
          onClose={() => setSelection(null)}
        />
      )}
    </div>
  );
}
