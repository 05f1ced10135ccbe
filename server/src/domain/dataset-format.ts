/**
 * The on-disk format of a data set (the demo generator writes it, the loader reads it).
 *
 * A data set is a folder with `manifest.json` and one NDJSON file per layer. Every line of
 * a layer file is one GeoJSON Feature whose `properties` carry the table's columns in
 * snake_case. Geometry is WGS-84 lon/lat. Times are ISO 8601 strings with an offset.
 */
import type {
  AdminLevel,
  CameraKind,
  CameraStatus,
  CaseCategory,
  CaseSeverity,
  CaseSource,
  CaseStatus,
  GridKind,
  HandledLevel,
  RiskCategory,
} from './vocabulary.js';

export type Position = [number, number];
export type PolygonCoords = Position[][];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}

export interface Feature<P, G> {
  type: 'Feature';
  properties: P;
  geometry: G;
}

export interface AdminUnitProps {
  code: string;
  level: AdminLevel;
  name: string;
  parent_code: string | null;
  population: number;
  households: number;
}

export interface GridProps {
  code: string;
  village_code: string;
  name: string;
  kind: GridKind;
  households: number;
  population: number;
  /** The 1+N+N model: one grid head, N grid workers, N volunteers. */
  staff: { head: number; workers: number; volunteers: number };
  valid_from: string;
}

export interface CameraProps {
  id: string;
  name: string;
  kind: CameraKind;
  status: CameraStatus;
  last_seen: string;
  heading: number;
  fov: number;
  owner_unit: string;
  grid_code: string;
}

export interface RiskPointProps {
  id: string;
  name: string;
  category: RiskCategory;
  level: number;
  responsible_unit: string;
  last_inspected_at: string | null;
  grid_code: string;
}

export interface CaseEventProps {
  at: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor: string;
  note: string | null;
}

export interface CaseProps {
  code: string;
  category: CaseCategory;
  severity: CaseSeverity;
  source: CaseSource;
  status: CaseStatus;
  reported_at: string;
  deadline: string;
  closed_at: string | null;
  handled_level: HandledLevel;
  grid_code: string;
  village_code: string;
  /** The case's history, oldest first; the first event has from_status null. */
  events: CaseEventProps[];
}

export const ROAD_CLASSES = ['expressway', 'main', 'local'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** A road of the basemap (roads.ndjson, optional): drawn under the governance layers. */
export interface RoadProps {
  class: RoadClass;
  name: string | null;
}

export type AdminUnitFeature = Feature<AdminUnitProps, MultiPolygonGeometry>;
export type GridFeature = Feature<GridProps, PolygonGeometry>;
export type CameraFeature = Feature<CameraProps, PointGeometry>;
export type RiskPointFeature = Feature<RiskPointProps, PointGeometry>;
export type CaseFeature = Feature<CaseProps, PointGeometry>;
export type RoadFeature = Feature<RoadProps, LineStringGeometry>;

/** Layer files in load order (parents before children). */
export const LAYER_FILES = {
  admin_units: 'admin_units.ndjson',
  grids: 'grids.ndjson',
  cameras: 'cameras.ndjson',
  risk_points: 'risk_points.ndjson',
  cases: 'cases.ndjson',
} as const;
export type LayerName = keyof typeof LAYER_FILES;

/** Layers a data set may leave out; loaders skip them when the file is absent. */
export const OPTIONAL_LAYER_FILES = {
  roads: 'roads.ndjson',
} as const;
export type OptionalLayerName = keyof typeof OPTIONAL_LAYER_FILES;

/**
 * Patterns the demo generator planted on purpose, so tests of the analyses can check
 * that they find them.
 */
export interface PlantedPatterns {
  /** Grids with several times the normal case rate over the whole period. */
  hotspot_grids: string[];
  /** Grids whose case rate rises sharply over the last ~8 weeks. */
  emerging_hotspot_grids: string[];
  /** Villages where most cameras went offline together (a clustered outage). */
  camera_outage_villages: string[];
}

export interface Manifest {
  /** Always true for generated data: the geometry is synthetic. */
  synthetic: boolean;
  scale: string;
  seed: number;
  /** The generator's "today" (YYYY-MM-DD, Asia/Shanghai); cases end on this day. */
  as_of: string;
  counts: Record<LayerName, number>;
  description: string;
  /** Counts of the optional layers present. */
  optional_counts?: Partial<Record<OptionalLayerName, number>>;
  /** Generated data sets only: what was planted for analyses to find. */
  planted?: PlantedPatterns;
  /**
   * When villages, grids and points cover only part of the city (the tiny scale), the
   * township they cover; upper levels still cover the whole city.
   */
  focus_township?: string;
}
