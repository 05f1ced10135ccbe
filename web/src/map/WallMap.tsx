/**
 * The wall's map: a MapLibre basemap from our own server with deck.gl layers overlaid on their own
 * canvas (MapboxOverlay, overlaid). Interleaving them into MapLibre's context reached a complete
 * first frame later in software rendering, and MapLibre 6 hides the camera transform deck.gl's
 * interleaving reads.
 * Loaded with a dynamic import, so the map libraries stay out of the first download.
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey, startOfDay } from '../time/zone.js';
import { markWall } from './benchmark-marks.js';
import { layersInGroup, type StyleJson } from './basemap-style.js';
import type { Bbox } from './grid-view.js';
import { drawRiskIcon, ICON_MAPPING } from './icons.js';
import { BASEMAP_TOGGLES, type LayerVisibility } from './layer-toggles.js';
import type { AreaFeature, AreaRate } from './layers/choropleth.js';
import type { AreaScore } from './layers/index-areas.js';
import type { LabelPlace } from './layers/labels.js';
import { mapPadding } from './padding.js';
import { mapCssScale } from './renderer.js';
import { fitToRenderer, scaleMap } from './software-scaling.js';
import { tooltipLines, type Hit } from './tooltip.js';
import { useAreaRates } from './use-area-rates.js';
import { useBrowserTestHandle } from './use-browser-test-handle.js';
import { useDrawingGate } from './use-drawing-gate.js';
import { useFrameStats } from './use-frame-stats.js';
import { useGrids, type LoadGrids } from './use-grids.js';
import { useLabelGlyphs } from './use-label-glyphs.js';
import { useWallLayers } from './use-wall-layers.js';
import { createWallOverlay } from './wall-overlay.js';
import type { Feeds, TimeSelection, WallForecastInput, WallLayerInput } from './wall-layers.js';
import { forecastGridOf, selectionsOf, type ForecastGridPick, type MapSelection } from './wall-picking.js';

setWorkerUrl(workerUrl);
// The map's workers start (fetch and compile their script) as this module loads, beside the style
// and the feeds, not once the map is made: they decode the basemap's tiles before its 'load'.
prewarm();

type Box = readonly [number, number, number, number];

export interface WallMapProps {
  /**
   * The map's data, fetched by the page (use-map-data.ts) while this module still loads, so the
   * network and the software renderer's start-up overlap.
   */
  basemap: { style: StyleJson | null; townships: AreaFeature[] };
  feeds: Feeds;
  onHealth: (ok: boolean) => void;
  home: Box;
  /** Where to fly (the auto-tour); a new `key` flies again. */
  flyTo: { bbox: Box; key: number } | null;
  places: readonly LabelPlace[];
  names: ReadonlyMap<string, string>;
  prefix: string;
  visibility: LayerVisibility;
  time: TimeSelection;
  townshipRates: ReadonlyMap<string, AreaRate>;
  loadGrids: LoadGrids;
  /** Changes when grid counts must be read again (time window, refresh). */
  gridKey: string;
  uiScale: number;
  timeZone: string;
  onSelect: (selection: MapSelection) => void;
  /** A grid clicked on the forecast layer: its forecast against its history, not the grid's card. */
  onForecastGrid?: (pick: ForecastGridPick) => void;
  /** Published index scores of townships and grids, for the 'index' layer. */
  index?: { scores: ReadonlyMap<string, AreaScore>; version: string } | null;
  /** Gi* hot and cold spots: significant grids' outlines and every grid's bin, for the 'hotspots' layer. */
  hotspots?: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; version: string } | null;
  /** The next week's forecast for the 'forecast' layer: by grid and township code, hot spots' outlines, alerted grids. */
  forecast?: Omit<WallForecastInput, 'townships' | 'grids'> | null;
  /** Told which townships have their grids on the map (so their grids' index scores can be read). */
  onGridTownships?: (codes: string[]) => void;
}

