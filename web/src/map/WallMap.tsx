/**
 * The wall's map: a MapLibre basemap from our own server with deck.gl layers overlaid on their own
 * canvas (MapboxOverlay, overlaid). Interleaving them into MapLibre's context was tried and was
 * slower to a complete first frame in software rendering (README, "Wall screen in the browser"),
 * and MapLibre 6 hides the camera transform deck.gl's interleaving reads.
 * Loaded with a dynamic import, so the map libraries stay out of the first download.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, prewarm, setWorkerUrl, type MapSourceDataEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey, startOfDay } from '../time/zone.js';
import { BASEMAP_TOGGLES, type LayerVisibility } from './layer-toggles.js';
import { layersInGroup } from './basemap-style.js';
import { buildLayers } from './build-layers.js';
import { rowPosition } from './feed-data.js';
import type { Bbox } from './grid-view.js';
import { mapPadding } from './padding.js';
import { drawRiskIcon, ICON_MAPPING } from './icons.js';
import { areaRate, rateBreaks, type AreaRate } from './layers/choropleth.js';
import type { AreaScore } from './layers/index-areas.js';
import { sourceRow } from './layers/spec.js';
import type { LabelPlace } from './layers/labels.js';
import { tooltipLines, type Hit } from './tooltip.js';
import type { StyleJson } from './basemap-style.js';
import type { AreaFeature } from './layers/choropleth.js';
import { isSoftwareRenderer, mapCssScale, mapPixelRatio, rendererOf } from './renderer.js';
import { useBrowserTestHandle } from './use-browser-test-handle.js';
import { useGrids, type LoadGrids } from './use-grids.js';
import { useLabelGlyphs } from './use-label-glyphs.js';
import {
  wallLayerSpecs,
  warmUpFeeds,
  warmUpInput,
  type Feeds,
  type TimeSelection,
  type WallLayerInput,
} from './wall-layers.js';

setWorkerUrl(workerUrl);
// The map's workers start (fetch and compile their script) as this module loads, beside the style
// and the feeds, not once the map is made: they decode the basemap's tiles before its 'load'.
prewarm();

export type MapSelection =
  { kind: 'case' | 'camera' | 'riskPoint'; position: [number, number] } | { kind: 'grid' | 'township'; code: string };

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
  /** Published index scores of townships and grids, for the 'index' layer. */
  index?: { scores: ReadonlyMap<string, AreaScore>; version: string } | null;
  /** Gi* hot and cold spots: significant grids' outlines and every grid's bin, for the 'hotspots' layer. */
  hotspots?: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; version: string } | null;
  /** Told which townships have their grids on the map (so their grids' index scores can be read). */
  onGridTownships?: (codes: string[]) => void;
}

/** Whether deck.gl still waits for something (a shader program being linked, a buffer) to draw. */
function deckPending(overlay: MapboxOverlay): boolean {
  // MapboxOverlay keeps its Deck private; without one there is nothing to wait for.
  const deck = (overlay as unknown as { _deck?: { needsRedraw: (o: { clearRedrawFlags: boolean }) => unknown } })._deck;
  return Boolean(deck?.needsRedraw({ clearRedrawFlags: false }));
}

/** How long after the map loaded deck.gl waits for the feeds before it draws what it has. */
const PARTIAL_DRAW_AFTER_MS = 5000;

const LAYER_SELECTION: Record<string, 'case' | 'camera' | 'riskPoint'> = {
  'cases-points': 'case',
  'cameras-points': 'camera',
  'risk-points': 'riskPoint',
};

/** Lays the map out `scale` times smaller than its frame and scales it up by CSS (map.css). */
function scaleMap(map: MapLibreMap, scale: number): void {
  const container = map.getContainer();
  container.style.setProperty('--map-scale', String(scale));
  container.dataset.scaled = String(scale > 1);
  map.resize();
}

