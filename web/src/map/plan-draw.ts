/**
 * terra-draw for the grid planner: the grids as its polygons (coloured by tone), vertex moves that
 * snap to the other grids' vertices and edges, and the line and polygon modes for split and redraw.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type HexColor,
  type SnappableContext,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { snapTarget } from './snap.js';
import type { Position, Ring } from '../geometry/positions.js';

export type PlanTone = 'normal' | 'picked' | 'error' | 'new';

export interface PlanMapGrid {
  key: string;
  ring: Ring;
  tone: PlanTone;
}

const TONE_FILL: Record<PlanTone, HexColor> = {
  normal: '#2f7fd8',
  picked: '#f0a020',
  error: '#e0403a',
  new: '#36b37e',
};
const idStrategy = (() => {
  let n = 0;
  return { isValidId: (id: unknown) => typeof id === 'string' && id.length > 0, getId: () => `draw-${++n}` };
})();

export const polygonFeature = (g: PlanMapGrid): GeoJSONStoreFeatures => ({
  id: g.key,
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [g.ring] },
  properties: { mode: 'polygon', tone: g.tone, grid: true },
});

export const sameRing = (a: readonly Position[], b: readonly Position[]) =>
  a.length === b.length && a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]);

export function makeDraw(map: MapLibreMap, rings: () => Ring[]) {
  const toneOf = (f: GeoJSONStoreFeatures) =>
    TONE_FILL[(f.properties.tone as PlanTone) ?? 'normal'] ?? TONE_FILL.normal;
  return new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
    idStrategy,
    modes: [
      new TerraDrawSelectMode({
        flags: {
          polygon: {
            feature: {
              draggable: false,
              coordinates: {
                draggable: true,
                midpoints: true,
                deletable: false,
                snappable: {
                  toCustom: (event: TerraDrawMouseEvent, context: SnappableContext) => {
                    const geometry = context.getCurrentGeometrySnapshot();
                    const index = context.currentCoordinate;
                    if (!geometry || geometry.type !== 'Polygon' || index === undefined) return undefined;
                    const moving = geometry.coordinates[0]![index] as Position | undefined;
                    if (!moving) return undefined;
                    return snapTarget(rings(), moving, [event.lng, event.lat], (p) => context.project(p[0], p[1]));
                  },
                },
              },
            },
          },
        },
        styles: {
          selectedPolygonColor: '#f0a020',
          selectedPolygonFillOpacity: 0.35,
          selectedPolygonOutlineColor: '#b86e00',
          selectedPolygonOutlineWidth: 3,
          selectionPointColor: '#ffffff',
          selectionPointOutlineColor: '#b86e00',
          selectionPointWidth: 5,
          midPointColor: '#b86e00',
          midPointWidth: 3,
        },
      }),
      new TerraDrawPolygonMode({
        snapping: { toCoordinate: true, toLine: true },
        styles: {
          fillColor: toneOf,
          fillOpacity: 0.22,
          outlineColor: (f: GeoJSONStoreFeatures) => (f.properties.tone === 'error' ? '#b3261e' : '#1c4f8a'),
          outlineWidth: 2,
        },
      }),
      new TerraDrawLineStringMode({ styles: { lineStringColor: '#d81b60', lineStringWidth: 3 } }),
    ],
  });
}
