import { describe, expect, it } from 'vitest';
import { testCameras } from '../../test-support/feeds.js';
import type { Bbox } from '../grid-view.js';
import { cameraConeLayers, CONE_COLORS, CONE_RADIUS_METERS, conePolygon, conesIn } from './camera-cones.js';
import { ZOOM } from './zoom.js';

const CITY: Bbox = [115.3, 35.1, 115.5, 35.3];
const metersBetween = ([x1, y1]: number[], [x2, y2]: number[]) =>
  Math.hypot((x2! - x1!) * 111_320 * Math.cos((y1! * Math.PI) / 180), (y2! - y1!) * 110_540);

describe('camera view cones', () => {
  it('draws a cone from the camera towards its heading, as wide as its field of view', () => {
    const ring = conePolygon([115.4, 35.2], 90, 60);
    expect(ring[0]).toEqual([115.4, 35.2]);
    expect(ring.at(-1)).toEqual(ring[0]);
    const arc = ring.slice(1, -1);
    for (const p of arc) expect(metersBetween([115.4, 35.2], p)).toBeCloseTo(CONE_RADIUS_METERS, 6);
    // Looking east: the arc lies east of the camera, from 60° to 120° (north-east to south-east).
    expect(arc.every(([x]) => x! > 115.4)).toBe(true);
    expect(arc[0]![1]).toBeGreaterThan(35.2);
    expect(arc.at(-1)![1]).toBeLessThan(35.2);
  });

  it('draws a full circle around a camera that sees all round', () => {
    const ring = conePolygon([115.4, 35.2], 0, 360);
    expect(ring.slice(0, -1).every((p) => Math.abs(metersBetween([115.4, 35.2], p) - CONE_RADIUS_METERS) < 1e-6)).toBe(
      true,
    );
  });

  it('leaves out cameras whose view is not known and those outside the box', () => {
    expect(conesIn(testCameras(), CITY).map((c) => c.row)).toEqual([0, 2]);
    expect(conesIn(testCameras(), [115.39, 35.19, 115.405, 35.205]).map((c) => c.row)).toEqual([0]);
  });

  it('colours online cameras apart from the others', () => {
    expect(conesIn(testCameras(), CITY).map((c) => c.color)).toEqual([CONE_COLORS.online, CONE_COLORS.other]);
  });

  it('draws cones from close zoom on, and none further out, switched off or without a box', () => {
    const base = { feed: testCameras(), visible: true, zoom: ZOOM.conesFrom, box: CITY, selected: null };
    expect(cameraConeLayers(base).map((s) => s.props.id)).toEqual(['camera-cones']);
    expect(cameraConeLayers({ ...base, zoom: ZOOM.conesFrom - 0.25 })).toEqual([]);
    expect(cameraConeLayers({ ...base, visible: false })).toEqual([]);
    expect(cameraConeLayers({ ...base, box: null })).toEqual([]);
  });

  it("draws the selected camera's cone over the others, brighter", () => {
    const specs = cameraConeLayers({
      feed: testCameras(),
      visible: true,
      zoom: 16.5,
      box: CITY,
      selected: [115.42, 35.22],
    });
    expect(specs.map((s) => s.props.id)).toEqual(['camera-cones', 'camera-cone-selected']);
    expect((specs[1]!.props.data as { row: number }[]).map((c) => c.row)).toEqual([2]);
    expect(specs[1]!.props.getFillColor).toEqual(CONE_COLORS.selected);
  });
});
