/**
 * Colours shared by the map layers, the legend and the panels, as [r, g, b] (0..255).
 * Chosen for a dark wall seen from across a room: saturated marks on a navy ground, and the
 * warning levels in the colours their names say (red, orange, yellow, blue).
 */
export type Rgb = readonly [number, number, number];

export const CASE_STATUS_COLORS: Readonly<Record<string, Rgb>> = {
  registered: [255, 92, 92],
  mediating: [255, 159, 67],
  assessing: [255, 214, 64],
  dispatched: [77, 208, 225],
  supervising: [192, 132, 252],
  resolved: [74, 222, 128],
  reviewed: [110, 140, 170],
};

export const CAMERA_STATUS_COLORS: Readonly<Record<string, Rgb>> = {
  online: [45, 212, 191],
  offline: [148, 163, 184],
  fault: [251, 113, 133],
};

/** Warning levels 1..4: red, orange, yellow, blue. */
export const RISK_LEVEL_COLORS: Readonly<Record<number, Rgb>> = {
  1: [255, 59, 59],
  2: [255, 140, 26],
  3: [255, 214, 10],
  4: [56, 149, 255],
};

/**
 * Cases per 1,000 households, low to high: cool blues rising to magenta, so the warm colours of
 * risk icons and overdue rings on top stay distinct from the areas beneath them.
 */
export const RATE_RAMP: readonly Rgb[] = [
  [16, 46, 86],
  [20, 74, 132],
  [28, 108, 178],
  [56, 140, 220],
  [112, 118, 232],
  [168, 92, 222],
  [226, 72, 190],
];

/** Cases per case hexagon, few to many: the rate ramp above "no cases" (a hexagon has some). */
export const CASE_HEX_RAMP: readonly Rgb[] = RATE_RAMP.slice(1);

/** Share of cameras down in a hexagon: none → most. */
export const CAMERA_DOWN_RAMP: readonly Rgb[] = [
  [34, 197, 160],
  [132, 204, 22],
  [250, 204, 21],
  [249, 115, 22],
  [239, 68, 68],
];

/** Case density: cool to hot. */
export const HEAT_RAMP: readonly Rgb[] = [
  [20, 60, 120],
  [30, 130, 200],
  [60, 200, 220],
  [250, 230, 90],
  [255, 140, 40],
  [240, 50, 50],
];

export const ACCENT: Rgb = [56, 189, 248];
export const NO_DATA: Rgb = [30, 45, 70];

export const css = (c: Rgb, alpha = 1) => (alpha === 1 ? `rgb(${c.join(' ')})` : `rgb(${c.join(' ')} / ${alpha})`);

/** Stability-index warning bands (docs/stability-index.md): red < 40 ≤ orange < 60 ≤ yellow < 75 ≤ blue. */
export const BAND_COLORS: Readonly<Record<'red' | 'orange' | 'yellow' | 'blue', Rgb>> = {
  red: [239, 68, 68],
  orange: [249, 136, 32],
  yellow: [234, 200, 36],
  blue: [52, 140, 240],
};

/**
 * Gi* confidence bins -3..3: cold spots in blues, hot spots in reds, deeper with confidence
 * (the usual hot-spot map colours); 0 is not drawn.
 */
export const HOTSPOT_COLORS: Readonly<Record<number, Rgb>> = {
  [-3]: [59, 110, 200],
  [-2]: [110, 160, 225],
  [-1]: [170, 205, 240],
  1: [255, 200, 120],
  2: [250, 120, 70],
  3: [220, 40, 40],
};

/**
 * Expected cases of the forecast, few to many: dark teal rising to amber and white-hot, apart
 * from the rate ramp's blues so a viewer never reads a forecast as a count that happened.
 */
export const FORECAST_RAMP: readonly Rgb[] = [
  [18, 60, 72],
  [24, 98, 104],
  [60, 132, 110],
  [150, 160, 90],
  [222, 170, 60],
  [246, 120, 40],
  [255, 220, 170],
];

/** The outline of a predicted hot spot and the mark of a forecast alert. */
export const FORECAST_HOT_SPOT: Rgb = [255, 240, 120];
export const FORECAST_ALERT: Rgb = [255, 80, 80];
