/** What every map of ours is made with: flat (no rotation or pitch), one world, no fading, our own credits. */
export const FLAT_MAP_OPTIONS = {
  attributionControl: false,
  maplibreLogo: false,
  dragRotate: false,
  pitchWithRotate: false,
  touchPitch: false,
  renderWorldCopies: false,
  fadeDuration: 0,
  maxZoom: 17.5,
} as const;
