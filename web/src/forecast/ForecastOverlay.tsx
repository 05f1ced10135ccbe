/** The forecast card over a map, and the drill-down of the grid picked in it. */
import { useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ForecastCard, useGridName } from './ForecastCard.js';
import { ForecastDrill } from './ForecastDrill.js';
import type { ScreenGridForecast } from './queries.js';
import type { ScreenForecast } from './use-screen-forecast.js';
import './forecast.css';

export function ForecastOverlay({
  api,
  forecast,
  names,
}: {
  api: ApiClient;
  forecast: ScreenForecast | null;
  names: ReadonlyMap<string, string>;
}) {
  const [picked, setPicked] = useState<ScreenGridForecast | null>(null);
  const gridName = useGridName(names);
  const current = picked && forecast?.grids.find((g) => g.gridCode === picked.gridCode);
  return (
    <>
      <ForecastCard forecast={forecast} names={names} onPick={setPicked} />
      {current && forecast?.total && (
        <ForecastDrill
          api={api}
          grid={current}
          outline={forecast.outlines.find((o) => o.properties.code === current.gridCode) ?? null}
          name={gridName(current.gridCode)}
          origin={new Date(forecast.total.origin)}
          onClose={() => setPicked(null)}
        />
      )}
    </>
  );
}
