/**
 * The grid planner's map: our offline basemap in MapLibre, the village outline, and the grids as
 * terra-draw polygons. terra-draw edits one feature at a time; every vertex step it reports goes
 * to the planner (onRingStep), which moves the neighbours sharing that vertex, and the neighbours
 * are updated here at once, in the same event, so the shared edge never opens even for a frame.
 * The split line is drawn in terra-draw's linestring mode, a grid's new outline (redraw) in its
 * polygon mode; grids carry `grid: true` so the outline being drawn is never mistaken for one.
 * Loaded with a dynamic import.
 */
import { Map as MapLibreMap, Marker, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONStoreFeatures, TerraDraw } from 'terra-draw';
import { useEffect, useRef, useState } from 'react';
import { makeDraw, polygonFeature, sameRing, type PlanMapGrid } from './plan-draw.js';
import { useBrowserTestHandle } from './use-browser-test-handle.js';
import type { Position, Ring } from '../geometry/positions.js';
import type { StyleJson } from './basemap-style.js';

export type { PlanMapGrid, PlanTone } from './plan-draw.js';

setWorkerUrl(workerUrl);

export interface PlanMapLabel {
  key: string;
  at: Position;
  lines: string[];
}

export interface PlanMapMarker {
  at: Position;
  severity: 'error' | 'warning';
  text: string;
}

export interface PlanMapProps {
  style: StyleJson | null;
  village: { type: 'Polygon' | 'MultiPolygon'; coordinates: any } | null;
  /** Fit the view to this box when it changes (a new village). */
  bounds: [number, number, number, number] | null;
  grids: readonly PlanMapGrid[];
  labels: readonly PlanMapLabel[];
  markers: readonly PlanMapMarker[];
  /** Fly here (an issue clicked); a new object flies again. */
  focus: { at: Position } | null;
  mode: 'select' | 'split' | 'redraw';
  /**
   * One vertex step of grid `key` (final at the end of a drag): the grids to show now, with
   * the neighbours moved along, or null to leave the map as it is.
   */
  onRingStep: (key: string, ring: Ring, final: boolean) => readonly PlanMapGrid[] | null;
  onLine: (line: Position[]) => void;
  /** A new outline drawn in the redraw mode (closed ring). */
  onPolygon: (ring: Ring) => void;
  onSelect: (key: string | null) => void;
  /** Lets browser tests turn map coordinates into screen pixels. */
}

/** Room for the tool bar over the top of the map. */
const PADDING = { top: 110, left: 40, right: 40, bottom: 40 };

