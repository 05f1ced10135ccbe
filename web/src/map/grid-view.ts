/** Which townships' grids to load: those whose boxes meet the view, when zoomed in. Pure. */
import type { AreaFeature } from './layers/choropleth.js';

export type Bbox = [number, number, number, number];

/** The bounding box of a Polygon or MultiPolygon feature. */
export function featureBbox(feature: AreaFeature): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit(feature.geometry.coordinates);
  return box;
}

const meets = (a: Bbox, b: Bbox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Codes of the townships meeting the view, at most `max` (a view at grid zoom holds a handful). */
export function townshipsInView(boxes: ReadonlyMap<string, Bbox>, view: Bbox, max = 16): string[] {
  const out: string[] = [];
  for (const [code, box] of boxes) {
    if (meets(box, view)) out.push(code);
    if (out.length === max) break;
  }
  return out.sort();
}
