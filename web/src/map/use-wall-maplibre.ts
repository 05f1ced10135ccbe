/**
 * The wall's MapLibre map and its deck.gl overlay: made once the style and the home box are known,
 * fitted to the renderer that draws it, and kept in step with the page's camera wishes (home box,
 * the tour's flights, the UI scale) and basemap toggles. WallMap draws the layers on what this gives.
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { markWall } from './benchmark-marks.js';
import { layersInGroup, type StyleJson } from './basemap-style.js';
import type { Bbox } from './grid-view.js';
import { BASEMAP_TOGGLES, type LayerVisibility } from './layer-toggles.js';
import { mapPadding } from './padding.js';
import { mapCssScale } from './renderer.js';
import { fitToRenderer, scaleMap } from './software-scaling.js';
import type { FrameStats } from './use-frame-stats.js';
import { createWallOverlay, type OverlayHandlers } from './wall-overlay.js';
import { FLAT_MAP_OPTIONS } from './map-options.js';

setWorkerUrl(workerUrl);
// The map's workers start (fetch and compile their script) as this module loads, beside the style
// and the feeds, not once the map is made: they decode the basemap's tiles before its 'load'.
prewarm();

type Box = readonly [number, number, number, number];

export interface WallMapLibreInput {
  container: RefObject<HTMLDivElement | null>;
  style: StyleJson | null;
  home: Box;
  uiScale: number;
  /** Where to fly (the auto-tour); a new `key` flies again. */
  flyTo: { bbox: Box; key: number } | null;
  visibility: LayerVisibility;
  /** Whether the layers show now: frames drawn before stay unseen. */
  drawingNow: RefObject<boolean>;
  stats: FrameStats;
  /** Hover and click on the overlay; read at the moment they happen. */
  pointer: RefObject<Pick<OverlayHandlers, 'hover' | 'click'>>;
  onHealth: (ok: boolean) => void;
}

export interface WallMapLibre {
  map: MapLibreMap | null;
  overlay: RefObject<MapboxOverlay | null>;
  loaded: boolean;
  renderer: 'gpu' | 'software' | null;
  zoom: number;
  view: Bbox | null;
  /** The map's UI scale in its own pixels (CSS may scale a software-drawn map up). */
  mapUiScale: number;
  /** How much CSS scales the map's element up now. */
  scaleApplied: RefObject<number>;
}

/** Whether a map error is the server being away (a health matter) rather than a bug. */
function isUnreachable(error: { status?: number; message?: string } | undefined): boolean {
  const status = error?.status;
  return status === 0 || (status !== undefined && status >= 500) || /fetch|network/i.test(String(error?.message));
}

const zoomStep = (m: MapLibreMap) => Math.round(m.getZoom() * 4) / 4;

export function useWallMapLibre(input: WallMapLibreInput): WallMapLibre {
  const { container, style, home, uiScale, flyTo, visibility, drawingNow, stats, pointer, onHealth } = input;
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [zoom, setZoom] = useState(8);
  const [view, setView] = useState<Bbox | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [renderer, setRenderer] = useState<'gpu' | 'software' | null>(null);
  // Sizes in pixels (the UI scale, padding, the pointer) are in the map's own, smaller pixels.
  const mapUiScale = uiScale / mapCssScale(renderer === 'software', uiScale);
  const scaleApplied = useRef(1);

  const homeKnown = home !== null;
  // The box the map was last fitted to as home: it may open on the whole data set before the
  // account's unit is known, and is fitted to the unit's box once that comes.
  const homeKey = home?.join(',') ?? '';
  const fittedHome = useRef('');
  useEffect(() => {
    if (!style || !container.current || !homeKnown) return;
    markWall('map-created');
    fittedHome.current = homeKey;
    const m = new MapLibreMap({
      container: container.current,
      style: style as never,
      bounds: [...home] as Bbox,
      fitBoundsOptions: { padding: mapPadding(uiScale) },
      ...FLAT_MAP_OPTIONS,
    });
    const fit = fitToRenderer(m, home, uiScale);
    scaleApplied.current = fit.scale;
    const countFrame = stats.frameCounter(() => deck);
    const deck = createWallOverlay(fit, drawingNow, {
      afterFrame: () => countFrame(),
      hover: (hit, x, y) => pointer.current.hover(hit, x, y),
      click: (hit) => pointer.current.click(hit),
    });
    m.addControl(deck);
    overlay.current = deck;
    const track = () => {
      setZoom(zoomStep(m));
      const b = m.getBounds();
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    // The camera is set already (fitted to `bounds` as the map was made): the label levels it
    // shows can load their font files beside the basemap rather than after it.
    track();
    m.on('load', () => {
      markWall('map-loaded');
      setLoaded(true);
      track();
    });
    stats.watchBasemapData(m, Object.keys(style.sources));
    m.on('render', () => {
      if (!drawingNow.current) fit.gl?.flush();
    });
    m.on('moveend', track);
    m.on('zoom', () => setZoom(zoomStep(m)));
    m.on('error', (e) => {
      if (isUnreachable(e.error as { status?: number; message?: string } | undefined)) onHealth(false);
      else console.error('map:', e.error);
    });
    setRenderer(fit.software ? 'software' : 'gpu');
    setMap(m);
    return () => {
      overlay.current = null;
      setMap(null);
      deck.finalize();
      m.remove();
    };
    // The map is made once; later wishes reach it through the effects below.
  }, [style, homeKnown]);

  // A window resized to another UI scale (rare on a wall) scales a software-rendered map anew.
  useEffect(() => {
    const scale = mapCssScale(renderer === 'software', uiScale);
    if (!map || scale === scaleApplied.current) return;
    scaleMap(map, scale);
    scaleApplied.current = scale;
  }, [map, renderer, uiScale]);

  useEffect(() => {
    if (!map || !home || homeKey === fittedHome.current) return;
    fittedHome.current = homeKey;
    map.fitBounds([...home] as Bbox, { padding: mapPadding(mapUiScale), duration: 0 });
  }, [map, homeKey]);

  // Basemap toggles switch MapLibre's own layers.
  useEffect(() => {
    if (!map || !loaded || !style) return;
    for (const group of BASEMAP_TOGGLES) {
      for (const id of layersInGroup(style, group)) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility[group] ? 'visible' : 'none');
      }
    }
  }, [map, loaded, style, visibility]);

  // The tour starts once the map has loaded, so a wall shows where it flies from. Drawn in
  // software, a flight would be a slide show of a frame or two a second: the map jumps instead.
  useEffect(() => {
    if (map && loaded && flyTo)
      map.fitBounds([...flyTo.bbox] as Bbox, {
        padding: mapPadding(mapUiScale),
        duration: renderer === 'software' ? 0 : 4000,
        essential: true,
      });
  }, [map, loaded, flyTo]);

  return { map, overlay, loaded, renderer, zoom, view, mapUiScale, scaleApplied };
}
