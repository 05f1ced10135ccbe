/**
 * Room kept around an area the wall's map fits (home view, tour stops), in CSS pixels at a UI
 * scale of 1: the layer switches on the left, the time bar on top, the legend's band below.
 */
export const MAP_PADDING = { top: 70, left: 200, right: 40, bottom: 160 } as const;

export function mapPadding(uiScale: number) {
  const p = MAP_PADDING;
  return { top: p.top * uiScale, left: p.left * uiScale, right: p.right * uiScale, bottom: p.bottom * uiScale };
}
