/**
 * The wall's map: a MapLibre basemap from our own server with deck.gl layers drawn into the same
 * WebGL context (MapboxOverlay, interleaved): one context and one canvas, which is what a software
 * renderer pays for twice otherwise (context creation, and a readback of each canvas every frame).
 * Loaded with a dynamic import, so the map libraries stay out of the first download.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey, startOfDay } from '../time/zone.js';
import type { LayerVisibility } from '../wall/layer-toggles.js';
import { layersInGroup } from './basemap-style.js';
import { buildLayers } from './build-layers.js';
import { rowPosition } from './feed-data.js';
import { loadLabelGlyphs } from './glyphs.js';
import type { Bbox } from './grid-view.js';
import { drawRiskIcon, ICON_MAPPING } from './icons.js';
import { areaRate, rateBreaks, type AreaRate } from './layers/choropleth.js';
import type { AreaScore } from './layers/index-areas.js';
import { labelCharacters, type LabelPlace } from './layers/labels.js';
import { tooltipLines, type Hit } from './tooltip.js';
import type { StyleJson } from './basemap-style.js';
import type { AreaFeature } from './layers/choropleth.js';
import { useGrids, type LoadGrids } from './use-grids.js';
import { wallLayerSpecs, withEmptyFeeds, type Feeds, type TimeSelection, type WallLayerInput } from './wall-layers.js';

setWorkerUrl(workerUrl);

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

/** Room for the cards over the map (layer switches on the left, time bar on top). */
function mapPadding(uiScale: number) {
  return { top: 70 * uiScale, left: 200 * uiScale, right: 40 * uiScale, bottom: 30 * uiScale };
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

export default function WallMap(props: WallMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const drawingNow = useRef(false);
  const [zoom, setZoom] = useState(8);
  const [view, setView] = useState<Bbox | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  const [labelsReady, setLabelsReady] = useState(false);
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
  useEffect(() => {
    let cancelled = false;
    loadLabelGlyphs(labelCharacters(props.places)).finally(() => !cancelled && setLabelsReady(true));
    return () => {
      cancelled = true;
    };
  }, [props.places]);

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
  useEffect(() => {
    if (!style || !container.current || !homeKnown) return;
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
    let frames = 0;
    const deck = new MapboxOverlay({
      interleaved: true,
      layers: [],
      pickingRadius: 6,
      onHover: (info) => {
        const lines = info.layer
          ? describe.current({ layerId: info.layer.id, index: info.index, object: info.object })
          : null;
        setHover(lines ? { x: info.x, y: info.y, lines } : null);
      },
      onClick: (info) => {
        const id = info.layer?.id;
        if (!id) return;
        const kind = LAYER_SELECTION[id];
        const { feeds: f, onSelect } = latest.current;
        const feed = kind === 'case' ? f.cases : kind === 'camera' ? f.cameras : f.riskPoints;
        if (kind && feed) onSelect({ kind, position: rowPosition(feed, info.index) });
        const code = (info.object as { properties?: { code?: string } } | null)?.properties?.code;
        if (code && (id === 'choropleth-grids' || id === 'index-grids' || id === 'hotspots'))
          onSelect({ kind: 'grid', code });
        if (code && (id === 'choropleth-townships' || id === 'index-townships')) onSelect({ kind: 'township', code });
      },
    });
    // deck.gl's interleaving reads map.transform, which MapLibre 6 moved to map._camera.
    if (!('transform' in m))
      Object.defineProperty(m, 'transform', {
        get: () => (m as unknown as { _camera: { transform: unknown } })._camera.transform,
      });
    m.addControl(deck);
    overlay.current = deck;
    const track = () => {
      setZoom(Math.round(m.getZoom() * 4) / 4);
      const b = m.getBounds();
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    // data-frames counts the map's frames from the first complete one on: deck.gl's layers shown and
    // none of them waiting for a shader program or a buffer (the benchmarks read it).
    m.on('render', () => {
      if (!wrapper.current || !drawingNow.current) return;
      if (frames === 0 && deckPending(deck)) return;
      wrapper.current.dataset.frames = String(++frames);
    });
    m.on('load', () => {
      setLoaded(true);
      track();
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
    setMap(m);
    return () => {
      overlay.current = null;
      setMap(null);
      deck.finalize();
      m.remove();
    };
    // The map is made once; later props reach it through the effects below.
  }, [style, homeKnown]);

  const dayStart = useCallback((at: Date) => startOfDay(dayKey(at, props.timeZone), props.timeZone), [props.timeZone]);
  const layerInput = useMemo(
    () =>
      ({
        feeds,
        visibility: props.visibility,
        time: props.time,
        choropleth: { townships, grids: grids.map((g) => g.feature), rates, breaks, version },
        labels: { places: props.places, prefix: props.prefix, ready: labelsReady },
        icon,
        zoom,
        uiScale: props.uiScale,
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
      props.places,
      props.prefix,
      labelsReady,
      icon,
      zoom,
      props.uiScale,
      dayStart,
    ],
  );
  const specs = useMemo(() => wallLayerSpecs(layerInput), [layerInput]);
  // Until every layer's data is in (or a while after the map loaded, if a feed keeps failing) deck.gl
  // gets its layers hidden, on empty feeds: it compiles their shader programs while the feeds
  // download, and draws no partial frame, which a software renderer pays for with a full readback.
  const ready = loaded && feeds.cases !== null && feeds.cameras !== null && feeds.riskPoints !== null;
  const [drawing, setDrawing] = useState(false);
  drawingNow.current = drawing;
  useEffect(() => {
    if (drawing || !loaded) return;
    if (ready && labelsReady) setDrawing(true);
    const timer = setTimeout(() => setDrawing(true), PARTIAL_DRAW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [drawing, loaded, ready, labelsReady]);
  const warmUp = useMemo(
    () =>
      wallLayerSpecs({ ...layerInput, feeds: withEmptyFeeds(feeds) }).map((spec) => ({
        ...spec,
        props: { ...spec.props, visible: false },
      })),
    [layerInput, feeds],
  );
  useEffect(() => {
    overlay.current?.setProps({ layers: buildLayers(drawing ? specs : warmUp) });
  }, [specs, warmUp, map, drawing]);

  // Basemap toggles switch MapLibre's own layers.
  useEffect(() => {
    if (!map || !loaded || !style) return;
    for (const group of ['boundaries', 'roads'] as const) {
      for (const id of layersInGroup(style, group)) {
        map.setLayoutProperty(id, 'visibility', props.visibility[group] ? 'visible' : 'none');
      }
    }
  }, [map, loaded, style, props.visibility]);

  // The tour starts once the map has loaded, so a wall shows where it flies from.
  useEffect(() => {
    if (map && loaded && props.flyTo)
      map.fitBounds([...props.flyTo.bbox] as Bbox, {
        padding: mapPadding(props.uiScale),
        duration: 4000,
        essential: true,
      });
  }, [map, loaded, props.flyTo]);

  return (
    <div
      className="wall-map"
      ref={wrapper}
      data-testid="wall-map"
      data-map-state={ready && drawing ? 'ready' : 'loading'}
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
