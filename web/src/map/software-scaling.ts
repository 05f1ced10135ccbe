/**
 * Fitting a map to a software renderer: there it is laid out as on a 1080p wall and scaled up by
 * CSS (a GPU draws it at the screen's size), and drawn at no more than 1080p's pixels per canvas
 * on a high-density screen (renderer.ts says why).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { mapPadding } from './padding.js';
import { isSoftwareRenderer, mapCssScale, mapPixelRatio, rendererOf } from './renderer.js';

type Box = readonly [number, number, number, number];

/** Lays the map out `scale` times smaller than its frame and scales it up by CSS (map.css). */
export function scaleMap(map: MapLibreMap, scale: number): void {
  const container = map.getContainer();
  container.style.setProperty('--map-scale', String(scale));
  container.dataset.scaled = String(scale > 1);
  map.resize();
}

export interface RendererFit {
  software: boolean;
  /** How much CSS scales the map up. */
  scale: number;
  /** The pixel ratio its canvases are drawn at. */
  pixelRatio: number;
  /** The map canvas's own WebGL context. */
  gl: WebGL2RenderingContext | null;
}

/** Finds which renderer draws `map` and fits the map to it, keeping `home` in view. */
export function fitToRenderer(map: MapLibreMap, home: Box, uiScale: number): RendererFit {
  // The canvas's own context (asking again for the same kind hands back the one MapLibre made).
  const gl = map.getCanvas().getContext('webgl2');
  const software = isSoftwareRenderer(rendererOf(gl));
  const { width, height } = map.getContainer().getBoundingClientRect();
  const scale = mapCssScale(software, uiScale);
  const pixelRatio = mapPixelRatio(software, width / scale, height / scale, window.devicePixelRatio);
  if (scale > 1) {
    scaleMap(map, scale);
    map.fitBounds([...home] as [number, number, number, number], {
      padding: mapPadding(uiScale / scale),
      duration: 0,
    });
  }
  if (pixelRatio !== window.devicePixelRatio) map.setPixelRatio(pixelRatio);
  return { software, scale, pixelRatio, gl };
}