export default function PlanMap(props: PlanMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  useBrowserTestHandle('__planMap', map);
  const [draw, setDraw] = useState<TerraDraw | null>(null);
  const syncing = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  /** Makes terra-draw's store hold exactly these grids (geometry and tone), without echoing changes back. */
  const sync = (d: TerraDraw, grids: readonly PlanMapGrid[]) => {
    syncing.current = true;
    try {
      const present = new Map(
        d
          .getSnapshot()
          .filter((f) => f.properties.grid === true)
          .map((f) => [String(f.id), f]),
      );
      const add: GeoJSONStoreFeatures[] = [];
      for (const g of grids) {
        const f = present.get(g.key);
        present.delete(g.key);
        if (!f) add.push(polygonFeature(g));
        else {
          if (!sameRing((f.geometry.coordinates as Position[][])[0]!, g.ring)) {
            d.updateFeatureGeometry(g.key, { type: 'Polygon', coordinates: [g.ring] });
          }
          if (f.properties.tone !== g.tone) d.updateFeatureProperties(g.key, { tone: g.tone });
        }
      }
      if (present.size > 0) d.removeFeatures([...present.keys()]);
      const refused = d.addFeatures(add).filter((r) => !r.valid);
      if (refused.length > 0) console.warn('plan map: features refused', refused);
    } finally {
      syncing.current = false;
    }
  };

  useEffect(() => {
    if (!props.style || !container.current) return;
    const m = new MapLibreMap({
      container: container.current,
      style: props.style as never,
      bounds: (props.bounds ?? [115.3, 35.1, 115.7, 35.4]) as LngLatBoundsLike,
      fitBoundsOptions: { padding: PADDING },
      attributionControl: false,
      maplibreLogo: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      fadeDuration: 0,
      maxZoom: 19,
    });
    let d: TerraDraw | null = null;
    m.once('load', () => {
      m.addSource('plan-village', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({
        id: 'plan-village-outline',
        type: 'line',
        source: 'plan-village',
        paint: { 'line-color': '#fde68a', 'line-width': 3, 'line-dasharray': [2, 1] },
      });
      const rings = () =>
        d
          ? d
              .getSnapshot()
              .filter((f) => f.properties.grid === true)
              .map((f) => (f.geometry.coordinates as Ring[])[0]!)
          : [];
      d = makeDraw(m, rings);
      // Before start(): on a loaded map the adapter reports ready at once, inside start().
      d.on('ready', () => {
        const td = d!;
        td.setMode('select');
        td.on('change', (ids, type, context) => {
          if (syncing.current || type !== 'update' || context?.target === 'properties') return;
          for (const id of ids) {
            const f = td.getSnapshotFeature(id);
            if (f?.properties.grid !== true || f.geometry.type !== 'Polygon') continue;
            const shown = latest.current.onRingStep(String(id), (f.geometry.coordinates as Ring[])[0]!, false);
            if (shown) sync(td, shown);
          }
        });
        td.on('finish', (id, context) => {
          const f = td.getSnapshotFeature(id);
          if (!f) return;
          if (context.mode === 'linestring' && f.geometry.type === 'LineString') {
            const line = f.geometry.coordinates as Position[];
            syncing.current = true;
            td.removeFeatures([id]);
            syncing.current = false;
            latest.current.onLine(line);
          } else if (context.mode === 'polygon' && f.properties.grid !== true && f.geometry.type === 'Polygon') {
            const ring = (f.geometry.coordinates as Ring[])[0]!;
            syncing.current = true;
            td.removeFeatures([id]);
            syncing.current = false;
            latest.current.onPolygon(ring);
          } else if (f.properties.grid === true && f.geometry.type === 'Polygon') {
            const shown = latest.current.onRingStep(String(id), (f.geometry.coordinates as Ring[])[0]!, true);
            if (shown) sync(td, shown);
          }
        });
        td.on('select', (id) => latest.current.onSelect(String(id)));
        td.on('deselect', () => latest.current.onSelect(null));
        setDraw(td);
      });
      d.start();
      setMap(m);
    });
    m.on('error', (e) => console.error('map:', e.error));
    return () => {
      setDraw(null);
      setMap(null);
      d?.stop();
      m.remove();
    };
    // The map is made once per style; later props reach it through the effects below.
  }, [props.style]);

  useEffect(() => {
    if (draw) sync(draw, props.grids);
  }, [draw, props.grids]);

  useEffect(() => {
    if (!draw) return;
    draw.setMode(props.mode === 'split' ? 'linestring' : props.mode === 'redraw' ? 'polygon' : 'select');
  }, [draw, props.mode]);

  useEffect(() => {
    const source = map?.getSource('plan-village') as { setData?: (d: unknown) => void } | undefined;
    source?.setData?.(
      props.village
        ? { type: 'Feature', properties: {}, geometry: props.village }
        : { type: 'FeatureCollection', features: [] },
    );
  }, [map, props.village]);

  useEffect(() => {
    if (map && props.bounds) map.fitBounds(props.bounds as LngLatBoundsLike, { padding: PADDING, duration: 0 });
  }, [map, props.bounds]);

  useEffect(() => {
    if (map && props.focus)
      map.easeTo({ center: props.focus.at as [number, number], zoom: Math.max(map.getZoom(), 16) });
  }, [map, props.focus]);

  // Labels and issue markers are a few DOM elements each: HTML markers, no glyphs needed.
  useEffect(() => {
    if (!map) return;
    const markers = [
      ...props.labels.map((l) => {
        const el = document.createElement('div');
        el.className = 'plan-label';
        el.dataset.key = l.key;
        for (const line of l.lines) el.appendChild(document.createElement('div')).textContent = line;
        return new Marker({ element: el }).setLngLat(l.at as [number, number]);
      }),
      ...props.markers.map((mk) => {
        const el = document.createElement('div');
        el.className = `plan-marker ${mk.severity}`;
        el.title = mk.text;
        el.textContent = '!';
        return new Marker({ element: el }).setLngLat(mk.at as [number, number]);
      }),
    ];
    for (const mk of markers) mk.addTo(map);
    return () => markers.forEach((mk) => mk.remove());
  }, [map, props.labels, props.markers]);

  return (
    <div className="plan-map" data-testid="plan-map" data-map-state={draw ? 'ready' : 'loading'}>
      {/* MapLibre owns this element's children; React keeps out of it. */}
      <div className="plan-map-canvas" ref={container} />
    </div>
  );
}
