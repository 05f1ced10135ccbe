/**
 * Grids for the choropleth, loaded per township for the townships in view once the map is
 * zoomed in far enough, and dropped again when they leave the view (memory stays flat). Counts
 * follow the time window.
 */
import { useEffect, useMemo, useState } from 'react';
import { featureBbox, townshipsInView, type Bbox } from './grid-view.js';
import type { AreaFeature } from './layers/choropleth.js';
import { ZOOM } from './layers/zoom.js';

export interface GridArea {
  feature: AreaFeature;
  households: number;
  count: number;
}

export type LoadGrids = (townshipCode: string) => Promise<GridArea[]>;

export function useGrids(
  townships: readonly AreaFeature[],
  view: Bbox | null,
  zoom: number,
  load: LoadGrids,
  key: string,
): GridArea[] {
  const boxes = useMemo(() => new Map(townships.map((t) => [t.properties.code, featureBbox(t)])), [townships]);
  const wanted = useMemo(
    () => (view && zoom >= ZOOM.gridsFrom ? townshipsInView(boxes, view).join(',') : ''),
    [boxes, view, zoom],
  );
  const [loaded, setLoaded] = useState<ReadonlyMap<string, GridArea[]>>(new Map());
  useEffect(() => {
    let cancelled = false;
    const codes = wanted ? wanted.split(',') : [];
    Promise.allSettled(codes.map((code) => load(code).then((g) => [code, g] as const))).then((results) => {
      if (cancelled) return;
      setLoaded((before) => {
        const next = new Map<string, GridArea[]>();
        results.forEach((r, i) => {
          const code = codes[i]!;
          // A failed load keeps what was there, so the map does not flicker while the server is away.
          const grids = r.status === 'fulfilled' ? r.value[1] : before.get(code);
          if (grids) next.set(code, grids);
        });
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [wanted, load, key]);
  return useMemo(() => [...loaded.values()].flat(), [loaded]);
}
