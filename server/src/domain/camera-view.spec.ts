import { describe, expect, it } from 'vitest';
import { CAMERA_FOVS, CAMERA_HEADINGS, fovCode, headingCode, VIEW_UNKNOWN } from './camera-view.js';

describe("a camera's view in the feed", () => {
  it('fits both dictionaries in an Int8 code', () => {
    expect(CAMERA_HEADINGS).toHaveLength(73);
    expect(CAMERA_FOVS).toHaveLength(73);
    expect(CAMERA_HEADINGS.at(-1)).toBe(355);
    expect(CAMERA_FOVS.at(-1)).toBe(360);
  });

  it('rounds a heading to the nearest 5°, 358° coming round to north', () => {
    expect([0, 2, 3, 92, 93, 357, 358, 359].map((h) => CAMERA_HEADINGS[headingCode(h)])).toEqual([
      0, 0, 5, 90, 95, 355, 0, 0,
    ]);
  });

  it('rounds a field of view to the nearest 5°, never below 5°', () => {
    expect([1, 2, 3, 62, 63, 111, 360].map((f) => CAMERA_FOVS[fovCode(f)])).toEqual([5, 5, 5, 60, 65, 110, 360]);
  });

  it('marks an unknown view', () => {
    expect(CAMERA_HEADINGS[headingCode(null)]).toBe(VIEW_UNKNOWN);
    expect(CAMERA_FOVS[fovCode(null)]).toBe(VIEW_UNKNOWN);
  });
});
