/**
 * Browser tests (pages opened with `?e2e`) place the pointer on features they know by longitude
 * and latitude: this hands them the map's projection to page pixels, as `window[name].project`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function exposeProjectionForTests(name: '__planMap' | '__wallMap', map: MapLibreMap): () => void {
  (window as unknown as Record<string, unknown>)[name] = {
    project: (lng: number, lat: number) => {
      const p = map.project([lng, lat]);
      // The map's pixels may be scaled by CSS (a 4K wall drawn in software).
      const canvas = map.getCanvas();
      const box = canvas.getBoundingClientRect();
      const k = box.width / canvas.clientWidth;
      return { x: box.left + p.x * k, y: box.top + p.y * k };
    },
  };
  return () => delete (window as unknown as Record<string, unknown>)[name];
}
