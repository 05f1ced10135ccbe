/**
 * Camera view cones at close zoom: for each camera whose heading and field of view are known,
 * a sector from the camera towards its heading, as wide as its field of view, with the selected
 * camera's cone drawn brighter over the rest. Only the cameras inside a box (the townships on
 * screen) are drawn: a city's 250,000 cones would be tessellated for nothing. Pure.
 */
import { VIEW_UNKNOWN } from '../../../../server/src/domain/camera-view.js';
import { numbersByCode, rowPosition, type PointFeed } from '../feed-data.js';
import type { Bbox } from '../grid-view.js';
import type { LayerSpec, Rgba } from './spec.js';
import { ZOOM } from './zoom.js';

/** How far a cone reaches: about a street's width beyond a crossing, readable at zoom 16. */
export const CONE_RADIUS_METERS = 40;
/** Arc points per 90° of field of view (at least two a cone). */
const ARC_POINTS_PER_QUARTER = 4;
const METERS_PER_DEGREE_LAT = 110_540;
const METERS_PER_DEGREE_LON_AT_EQUATOR = 111_320;

export const CONE_COLORS: { online: Rgba; other: Rgba; selected: Rgba } = {
  online: [56, 189, 248, 60],
  other: [148, 163, 184, 45],
  selected: [250, 204, 21, 150],
};

/** A cone's outline in lon/lat: the camera, then the arc clockwise from heading − fov/2. */
export function conePolygon(
  [lon, lat]: readonly [number, number],
  headingDegrees: number,
  fovDegrees: number,
  radiusMeters = CONE_RADIUS_METERS,
): [number, number][] {
  const full = fovDegrees >= 360;
  const width = Math.min(fovDegrees, 360);
  const points = Math.max(2, Math.ceil((width / 90) * ARC_POINTS_PER_QUARTER) + 1);
  const perLon = METERS_PER_DEGREE_LON_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const ring: [number, number][] = full ? [] : [[lon, lat]];
  for (let i = 0; i < points; i++) {
    if (full && i === points - 1) break; // a full circle does not repeat its first point
    const bearing = ((headingDegrees - width / 2 + (width * i) / (points - 1)) * Math.PI) / 180;
    ring.push([
      lon + (radiusMeters * Math.sin(bearing)) / perLon,
      lat + (radiusMeters * Math.cos(bearing)) / METERS_PER_DEGREE_LAT,
    ]);
  }
  ring.push(ring[0]!);
  return ring;
}

export interface Cone {
  row: number;
  polygon: [number, number][];
  color: Rgba;
}

const inBox = ([x, y]: readonly [number, number], b: Bbox) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

/** The cones of the feed's cameras inside `box` whose view is known. */
export function conesIn(feed: PointFeed, box: Bbox): Cone[] {
  const heading = feed.codes.heading;
  const fov = feed.codes.fov;
  if (!heading || !fov) return [];
  const headings = numbersByCode(heading);
  const fovs = numbersByCode(fov);
  const status = feed.codes.status;
  const cones: Cone[] = [];
  for (let row = 0; row < feed.rows; row++) {
    if (headings[row] === VIEW_UNKNOWN || fovs[row] === VIEW_UNKNOWN) continue;
    const at = rowPosition(feed, row);
    if (!inBox(at, box)) continue;
    const online = status ? status.dictionary[status.values[row]!] === 'online' : false;
    cones.push({
      row,
      polygon: conePolygon(at, headings[row]!, fovs[row]!),
      color: online ? CONE_COLORS.online : CONE_COLORS.other,
    });
  }
  return cones;
}

export interface ConeLayersInput {
  feed: PointFeed;
  visible: boolean;
  zoom: number;
  /** Where to draw cones (the townships on screen). */
  box: Bbox | null;
  /** The selected camera's position (as the detail card has it), or null. */
  selected: readonly [number, number] | null;
}

const cache = new WeakMap<PointFeed, { key: string; cones: Cone[] }>();

/** The cones of the cameras in the box, built again only when the feed or the box changes. */
function cachedCones(feed: PointFeed, box: Bbox): Cone[] {
  const key = box.join(',');
  const kept = cache.get(feed);
  if (kept?.key === key) return kept.cones;
  const cones = conesIn(feed, box);
  cache.set(feed, { key, cones });
  return cones;
}

/** The selected camera's row: the one at exactly its position. */
function selectedRow(feed: PointFeed, cones: readonly Cone[], at: readonly [number, number]): Cone | null {
  for (const cone of cones) {
    const [x, y] = rowPosition(feed, cone.row);
    if (Math.abs(x - at[0]) < 1e-7 && Math.abs(y - at[1]) < 1e-7) return cone;
  }
  return null;
}

/** The cones from ZOOM.conesFrom on: every camera's, then the selected one's over them. */
export function cameraConeLayers({ feed, visible, zoom, box, selected }: ConeLayersInput): LayerSpec[] {
  if (!visible || zoom < ZOOM.conesFrom || !box) return [];
  const cones = cachedCones(feed, box);
  const chosen = selected ? selectedRow(feed, cones, selected) : null;
  const common = {
    getPolygon: (c: Cone) => c.polygon,
    filled: true,
    extruded: false,
    pickable: false,
  };
  const specs: LayerSpec[] = [
    {
      kind: 'solid-polygon',
      props: {
        id: 'camera-cones',
        visible: cones.length > 0,
        data: cones,
        getFillColor: (c: Cone) => c.color,
        ...common,
      },
    },
  ];
  if (chosen) {
    specs.push({
      kind: 'solid-polygon',
      props: {
        id: 'camera-cone-selected',
        visible: true,
        data: [chosen],
        getFillColor: CONE_COLORS.selected,
        ...common,
      },
    });
  }
  return specs;
}
