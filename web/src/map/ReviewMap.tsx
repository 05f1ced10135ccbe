/**
 * The review's map: the basemap with the units below the reviewed one coloured by index and the
 * hot and cold spots over them, and the cameras around the view at close zoom. Clicking a unit
 * drills into it; clicking a camera opens its card. Loaded with a dynamic import,
 * like the wall's map. The canvases keep their pixels (preserveDrawingBuffer) so the view can be
 * exported as an image.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StyleJson } from './basemap-style.js';
import { buildLayers } from './build-layers.js';
import { rowPosition, type PointFeed } from './feed-data.js';
import type { Bbox } from './grid-view.js';
import { useBrowserTestHandle } from './use-browser-test-handle.js';
import type { AreaFeature } from './layers/choropleth.js';
import type { AreaScore } from './layers/index-areas.js';
import { sourceRow } from './layers/spec.js';
import { reviewLayerSpecs, type ReviewLayerInput } from './review-layers.js';
import { forecastGridOf, type ForecastGridPick } from './wall-picking.js';
import { FLAT_MAP_OPTIONS } from './map-options.js';

setWorkerUrl(workerUrl);

export interface ReviewMapProps {
  style: StyleJson | null;
  areas: readonly AreaFeature[];
  scores: ReadonlyMap<string, AreaScore>;
  selected: string | null;
  hotspots: { grids: readonly AreaFeature[]; bins: ReadonlyMap<string, number>; visible: boolean };
  /** The forecast layer's data while it is on. */
  forecast?: ReviewLayerInput['forecast'];
  /** Where to look; a new box flies there. */
  bbox: Bbox | null;
  /** Tooltip lines for an area or hot-spot grid. */
  describe: (code: string, layer: 'area' | 'hotspot') => string[];
  onPick: (code: string) => void;
  /** A grid clicked on the forecast layer: its forecast against its history. */
  onForecastGrid?: (pick: ForecastGridPick) => void;
  /** The cameras around the view (drawn from ZOOM.reviewCamerasFrom on). */
  cameras?: PointFeed | null;
  /** Told the zoom and the box in view whenever the map stops moving. */
  onView?: (zoom: number, bbox: Bbox) => void;
  /** A camera clicked: its position, as the detail card looks it up. */
  onCamera?: (position: [number, number]) => void;
  /** The camera whose card is open, its view cone highlighted. */
  selectedCamera?: readonly [number, number] | null;
  /** Receives a function that returns the map's canvases, bottom first, for export. */
  onCanvases?: (get: () => HTMLCanvasElement[]) => void;
}

const PADDING = 30;

const zoomStep = (m: MapLibreMap) => Math.round(m.getZoom() * 4) / 4;

export default function ReviewMap(props: ReviewMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  useBrowserTestHandle('__reviewMap', map, () => ({
    cameras: latest.current.cameras?.rows ?? 0,
    cones: { all: drawnIds.current.has('camera-cones'), selected: drawnIds.current.has('camera-cone-selected') },
  }));
  const drawnIds = useRef<ReadonlySet<string>>(new Set());
  const overlay = useRef<MapboxOverlay | null>(null);
  const [hover, setHover] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  const [zoom, setZoom] = useState(0);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!props.style || !container.current) return;
    const m = new MapLibreMap({
      container: container.current,
      style: props.style as never,
      bounds: props.bbox ?? undefined,
      fitBoundsOptions: { padding: PADDING },
      ...FLAT_MAP_OPTIONS,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    let frames = 0;
    const deck = new MapboxOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: 4,
      // deck.gl keeps its drawing buffer by default; say so, the export depends on it.
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
      onAfterRender: () => {
        if (wrapper.current) wrapper.current.dataset.frames = String(++frames);
      },
      onHover: (info) => {
        const code = (info.object as { properties?: { code?: string } } | null)?.properties?.code;
        const layer = info.layer?.id === 'review-hotspots' ? 'hotspot' : 'area';
        const lines = code ? latest.current.describe(code, layer) : null;
        setHover(lines && lines.length ? { x: info.x, y: info.y, lines } : null);
      },
      onClick: (info) => {
        const code = (info.object as { properties?: { code?: string } } | null)?.properties?.code;
        const layer = info.layer?.id ?? '';
        const grid = forecastGridOf(layer, info.object);
        const cameras = latest.current.cameras;
        if (layer === 'cameras-points' && cameras) {
          latest.current.onCamera?.(rowPosition(cameras, sourceRow(info.layer?.props.data, info.index)));
        } else if (grid) latest.current.onForecastGrid?.(grid);
        // With the forecast on, its areas stand in for the index's: a unit there drills in too.
        else if (code && (layer === 'review-areas' || layer === 'forecast-townships')) latest.current.onPick(code);
      },
    });
    m.addControl(deck);
    overlay.current = deck;
    const track = () => {
      setZoom(zoomStep(m));
      const b = m.getBounds();
      latest.current.onView?.(m.getZoom(), [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    m.on('moveend', track);
    m.on('load', () => {
      track();
      if (wrapper.current) wrapper.current.dataset.mapState = 'ready';
    });
    m.on('error', (e) => console.error('map:', e.error));
    setMap(m);
    props.onCanvases?.(() => [...(container.current?.querySelectorAll('canvas') ?? [])]);
    return () => {
      overlay.current = null;
      setMap(null);
      deck.finalize();
      m.remove();
    };
    // The map is made once per style; later props reach it through the effects below.
  }, [props.style]);

  const version = useMemo(
    () => `${props.scores.size}:${props.hotspots.bins.size}:${Math.random()}`,
    [props.scores, props.hotspots.bins],
  );
  const specs = useMemo(
    () =>
      reviewLayerSpecs({
        areas: props.areas,
        scores: props.scores,
        selected: props.selected,
        hotspots: props.hotspots,
        version,
        uiScale: 1,
        forecast: props.forecast,
        cameras: props.cameras,
        zoom,
        selectedCamera: props.selectedCamera,
      }),
    [
      props.areas,
      props.scores,
      props.selected,
      props.hotspots,
      version,
      props.forecast,
      props.cameras,
      zoom,
      props.selectedCamera,
    ],
  );
  useEffect(() => {
    drawnIds.current = new Set(specs.map((s) => s.props.id));
    overlay.current?.setProps({ layers: buildLayers(specs) });
  }, [specs, map]);

  const box = props.bbox?.join(',');
  useEffect(() => {
    if (map && props.bbox) map.fitBounds([...props.bbox] as Bbox, { padding: PADDING, duration: 0 });
  }, [map, box]);

  return (
    <div className="review-map" ref={wrapper} data-testid="review-map" data-map-state="loading" data-zoom={zoom}>
      <div className="review-map-canvas" ref={container} />
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
