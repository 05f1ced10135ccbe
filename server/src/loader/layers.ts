/**
 * How each layer file maps onto its table: the checks a feature must pass (with the field
 * and reason when it does not) and the COPY row it becomes.
 */
import { adminLevelOfCode, cameraIdProblem, isCaseCode, isGridCode, isRiskPointId } from '../domain/codes.js';
import {
  ADMIN_LEVELS,
  CAMERA_KINDS,
  CAMERA_STATUSES,
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_SOURCES,
  CASE_STATUSES,
  GRID_KINDS,
  HANDLED_LEVELS,
  RISK_CATEGORIES,
  RISK_LEVELS,
  type AdminLevel,
} from '../domain/vocabulary.js';
import type {
  AdminUnitProps,
  CameraProps,
  CaseEventProps,
  CaseProps,
  GridProps,
  RiskPointProps,
} from '../domain/dataset-format.js';
import { first, integer, oneOf, optionalText, text, time, type FieldProblem } from './field-checks.js';

/** What earlier layers of the same load made known, for references between layers. */
export interface LoadContext {
  adminLevels: Map<string, AdminLevel>;
  currentGrids: Set<string>;
}

export type CopyValue = string | number | null;

export interface LayerSpec {
  file: string;
  table: string;
  columns: readonly string[];
  geometryType: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  check(props: Record<string, unknown>, ctx: LoadContext): FieldProblem | null;
  /** The row for `table`, given the geometry as hex EWKB. */
  row(props: Record<string, unknown>, geomHex: string): CopyValue[];
  remember?(props: Record<string, unknown>, ctx: LoadContext): void;
  /** Rows of a dependent table carried inside the feature (a case's events). */
  children?: {
    table: string;
    columns: readonly string[];
    rows(props: Record<string, unknown>): CopyValue[][];
    check(props: Record<string, unknown>): FieldProblem | null;
  };
}

const gridCodeCheck = (p: Record<string, unknown>, ctx: LoadContext, field = 'grid_code'): FieldProblem | null => {
  const code = p[field];
  if (typeof code !== 'string' || !isGridCode(code)) {
    return { field, reason: `${JSON.stringify(code)} is not a 15-digit grid code` };
  }
  return ctx.currentGrids.has(code) ? null : { field, reason: `grid ${code} is not in the grids layer` };
};

export const adminUnitsLayer: LayerSpec = {
  file: 'admin_units.ndjson',
  table: 'admin_units',
  columns: ['code', 'level', 'name', 'parent_code', 'population', 'households', 'geom'],
  geometryType: 'MultiPolygon',
  check(p) {
    const level = adminLevelOfCode(String(p.code));
    return first(
      text(p, 'code', /^\d{12}$/, 'a 12-digit division code'),
      oneOf(p, 'level', ADMIN_LEVELS),
      level === p.level
        ? null
        : {
            field: 'level',
            reason: `code ${String(p.code)} is a ${level ?? 'malformed'} code, not ${String(p.level)}`,
          },
      text(p, 'name'),
      p.level === 'city'
        ? optionalText(p, 'parent_code')
        : text(p, 'parent_code', /^\d{12}$/, 'a 12-digit division code'),
      integer(p, 'population', 0),
      integer(p, 'households', 0),
    );
  },
  remember(p, ctx) {
    ctx.adminLevels.set(p.code as string, p.level as AdminLevel);
  },
  row(p, geom) {
    const u = p as unknown as AdminUnitProps;
    return [u.code, u.level, u.name, u.level === 'city' ? null : u.parent_code, u.population, u.households, geom];
  },
};

export const gridsLayer: LayerSpec = {
  file: 'grids.ndjson',
  table: 'grids',
  columns: [
    'code',
    'version',
    'village_code',
    'name',
    'kind',
    'households',
    'population',
    'staff',
    'geom',
    'valid_from',
  ],
  geometryType: 'Polygon',
  check(p, ctx) {
    const staff = p.staff as Record<string, unknown> | undefined;
    return first(
      text(p, 'code', /^\d{15}$/, 'a 15-digit grid code'),
      isGridCode(String(p.code))
        ? null
        : { field: 'code', reason: `${String(p.code)} is not village code + serial 001–999` },
      ctx.currentGrids.has(String(p.code)) ? { field: 'code', reason: `grid ${String(p.code)} appears twice` } : null,
      ctx.adminLevels.get(String(p.village_code)) === 'village'
        ? null
        : { field: 'village_code', reason: `${JSON.stringify(p.village_code)} is not a village in admin_units` },
      String(p.code).startsWith(String(p.village_code))
        ? null
        : { field: 'code', reason: 'does not start with its village code' },
      text(p, 'name'),
      oneOf(p, 'kind', GRID_KINDS),
      integer(p, 'households', 0),
      integer(p, 'population', 0),
      staff && typeof staff === 'object'
        ? first(integer(staff, 'head', 0, 1), integer(staff, 'workers', 0), integer(staff, 'volunteers', 0))
        : { field: 'staff', reason: 'must be {head, workers, volunteers}' },
      time(p, 'valid_from'),
    );
  },
  remember(p, ctx) {
    ctx.currentGrids.add(p.code as string);
  },
  row(p, geom) {
    const g = p as unknown as GridProps;
    const staff = JSON.stringify({ head: g.staff.head, workers: g.staff.workers, volunteers: g.staff.volunteers });
    return [g.code, 1, g.village_code, g.name, g.kind, g.households, g.population, staff, geom, g.valid_from];
  },
};

