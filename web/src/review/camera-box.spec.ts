import { describe, expect, it } from 'vitest';
import type { Bbox } from '../map/grid-view.js';
import { ZOOM } from '../map/layers/zoom.js';
import { cameraBox } from './camera-box.js';

const VIEW: Bbox = [115.47, 35.24, 115.49, 35.25];

describe('cameraBox', () => {
  it('reads no cameras while the map shows more than a village', () => {
    expect(cameraBox(VIEW, ZOOM.reviewCamerasFrom - 0.25, null)).toBeNull();
  });

  it('reads the view with half its size around it, rounded outwards', () => {
    expect(cameraBox(VIEW, ZOOM.reviewCamerasFrom, null)).toEqual([115.46, 35.235, 115.5, 35.255]);
  });

  it('keeps the box read last while the view stays inside it', () => {
    const last = cameraBox(VIEW, 15, null)!;
    const panned: Bbox = [115.465, 35.238, 115.485, 35.248];
    expect(cameraBox(panned, 15.5, last)).toBe(last);
  });

  it('reads a new box once the view leaves the last one', () => {
    const last = cameraBox(VIEW, 15, null)!;
    const away: Bbox = [115.5, 35.24, 115.52, 35.25];
    expect(cameraBox(away, 15, last)).toEqual([115.49, 35.235, 115.53, 35.255]);
  });
});
