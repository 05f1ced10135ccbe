/** At which zooms each layer shows what: one place for the map's level-of-detail rules. */

export const ZOOM = {
  /** Grids replace townships in the choropleth from here (loaded for the townships in view). */
  gridsFrom: 11,
  /** Grid outlines from here. */
  gridOutlinesFrom: 13,
  /** Cameras as single points from here; aggregated in hexagons below. */
  cameraPointsFrom: 11.5,
  /** The review map reads and draws its cameras from here (a village or closer). */
  reviewCamerasFrom: 14,
  /** Cameras' view cones from here (a few streets across). */
  conesFrom: 16,
  /** Label levels: [from, below]. */
  labels: {
    county: [0, 10.5],
    township: [9.5, 13.5],
    village: [12.5, 30],
  },
} as const;

export type LabelLevel = keyof typeof ZOOM.labels;

export function labelVisible(level: LabelLevel, zoom: number): boolean {
  const [from, below] = ZOOM.labels[level];
  return zoom >= from && zoom < below;
}

/** Hexagon radius in metres: a few hexagons across a township when close, across a county when far. */
export function hexRadiusMeters(zoom: number): number {
  if (zoom < 9.5) return 2500;
  if (zoom < 11) return 1000;
  if (zoom < 12.5) return 400;
  return 150;
}
