/**
 * The wall is laid out in rem on a 1920 × 1080 design; the root font size scales it to the
 * screen, so a 3840 × 2160 wall shows the same layout at twice the size. 1 rem is 18 px at
 * 1080p: the smallest text on the wall.
 */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
export const BASE_FONT_PX = 18;
/** Small windows (a laptop checking the wall) keep text readable. */
export const MIN_FONT_PX = 11;

export function rootFontSize(width: number, height: number): number {
  const scale = Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT);
  return Math.max(MIN_FONT_PX, Math.round(BASE_FONT_PX * scale * 100) / 100);
}
