/**
 * A small drawing of grid outlines as SVG paths (history's before/after maps): lon/lat scaled to a
 * box, longitude shrunk by cos(latitude) so shapes keep their proportions. Pure.
 */
import type { Position } from '../geometry/positions.js';

export interface SketchShape {
  code: string;
  rings: Position[][];
}

/** One SVG path per shape, in a viewBox of `width` × `height` with `pad` around, shared by all shapes. */
export function sketchPaths(shapes: readonly SketchShape[], width: number, height: number, pad = 4) {
  const all = shapes.flatMap((s) => s.rings.flat());
  if (all.length === 0) return [];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const w = (x1 - x0) * k || 1e-9;
  const h = y1 - y0 || 1e-9;
  const scale = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
  const ox = (width - w * scale) / 2;
  const oy = (height - h * scale) / 2;
  const at = ([x, y]: Position) => `${(ox + (x - x0) * k * scale).toFixed(1)},${(oy + (y1 - y) * scale).toFixed(1)}`;
  return shapes.map((s) => ({
    code: s.code,
    d: s.rings.map((ring) => `M${ring.map(at).join('L')}Z`).join(''),
  }));
}