export default function WallMap(props: WallMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  useBrowserTestHandle('__wallMap', map);
  const overlay = useRef<MapboxOverlay | null>(null);
  const drawingNow = useRef(false);
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

  const rates = useMemo(() => {
    const all = new Map(props.townshipRates);
    for (const g of grids) all.set(g.feature.properties.code, areaRate(g.count, g.households));
    return all;
  }, [props.townshipRates, grids]);
  const breaks = useMemo(
    () => ({
      townships: rateBreaks([...props.townshipRates.values()].map((r) => r.rate)),
      grids: rateBreaks(grids.map((g) => areaRate(g.count, g.households).rate)),
    }),
    [props.townshipRates, grids],
  );
  const gridTownships = useMemo(
    () => [...new Set(grids.map((g) => `${g.feature.properties.code.slice(0, 9)}000`))].sort().join(','),
    [grids],
  );
  useEffect(() => props.onGridTownships?.(gridTownships ? gridTownships.split(',') : []), [gridTownships]);
  // A new number whenever the rates change, so deck.gl recolours the areas.
  const version = useMemo(() => rates.size + Math.random(), [rates]);

  // Labels wait for the font files that hold their characters.
  const glyphs = useLabelGlyphs(props.places, zoom);
  const labelsReady = glyphs.ready;

  // Whatever hover and click need, current at the moment they happen.
  const latest = useRef({ feeds, rates, names: props.names, onSelect: props.onSelect });
  latest.current = { feeds, rates, names: props.names, onSelect: props.onSelect };
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
    performance.mark('wall:map-created');
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
    // data-frames counts deck.gl's frames from the first complete one on: its layers shown and none
    // of them waiting for a shader program or a buffer (the benchmarks read it). A layer that never
    // gets ready must not stop the count: after 30 frames it starts anyway.
    let frames = 0;
    let waited = 0;
    const countFrame = () => {
      if (!wrapper.current || !drawingNow.current) return;
      if (frames === 0 && deckPending(deck) && ++waited < 30) return;
      if (frames === 0) performance.mark('wall:first-frame');
      wrapper.current.dataset.frames = String(++frames);
    };
    // The canvas's own context (asking again for the same kind hands back the one MapLibre made).
    const mapGl = m.getCanvas().getContext('webgl2');
    const software = isSoftwareRenderer(rendererOf(mapGl));
    const { width, height } = container.current.getBoundingClientRect();
    // In software the map is laid out as on a 1080p wall and scaled up by CSS (a GPU draws it at
    // the screen's size), and at most 1080p's pixels per canvas on a high-density screen.
    const scale = mapCssScale(software, props.uiScale);
    const pixelRatio = mapPixelRatio(software, width / scale, height / scale, window.devicePixelRatio);
    if (scale > 1) {
      scaleMap(m, scale);
      m.fitBounds([...props.home] as Bbox, { padding: mapPadding(props.uiScale / scale), duration: 0 });
    }
    scaleApplied.current = scale;
    if (pixelRatio !== window.devicePixelRatio) m.setPixelRatio(pixelRatio);
    const deck = new MapboxOverlay({
      interleaved: false,
      useDevicePixels: pixelRatio === window.devicePixelRatio ? true : pixelRatio,
      // A software renderer would shade each pixel four times over for multisampling, on every
      // frame: there deck.gl draws without (points are smoothed by their shaders either way).
      deviceProps: { webgl: { antialias: !software } },
      onAfterRender: ({ gl }) => {
        // Unseen frames are not read back, so nothing makes the renderer draw them until the map
        // shows; a flush hands each over now, to be drawn beside the loading instead of after it.
        if (!drawingNow.current) gl.flush();
        countFrame();
      },
      layers: [],
      pickingRadius: 6,
      onHover: (info) => {
        const lines = info.layer
          ? describe.current({
              layerId: info.layer.id,
              index: sourceRow(info.layer.props.data, info.index),
              object: info.object,
            })
          : null;
        const k = scaleApplied.current;
        setHover(lines ? { x: info.x * k, y: info.y * k, lines } : null);
      },
      onClick: (info) => {
        const id = info.layer?.id;
        if (!id) return;
        const kind = LAYER_SELECTION[id];
        const { feeds: f, onSelect } = latest.current;
        const feed = kind === 'case' ? f.cases : kind === 'camera' ? f.cameras : f.riskPoints;
        if (kind && feed)
          onSelect({ kind, position: rowPosition(feed, sourceRow(info.layer?.props.data, info.index)) });
        const code = (info.object as { properties?: { code?: string } } | null)?.properties?.code;
        if (code && (id === 'choropleth-grids' || id === 'index-grids' || id === 'hotspots'))
          onSelect({ kind: 'grid', code });
        if (code && (id === 'choropleth-townships' || id === 'index-townships')) onSelect({ kind: 'township', code });
      },
    });
    m.addControl(deck);
    overlay.current = deck;
    const track = () => {
      setZoom(Math.round(m.getZoom() * 4) / 4);
      const b = m.getBounds();
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    // The camera is set already (fitted to `bounds` as the map was made): the label levels it
    // shows can load their font files beside the basemap rather than after it.
    track();
    m.on('load', () => {
      performance.mark('wall:map-loaded');
      setLoaded(true);
      track();
    });
    // Every basemap tile in view fetched and decoded (in MapLibre's worker): the basemap's
    // data is in hand, before its first frame is drawn (benchmarks read the mark).
    const sourceIds = Object.keys(style.sources);
    const basemapData = (e: MapSourceDataEvent) => {
      if (!e.tile || !m.areTilesLoaded() || !sourceIds.every((id) => m.isSourceLoaded(id))) return;
      performance.mark('wall:basemap-data');
      m.off('sourcedata', basemapData);
    };
    m.on('sourcedata', basemapData);
    m.on('render', () => {
      if (!drawingNow.current) mapGl?.flush();
    });
    m.on('moveend', track);
    m.on('zoom', () => setZoom(Math.round(m.getZoom() * 4) / 4));
    m.on('error', (e) => {
      // A source that cannot be fetched while the server restarts is a health matter, not a bug.
      const status = (e.error as { status?: number } | undefined)?.status;
      if (status === 0 || (status !== undefined && status >= 500) || /fetch|network/i.test(String(e.error?.message))) {
        props.onHealth(false);
      } else {
        console.error('map:', e.error);
      }
    });
    setRenderer(software ? 'software' : 'gpu');
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
  const layerInput = useMemo(
    () =>
      ({
        feeds,
        visibility: props.visibility,
        time: props.time,
        choropleth: { townships, grids: grids.map((g) => g.feature), rates, breaks, version },
        labels: { places: glyphs.places, prefix: props.prefix, ready: glyphs.places.length > 0 },
        icon,
        zoom,
        uiScale: mapUiScale,
        dayStart,
        index: props.index
          ? { townships, grids: grids.map((g) => g.feature), scores: props.index.scores, version: props.index.version }
          : undefined,
        hotspots: props.hotspots ?? undefined,
      }) satisfies WallLayerInput,
    [
      props.index,
      props.hotspots,
      feeds,
      props.visibility,
      props.time,
      townships,
      grids,
      rates,
      breaks,
      version,
      glyphs.places,
      props.prefix,
      icon,
      zoom,
      mapUiScale,
      dayStart,
    ],
  );
  const specs = useMemo(() => wallLayerSpecs(layerInput), [layerInput]);
  // Until every layer's data is in (or a while after the map loaded, if a feed keeps failing) deck.gl
  // shows no partial frame. Once the basemap has loaded it draws its layers on stand-ins far away,
  // unseen (warmUpInput), compiling their programs and building their pipelines while a slow feed
  // downloads. Not before: its frames would take the main thread and the GPU process from
  // MapLibre's loading (measured: data ready 0.4 s later in software on two cores).
  const ready = loaded && feeds.cases !== null && feeds.cameras !== null && feeds.riskPoints !== null;
  // Drawing starts in the very render that finds everything in, not in a render an effect asks
  // for: in between, deck.gl would draw a warm-up frame (a quarter of a second of pipelines in
  // software at 4K) that only holds the real one back. Once started, it goes on.
  const complete = ready && labelsReady;
  const [started, setStarted] = useState(false);
  const drawing = started || complete;
  drawingNow.current = drawing;
  // A layout effect: the mark is taken as the data-ready render is committed, not after its paint.
  useLayoutEffect(() => {
    if (started) return;
    if (drawing) {
      performance.mark('wall:drawing');
      setStarted(true);
      return;
    }
    if (!loaded) return;
    const timer = setTimeout(() => setStarted(true), PARTIAL_DRAW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [started, drawing, loaded]);
  // Only built between the basemap's load and deck.gl's first drawing: afterwards every change
  // would build the layer specs twice.
  const windowFrom = props.time.window.from.getTime();
  const warmUpData = useMemo(() => warmUpFeeds(new Date(windowFrom)), [windowFrom]);
  const warmUp = useMemo(
    () =>
      drawing || !loaded
        ? []
        : wallLayerSpecs(warmUpInput(layerInput, warmUpData)).map((spec) => ({
            ...spec,
            props: { ...spec.props, opacity: 0 },
          })),
    [drawing, loaded, layerInput, warmUpData],
  );
  useEffect(() => {
    overlay.current?.setProps({ layers: buildLayers(drawing ? specs : warmUp) });
  }, [specs, warmUp, map, drawing]);
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
