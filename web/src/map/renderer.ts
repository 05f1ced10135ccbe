/**
 * Whether the map is drawn by a software renderer (SwiftShader, llvmpipe): there a frame is so
 * slow that the wall jumps where a GPU would fly (docs/performance.md has the figures).
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** The renderer a WebGL context reports (the unmasked name where the browser gives it). */
export function rendererOf(gl: WebGLRenderingContext | WebGL2RenderingContext | null): string {
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

/** The most pixels a software renderer draws per canvas: 1920 × 1080. */
export const SOFTWARE_PIXEL_BUDGET = 1920 * 1080;

/**
 * The pixel ratio to draw a map of `width` × `height` CSS pixels at: the screen's own, or for a
 * software renderer at most what keeps the canvas within SOFTWARE_PIXEL_BUDGET (a map of
 * 1920 × 1080 CSS pixels on a screen at 200 %: 1, the compositor scaling the picture up). Its
 * frames then cost what a 1080p wall's do. On a wall laid out larger than 1080p's design the
 * map is first laid out smaller (mapCssScale).
 */
export function mapPixelRatio(software: boolean, width: number, height: number, devicePixelRatio: number): number {
  if (!software || width <= 0 || height <= 0) return devicePixelRatio;
  return Math.min(devicePixelRatio, Math.sqrt(SOFTWARE_PIXEL_BUDGET / (width * height)));
}

/**
 * How much CSS scales a software-rendered map up: the UI scale (a 4K wall: 2), so that the map is
 * laid out as on a 1920 × 1080 wall and MapLibre and deck.gl load, tile and draw what a 1080p
 * wall's map does (its zoom, its tiles, its pixels), the compositor scaling the picture up; never
 * below 1. With a GPU, 1: the map is laid out and drawn at the screen's size. Drawn at a lower
 * pixel ratio instead, a 4K wall loaded and tiled the basemap at a zoom step closer for a
 * picture of about as many pixels.
 */
export function mapCssScale(software: boolean, uiScale: number): number {
  return software && uiScale > 1 ? uiScale : 1;
}
