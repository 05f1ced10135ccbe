/**
 * Browser tests (pages opened with `?e2e`) place the pointer on features they know by longitude
 * and latitude: this hands them the map's projection to page pixels, as `window[name].project`,
 * and what the map draws (`window[name].drawn()`: the codes of the grids on it, say).
 * The one place where production code exposes anything to tests; without `?e2e` it does nothing.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';

/** The global a page's map is exposed under. */
export type BrowserTestHandle = '__planMap' | '__wallMap' | '__reviewMap';

const underBrowserTest = () => new URLSearchParams(window.location.search).has('e2e');

/** Exposes `map`'s projection as `window[name]` while the map lives, on pages opened with `?e2e`. */
export function useBrowserTestHandle(
  name: BrowserTestHandle,
  map: MapLibreMap | null,
  drawn: () => Record<string, unknown> = () => ({}),
): void {
  const drawnNow = useRef(drawn);
  drawnNow.current = drawn;
  useEffect(() => {
    if (!map || !underBrowserTest()) return;
    const slots = window as unknown as Record<string, unknown>;
    slots[name] = {
      drawn: () => drawnNow.current(),
      project: (lng: number, lat: number) => {
        const p = map.project([lng, lat]);
        // The map's pixels may be scaled by CSS (a 4K wall drawn in software).
        const canvas = map.getCanvas();
        const box = canvas.getBoundingClientRect();
        const k = box.width / canvas.clientWidth;
        return { x: box.left + p.x * k, y: box.top + p.y * k };
      },
    };
    return () => void delete slots[name];
  }, [name, map]);
}
