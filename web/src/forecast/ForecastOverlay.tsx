/**
 * The forecast card over a map, and the drill-down of the grid picked — in the card's lists or
 * by a click on the map's forecast layer (the screen keeps which, so a map click reaches it).
 */
import type { ApiClient } from '../api/client.js';
import type { AreaFeature } from '../map/layers/choropleth.js';
import { ForecastCard, useGridName } from './ForecastCard.js';
import { ForecastDrill } from './ForecastDrill.js';
import type { ScreenForecast } from './use-screen-forecast.js';
import './forecast.css';

/** The grid whose drill-down is open; its outline when the map gave one (else the card's outlines). */
export interface PickedForecastGrid {
  gridCode: string;
  outline: AreaFeature | null;
}

export interface ForecastOverlayProps {
  api: ApiClient;
  forecast: ScreenForecast | null;
  names: ReadonlyMap<string, string>;
  picked: PickedForecastGrid | null;
  onPick: (grid: PickedForecastGrid | null) => void;
}

export function ForecastOverlay({ api, forecast, names, picked, onPick }: ForecastOverlayProps) {
  const gridName = useGridName(names);
  const current = picked && forecast?.grids.find((g) => g.gridCode === picked.gridCode);
  const outline = picked?.outline ?? forecast?.outlines.find((o) => o.properties.code === picked?.gridCode) ?? null;
  return (
    <>
      <ForecastCard forecast={forecast} names={names} onPick={(g) => onPick({ gridCode: g.gridCode, outline: null })} />
      {current && forecast?.total && (
        <ForecastDrill
          api={api}
          grid={current}
          outline={outline}
          name={gridName(current.gridCode)}
          origin={new Date(forecast.total.origin)}
          onClose={() => onPick(null)}
        />
      )}
    </>
  );
}
