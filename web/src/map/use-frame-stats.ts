/**
 * What the wall's benchmarks read off a running map: performance marks for the basemap's data
 * and the first complete frame, and `data-frames` on the map's element, which counts deck.gl's
 * frames from that first complete one on. WallMap calls this hook once and hands its functions
 * to the map and overlay it makes; nothing else in the map counts or marks.
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';
import { useMemo, type RefObject } from 'react';
import { markWall } from './benchmark-marks.js';

/** A layer that never gets ready must not stop the count: after this many frames it starts anyway. */
const MAX_FRAMES_WAITED = 30;

/** Whether deck.gl still waits for something (a shader program being linked, a buffer) to draw. */
function deckPending(overlay: MapboxOverlay): boolean {
  // MapboxOverlay keeps its Deck private; without one there is nothing to wait for.
  const deck = (overlay as unknown as { _deck?: { needsRedraw: (o: { clearRedrawFlags: boolean }) => unknown } })._deck;
  return Boolean(deck?.needsRedraw({ clearRedrawFlags: false }));
}

export interface FrameStats {
  /**
   * A counter for one overlay's frames, to call after each of them: counts only frames drawn
   * while `drawing` says the layers show, and from the first one no layer waits in.
   */
  frameCounter: (overlay: () => MapboxOverlay) => () => void;
  /** Marks the moment every basemap tile in view is fetched and decoded, before its first frame. */
  watchBasemapData: (map: MapLibreMap, sourceIds: readonly string[]) => void;
}

/** The frame counter and basemap mark for the map inside `element`. */
export function useFrameStats(element: RefObject<HTMLElement | null>, drawing: RefObject<boolean>): FrameStats {
  return useMemo(
    () => ({
      frameCounter: (overlay) => {
        let frames = 0;
        let waited = 0;
        return () => {
          if (!element.current || !drawing.current) return;
          if (frames === 0 && deckPending(overlay()) && ++waited < MAX_FRAMES_WAITED) return;
          if (frames === 0) markWall('first-frame');
          element.current.dataset.frames = String(++frames);
        };
      },
      watchBasemapData: (map, sourceIds) => {
        const basemapData = (e: MapSourceDataEvent) => {
          if (!e.tile || !map.areTilesLoaded() || !sourceIds.every((id) => map.isSourceLoaded(id))) return;
          markWall('basemap-data');
          map.off('sourcedata', basemapData);
        };
        map.on('sourcedata', basemapData);
      },
    }),
    [element, drawing],
  );
}