/** Whether a map error is the server being away (a health matter) rather than a bug. */
function isUnreachable(error: { status?: number; message?: string } | undefined): boolean {
  const status = error?.status;
  return status === 0 || (status !== undefined && status >= 500) || /fetch|network/i.test(String(error?.message));
}

const zoomStep = (m: MapLibreMap) => Math.round(m.getZoom() * 4) / 4;

export default function WallMap(props: WallMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const drawingNow = useRef(false);
  const stats = useFrameStats(wrapper, drawingNow);
  const [zoom, setZoom] = useState(8);
  const [view, setView] = useState<Bbox | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [renderer, setRenderer] = useState<'gpu' | 'software' | null>(null);
  // How much CSS scales the map up (mapCssScale): its sizes in pixels (the UI scale, padding,
  // the pointer) are in the map's own, smaller pixels. `scaleApplied` is what its element has now.
  const mapUiScale = props.uiScale / mapCssScale(renderer === 'software', props.uiScale);
  const scaleApplied = useRef(1);
  const [hover, setHover] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  const [icon] = useState(() => ({ atlas: drawRiskIcon(), mapping: ICON_MAPPING }));
  const { style, townships } = props.basemap;
  const feeds = props.feeds;
  const grids = useGrids(townships, view, zoom, props.loadGrids, props.gridKey);
  useBrowserTestHandle('__wallMap', map, () => ({ grids: grids.map((g) => g.feature.properties.code) }));
  const areas = useAreaRates(props.townshipRates, grids, props.onGridTownships);

  // Labels wait for the font files that hold their characters.
  const glyphs = useLabelGlyphs(props.places, zoom);

  // Whatever hover and click need, current at the moment they happen.
  const pickers = { onSelect: props.onSelect, onForecastGrid: props.onForecastGrid };
  const latest = useRef({ feeds, rates: areas.rates, names: props.names, ...pickers });
  latest.current = { feeds, rates: areas.rates, names: props.names, ...pickers };
  const formatNumber = useCallback(
    (n: number, digits: number) =>
      new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits }).format(n),
    [i18n.language],
  );
  const describe = useRef<(hit: Hit) => string[] | null>(() => null);
  describe.current = (hit) =>
    tooltipLines(hit, { ...latest.current, t: (k, v) => t(k, v ?? {}), timeZone: props.timeZone, formatNumber });

  const homeKnown = props.home !== null;
  // The box the map was last fitted to as home: it may open on the whole data set before the
  // account's unit is known, and is fitted to the unit's box once that comes.
  const homeKey = props.home?.join(',') ?? '';
  const fittedHome = useRef('');
  useEffect(() => {
    if (!style || !container.current || !homeKnown) return;
    markWall('map-created');
    fittedHome.current = homeKey;
    const m = new MapLibreMap({
      container: container.current,
      style: style as never,
      bounds: [...props.home] as Bbox,
      fitBoundsOptions: { padding: mapPadding(props.uiScale) },
      attributionControl: false,
      maplibreLogo: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      fadeDuration: 0,
      maxZoom: 17.5,
    });
    const fit = fitToRenderer(m, props.home, props.uiScale);
    scaleApplied.current = fit.scale;
    const countFrame = stats.frameCounter(() => deck);
    const deck = createWallOverlay(fit, drawingNow, {
      afterFrame: () => countFrame(),
      hover: (hit, x, y) => {
        const lines = hit ? describe.current(hit) : null;
        const k = scaleApplied.current;
        setHover(lines ? { x: x * k, y: y * k, lines } : null);
      },
      click: (hit) => {
        const { feeds: f, onSelect, onForecastGrid } = latest.current;
        const forecastGrid = onForecastGrid && forecastGridOf(hit.layerId, hit.object);
        if (forecastGrid) return onForecastGrid(forecastGrid);
        for (const picked of selectionsOf(hit.layerId, hit.index, hit.object, f)) onSelect(picked);
      },
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
      if (isUnreachable(e.error as { status?: number; message?: string } | undefined)) props.onHealth(false);
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
    // The map is made once; later props reach it through the effects below.
  }, [style, homeKnown]);

  // A window resized to another UI scale (rare on a wall) scales a software-rendered map anew.
  useEffect(() => {
    const scale = mapCssScale(renderer === 'software', props.uiScale);
    if (!map || scale === scaleApplied.current) return;
    scaleMap(map, scale);
    scaleApplied.current = scale;
  }, [map, renderer, props.uiScale]);

  useEffect(() => {
    if (!map || !props.home || homeKey === fittedHome.current) return;
    fittedHome.current = homeKey;
    map.fitBounds([...props.home] as Bbox, { padding: mapPadding(mapUiScale), duration: 0 });
  }, [map, homeKey]);

  const dayStart = useCallback((at: Date) => startOfDay(dayKey(at, props.timeZone), props.timeZone), [props.timeZone]);
  const { index, hotspots, forecast, visibility, time, prefix } = props;
  const layerInput = useMemo((): WallLayerInput => {
    const gridFeatures = grids.map((g) => g.feature);
    return {
      feeds,
      visibility,
      time,
      choropleth: { townships, grids: gridFeatures, rates: areas.rates, breaks: areas.breaks, version: areas.version },
      labels: { places: glyphs.places, prefix, ready: glyphs.places.length > 0 },
      icon,
      zoom,
      uiScale: mapUiScale,
      dayStart,
      index: index ? { townships, grids: gridFeatures, scores: index.scores, version: index.version } : undefined,
      hotspots: hotspots ?? undefined,
      forecast: forecast ? { ...forecast, townships, grids: gridFeatures } : undefined,
    };
  }, [
    index,
    hotspots,
    forecast,
    feeds,
    visibility,
    time,
    townships,
    grids,
    areas,
    glyphs.places,
    prefix,
    icon,
    zoom,
    mapUiScale,
    dayStart,
  ]);

  const ready = loaded && feeds.cases !== null && feeds.cameras !== null && feeds.riskPoints !== null;
  const drawing = useDrawingGate(loaded, ready && glyphs.ready);
  drawingNow.current = drawing;
  useWallLayers(overlay, map, layerInput, drawing, loaded);
  // The basemap drawn while unseen is shown again with the layers.
  useEffect(() => {
    if (drawing) map?.triggerRepaint();
  }, [drawing, map]);

  // Basemap toggles switch MapLibre's own layers.
  useEffect(() => {
    if (!map || !loaded || !style) return;
    for (const group of BASEMAP_TOGGLES) {
      for (const id of layersInGroup(style, group)) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', props.visibility[group] ? 'visible' : 'none');
      }
    }
  }, [map, loaded, style, props.visibility]);

  // The tour starts once the map has loaded, so a wall shows where it flies from. Drawn in
  // software, a flight would be a slide show of a frame or two a second: the map jumps instead.
  useEffect(() => {
    if (map && loaded && props.flyTo)
      map.fitBounds([...props.flyTo.bbox] as Bbox, {
        padding: mapPadding(mapUiScale),
        duration: renderer === 'software' ? 0 : 4000,
        essential: true,
      });
  }, [map, loaded, props.flyTo]);

  return (
    <div
      className="wall-map"
      ref={wrapper}
      data-testid="wall-map"
      data-map-state={ready && drawing ? 'ready' : 'loading'}
      data-drawing={drawing}
      data-renderer={renderer ?? undefined}
      data-zoom={zoom}
    >
      {/* MapLibre owns this element's children; React keeps out of it. */}
      <div className="wall-map-canvas" ref={container} />
      {hover && (
        <div className="map-tooltip" style={{ left: hover.x, top: hover.y }} role="tooltip">
          {hover.lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      )}
    </div>
  );
}
