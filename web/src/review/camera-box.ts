/**
 * Which box of cameras the review map reads: none while it looks at more than a village, else
 * the view with half its size around it, kept while the view stays inside. Pure.
 */
import type { Bbox } from '../map/grid-view.js';
import { ZOOM } from '../map/layers/zoom.js';

const inside = (inner: Bbox, outer: Bbox) =>
  inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

/** Rounded outwards to a thousandth of a degree, so that the feed's address repeats. */
const outwards = (v: number, up: boolean) => (up ? Math.ceil(v * 1000) : Math.floor(v * 1000)) / 1000;

/** The box to read cameras in for `view` at `zoom`, given the box read last (null: none). */
export function cameraBox(view: Bbox, zoom: number, last: Bbox | null): Bbox | null {
  if (zoom < ZOOM.reviewCamerasFrom) return null;
  if (last && inside(view, last)) return last;
  const dx = (view[2] - view[0]) / 2;
  const dy = (view[3] - view[1]) / 2;
  return [
    outwards(view[0] - dx, false),
    outwards(view[1] - dy, false),
    outwards(view[2] + dx, true),
    outwards(view[3] + dy, true),
  ];
}
