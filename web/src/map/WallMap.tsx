/**
 * The wall's map: a MapLibre basemap from our own server with deck.gl layers overlaid on their own
 * canvas (MapboxOverlay, overlaid). Interleaving them into MapLibre's context reached a complete
 * first frame later in software rendering, and MapLibre 6 hides the camera transform deck.gl's
 * interleaving reads.
 * Loaded with a dynamic import, so the map libraries stay out of the first download.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey, startOfDay } from '../time/zone.js';
import type { StyleJson } from './basemap-style.js';
import { drawRiskIcon, ICON_MAPPING } from './icons.js';
import type { LayerVisibility } from './layer-toggles.js';
import type { AreaFeature, AreaRate } from './layers/choropleth.js';
import type { AreaScore } from './layers/index-areas.js';
import type { LabelPlace } from './layers/labels.js';
import { tooltipLines, type Hit } from './tooltip.js';
import { useAreaRates } from './use-area-rates.js';
import { useBrowserTestHandle } from './use-browser-test-handle.js';
import { useDrawingGate } from './use-drawing-gate.js';
import { useFrameStats } from './use-frame-stats.js';
import { useGrids, type LoadGrids } from './use-grids.js';
import { useLabelGlyphs } from './use-label-glyphs.js';
import { useWallLayers } from './use-wall-layers.js';
import { useWallMapLibre } from './use-wall-maplibre.js';
import type { OverlayHandlers } from './wall-overlay.js';
import type { Feeds, TimeSelection, WallForecastInput, WallLayerInput } from './wall-layers.js';
import { forecastGridOf, selectionsOf, type ForecastGridPick, type MapSelection } from './wall-picking.js';

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
  /** The camera whose card is open: its view cone is drawn highlighted. */
  selectedCamera?: readonly [number, number] | null;
  /** Told the map's zoom (in quarter steps) as it changes: the legend says what each zoom draws. */
  onZoom?: (zoom: number) => void;
  /** Told which townships have their grids on the map (so their grids' index scores can be read). */
  onGridTownships?: (codes: string[]) => void;
}

export default function WallMap(props: WallMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const drawingNow = useRef(false);
  const stats = useFrameStats(wrapper, drawingNow);
  const [hover, setHover] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  const [icon] = useState(() => ({ atlas: drawRiskIcon(), mapping: ICON_MAPPING }));
  const { style, townships } = props.basemap;
  const feeds = props.feeds;

  // Hover and click, with whatever they need current at the moment they happen.
  const pointer = useRef<Pick<OverlayHandlers, 'hover' | 'click'>>({ hover: () => {}, click: () => {} });
  const { map, overlay, loaded, renderer, zoom, view, mapUiScale, scaleApplied } = useWallMapLibre({
    container,
    style,
    home: props.home,
    uiScale: props.uiScale,
    flyTo: props.flyTo,
    visibility: props.visibility,
    drawingNow,
    stats,
    pointer,
    onHealth: props.onHealth,
  });
  const grids = useGrids(townships, view, zoom, props.loadGrids, props.gridKey);
  useBrowserTestHandle('__wallMap', map, () => ({ grids: grids.map((g) => g.feature.properties.code) }));
  const areas = useAreaRates(props.townshipRates, grids, props.onGridTownships);

  const { onZoom } = props;
  useEffect(() => onZoom?.(zoom), [onZoom, zoom]);

  // Labels wait for the font files that hold their characters.
  const glyphs = useLabelGlyphs(props.places, zoom);

  const formatNumber = useCallback(
    (n: number, digits: number) =>
      new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits }).format(n),
    [i18n.language],
  );
  const context = { feeds, rates: areas.rates, names: props.names, timeZone: props.timeZone, formatNumber };
  pointer.current = {
    hover: (hit: Hit | null, x: number, y: number) => {
      const lines = hit ? tooltipLines(hit, { ...context, t: (k, v) => t(k, v ?? {}) }) : null;
      const k = scaleApplied.current;
      setHover(lines ? { x: x * k, y: y * k, lines } : null);
    },
    click: (hit: Hit) => {
      const forecastGrid = props.onForecastGrid && forecastGridOf(hit.layerId, hit.object);
      if (forecastGrid) return props.onForecastGrid?.(forecastGrid);
      for (const picked of selectionsOf(hit.layerId, hit.index, hit.object, feeds)) props.onSelect(picked);
    },
  };

  const dayStart = useCallback((at: Date) => startOfDay(dayKey(at, props.timeZone), props.timeZone), [props.timeZone]);
  const { index, hotspots, forecast, visibility, time, prefix } = props;
  const selectedCamera = props.selectedCamera ?? null;
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
      selectedCamera,
    };
  }, [
    index,
    hotspots,
    forecast,
    selectedCamera,
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