export const camerasLayer: LayerSpec = {
  file: 'cameras.ndjson',
  table: 'cameras',
  columns: ['id', 'name', 'kind', 'status', 'last_seen', 'heading', 'fov', 'owner_unit', 'grid_code', 'geom'],
  geometryType: 'Point',
  check(p, ctx) {
    const idProblem = cameraIdProblem(String(p.id));
    return first(
      idProblem ? { field: 'id', reason: idProblem } : null,
      text(p, 'name'),
      oneOf(p, 'kind', CAMERA_KINDS),
      oneOf(p, 'status', CAMERA_STATUSES),
      time(p, 'last_seen', true),
      integer(p, 'heading', 0, 359),
      integer(p, 'fov', 1, 360),
      text(p, 'owner_unit'),
      gridCodeCheck(p, ctx),
    );
  },
  row(p, geom) {
    const c = p as unknown as CameraProps;
    return [c.id, c.name, c.kind, c.status, c.last_seen, c.heading, c.fov, c.owner_unit, c.grid_code, geom];
  },
};

export const riskPointsLayer: LayerSpec = {
  file: 'risk_points.ndjson',
  table: 'risk_points',
  columns: ['id', 'name', 'category', 'level', 'responsible_unit', 'last_inspected_at', 'grid_code', 'geom'],
  geometryType: 'Point',
  check(p, ctx) {
    return first(
      isRiskPointId(String(p.id))
        ? null
        : { field: 'id', reason: `${JSON.stringify(p.id)} is not village code + R + 4 digits` },
      text(p, 'name'),
      oneOf(p, 'category', RISK_CATEGORIES),
      oneOf(p, 'level', RISK_LEVELS),
      text(p, 'responsible_unit'),
      time(p, 'last_inspected_at', true),
      gridCodeCheck(p, ctx),
    );
  },
  row(p, geom) {
    const r = p as unknown as RiskPointProps;
    return [r.id, r.name, r.category, r.level, r.responsible_unit, r.last_inspected_at, r.grid_code, geom];
  },
};

function eventProblem(events: unknown): FieldProblem | null {
  if (!Array.isArray(events) || events.length === 0)
    return { field: 'events', reason: 'a case needs at least its first event' };
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Record<string, unknown>;
    const problem = first(
      time(e, 'at'),
      i === 0
        ? e.from_status === null
          ? null
          : { field: 'from_status', reason: 'the first event starts from null' }
        : oneOf(e, 'from_status', CASE_STATUSES),
      oneOf(e, 'to_status', CASE_STATUSES),
      text(e, 'actor'),
      optionalText(e, 'note'),
    );
    if (problem) return { field: `events[${i}].${problem.field}`, reason: problem.reason };
  }
  return null;
}

export const casesLayer: LayerSpec = {
  file: 'cases.ndjson',
  table: 'cases',
  columns: [
    'code',
    'category',
    'severity',
    'source',
    'status',
    'reported_at',
    'deadline',
    'closed_at',
    'handled_level',
    'grid_code',
    'village_code',
    'geom',
  ],
  geometryType: 'Point',
  check(p, ctx) {
    return first(
      isCaseCode(String(p.code))
        ? null
        : { field: 'code', reason: `${JSON.stringify(p.code)} is not village code + YYYYMMDD + 4-digit serial` },
      oneOf(p, 'category', CASE_CATEGORIES),
      oneOf(p, 'severity', CASE_SEVERITIES),
      oneOf(p, 'source', CASE_SOURCES),
      oneOf(p, 'status', CASE_STATUSES),
      time(p, 'reported_at'),
      time(p, 'deadline'),
      time(p, 'closed_at', true),
      oneOf(p, 'handled_level', HANDLED_LEVELS),
      gridCodeCheck(p, ctx),
      String(p.grid_code).startsWith(String(p.village_code)) && String(p.code).startsWith(String(p.village_code))
        ? null
        : { field: 'village_code', reason: 'code and grid_code must start with the village code' },
    );
  },
  row(p, geom) {
    const c = p as unknown as CaseProps;
    return [
      c.code,
      c.category,
      c.severity,
      c.source,
      c.status,
      c.reported_at,
      c.deadline,
      c.closed_at,
      c.handled_level,
      c.grid_code,
      c.village_code,
      geom,
    ];
  },
  children: {
    table: 'case_events',
    columns: ['case_code', 'at', 'from_status', 'to_status', 'actor', 'note'],
    check: (p) => eventProblem(p.events),
    rows(p) {
      const code = p.code as string;
      return (p.events as CaseEventProps[]).map((e) => [code, e.at, e.from_status, e.to_status, e.actor, e.note]);
    },
  },
};

export const roadsLayer: LayerSpec = {
  file: 'roads.ndjson',
  table: 'roads',
  columns: ['class', 'name', 'geom'],
  geometryType: 'LineString',
  check: (p) => first(oneOf(p, 'class', ['expressway', 'main', 'local']), optionalText(p, 'name')),
  row: (p, geom) => [p.class as string, (p.name as string | null) ?? null, geom],
};

/** In load order: every layer's references point to layers before it. */
export const LAYERS: readonly LayerSpec[] = [
  adminUnitsLayer,
  gridsLayer,
  roadsLayer,
  camerasLayer,
  riskPointsLayer,
  casesLayer,
];
