/**
 * Adds the basemap sources held back from the first style (deferCloseUpSources) once the map gets
 * within a zoom step of showing them, with the visibility their toggle has then.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { DeferredSource } from './basemap-style.js';

export function useCloseUpSources(
  map: MapLibreMap | null,
  deferred: readonly DeferredSource[],
  isVisible: (layerId: string) => boolean,
) {
  const visible = useRef(isVisible);
  visible.current = isVisible;
  useEffect(() => {
    if (!map) return;
    const pending = new Set(deferred);
    const addNear = () => {
      for (const d of pending) {
        if (map.getZoom() < d.minzoom - 1) continue;
        try {
          if (!map.getSource(d.id)) map.addSource(d.id, d.source as never);
        } catch {
          continue; // the style is still being read: 'style.load' tries again
        }
        pending.delete(d);
        for (const { layer, beforeId } of d.layers) {
          if (map.getLayer(layer.id)) continue;
          const layout = {
            ...(layer as { layout?: object }).layout,
            visibility: visible.current(layer.id) ? 'visible' : 'none',
          };
          map.addLayer({ ...layer, layout } as never, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
        }
      }
    };
    map.on('style.load', addNear);
    map.on('load', addNear);
    map.on('zoom', addNear);
    addNear();
    return () => {
      map.off('style.load', addNear);
      map.off('load', addNear);
      map.off('zoom', addNear);
    };
  }, [map, deferred]);
}
