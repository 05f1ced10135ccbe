/**
 * The case rates the wall's choropleth colours areas by: the townships' from the page, the grids'
 * from their counts as they load, with class breaks for each level.
 */
import { useEffect, useMemo } from 'react';
import { areaRate, rateBreaks, type AreaRate } from './layers/choropleth.js';
import type { useGrids } from './use-grids.js';

type Grids = ReturnType<typeof useGrids>;

/** Rates by code, their breaks, and a version that changes with them (so deck.gl recolours). */
export function useAreaRates(
  townshipRates: ReadonlyMap<string, AreaRate>,
  grids: Grids,
  onGridTownships?: (codes: string[]) => void,
) {
  const rates = useMemo(() => {
    const all = new Map(townshipRates);
    for (const g of grids) all.set(g.feature.properties.code, areaRate(g.count, g.households));
    return all;
  }, [townshipRates, grids]);
  const breaks = useMemo(
    () => ({
      townships: rateBreaks([...townshipRates.values()].map((r) => r.rate)),
      grids: rateBreaks(grids.map((g) => areaRate(g.count, g.households).rate)),
    }),
    [townshipRates, grids],
  );
  const gridTownships = useMemo(
    () => [...new Set(grids.map((g) => `${g.feature.properties.code.slice(0, 9)}000`))].sort().join(','),
    [grids],
  );
  useEffect(() => onGridTownships?.(gridTownships ? gridTownships.split(',') : []), [gridTownships]);
  const version = useMemo(() => rates.size + Math.random(), [rates]);
  return useMemo(() => ({ rates, breaks, version }), [rates, breaks, version]);
}
