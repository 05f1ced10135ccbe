/**
 * Browser tests (pages opened with `?e2e`) place the pointer on features they know by longitude
 * and latitude: this hands them the map's projection to page pixels, as `window[name].project`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function exposeProjectionForTests(name: '__planMap' | '__wallMap', map: MapLibreMap): () => void {
  (window as unknown as Record<string, unknown>)[name] = {
    project: (lng: number, lat: number) => {
      const p = map.project([lng, lat]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
  };
  return () => delete (window as unknown as Record<string, unknown>)[name];
}
