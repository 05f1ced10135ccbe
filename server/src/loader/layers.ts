/**
 * How each layer file maps onto its table: the checks a feature must pass (with the field
 * and reason when it does not) and the COPY row it becomes. The columns and their value checks
 * are the shared ones (domain/layer-columns.ts, domain/row-checks.ts); what is here is what
 * only a whole dataset can check: references between layers and rules across columns.
 */
import { adminLevelOfCode } from '../domain/codes.js';
import { columnNames, type LayerTable } from '../domain/layer-columns.js';
import { checkValue } from '../domain/row-checks.js';
import type { AdminLevel } from '../domain/vocabulary.js';
import { columnsProblem, first, type FieldProblem } from './field-checks.js';

/** What earlier layers of the same load made known, for references between layers. */
export interface LoadContext {
  adminLevels: Map<string, AdminLevel>;
  currentGrids: Set<string>;
}

export type CopyValue = string | number | null;

type Props = Record<string, unknown>;

export interface LayerSpec {
  file: string;
  table: LayerTable;
  columns: readonly string[];
  geometryType: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  check(props: Props, ctx: LoadContext): FieldProblem | null;
  /** The row for `table`, given the geometry as hex EWKB. */
  row(props: Props, geomHex: string): CopyValue[];
  remember?(props: Props, ctx: LoadContext): void;
  /** Rows of a dependent table carried inside the feature (a case's events). */
  children?: {
    table: LayerTable;
    columns: readonly string[];
    rows(props: Props): CopyValue[][];
    check(props: Props): FieldProblem | null;
  };
}

/**
 * A table's COPY row: each column's value from the feature, or from `computed` where the
 * dataset does not carry it as stored (a grid's version, its staff as JSON).
 */
function copyRow(table: LayerTable, p: Props, computed: Record<string, (p: Props) => CopyValue> = {}): CopyValue[] {
  return columnNames(table).map((name) => (computed[name] ? computed[name](p) : ((p[name] as CopyValue) ?? null)));
}

/** A layer of one table: its file, columns (geometry last) and the checks beyond each column's own. */
function layer(
  table: LayerTable,
  geometryType: LayerSpec['geometryType'],
  rest: Pick<LayerSpec, 'check' | 'remember' | 'children'> & {
    computed?: Record<string, (p: Props) => CopyValue>;
  },
): LayerSpec {
  return {
    file: `${table}.ndjson`,
    table,
    columns: [...columnNames(table), 'geom'],
    geometryType,
    check: rest.check,
    ...(rest.remember ? { remember: rest.remember } : {}),
    ...(rest.children ? { children: rest.children } : {}),
    row: (p, geom) => [...copyRow(table, p, rest.computed), geom],
  };
}

const gridCodeCheck = (p: Props, ctx: LoadContext): FieldProblem | null => {
  const code = String(p.grid_code);
  return ctx.currentGrids.has(code) ? null : { field: 'grid_code', reason: `grid ${code} is not in the grids layer` };
};

export const adminUnitsLayer = layer('admin_units', 'MultiPolygon', {
  check(p) {
    const level = adminLevelOfCode(String(p.code));
    return first(
      columnsProblem('admin_units', p, { parent_code: p.level !== 'city' }),
      level === p.level
        ? null
        : {
            field: 'level',
            reason: `code ${String(p.code)} is a ${level ?? 'malformed'} code, not ${String(p.level)}`,
          },
    );
  },
  remember(p, ctx) {
    ctx.adminLevels.set(p.code as string, p.level as AdminLevel);
  },
  computed: { parent_code: (p) => (p.level === 'city' ? null : (p.parent_code as string)) },
});

const STAFF_ROLES = [
  { name: 'head', max: 1 },
  { name: 'workers', max: Number.MAX_SAFE_INTEGER },
  { name: 'volunteers', max: Number.MAX_SAFE_INTEGER },
] as const;

function staffProblem(staff: unknown): FieldProblem | null {
  if (!staff || typeof staff !== 'object') return { field: 'staff', reason: 'must be {head, workers, volunteers}' };
  for (const { name, max } of STAFF_ROLES) {
    const spec = { name, rule: { type: 'integer', min: 0, max }, dataset: 'required', imported: 'server' } as const;
    const checked = checkValue(spec, (staff as Props)[name], { source: 'dataset', required: true });
    if (!checked.ok) return { field: `staff.${name}`, reason: checked.problem.reason };
  }
  return null;
}

export const gridsLayer = layer('grids', 'Polygon', {
  check(p, ctx) {
    return first(
      columnsProblem('grids', p),
      ctx.currentGrids.has(String(p.code)) ? { field: 'code', reason: `grid ${String(p.code)} appears twice` } : null,
      ctx.adminLevels.get(String(p.village_code)) === 'village'
        ? null
        : { field: 'village_code', reason: `${JSON.stringify(p.village_code)} is not a village in admin_units` },
      String(p.code).startsWith(String(p.village_code))
        ? null
        : { field: 'code', reason: 'does not start with its village code' },
      staffProblem(p.staff),
    );
  },
  remember(p, ctx) {
    ctx.currentGrids.add(p.code as string);
  },
  computed: {
    version: () => 1,
    staff: (p) => {
      const s = p.staff as Record<'head' | 'workers' | 'volunteers', number>;
      return JSON.stringify({ head: s.head, workers: s.workers, volunteers: s.volunteers });
    },
  },
});

export const camerasLayer = layer('cameras', 'Point', {
  check: (p, ctx) => first(columnsProblem('cameras', p), gridCodeCheck(p, ctx)),
});

export const riskPointsLayer = layer('risk_points', 'Point', {
  check: (p, ctx) => first(columnsProblem('risk_points', p), gridCodeCheck(p, ctx)),
});

function eventProblem(events: unknown): FieldProblem | null {
  if (!Array.isArray(events) || events.length === 0)
    return { field: 'events', reason: 'a case needs at least its first event' };
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Props;
    const problem = first(
      columnsProblem('case_events', e, { from_status: i > 0 }),
      i === 0 && e.from_status !== null ? { field: 'from_status', reason: 'the first event starts from null' } : null,
    );
    if (problem) return { field: `events[${i}].${problem.field}`, reason: problem.reason };
  }
  return null;
}

export const casesLayer = layer('cases', 'Point', {
  check(p, ctx) {
    return first(
      columnsProblem('cases', p),
      gridCodeCheck(p, ctx),
      String(p.grid_code).startsWith(String(p.village_code)) && String(p.code).startsWith(String(p.village_code))
        ? null
        : { field: 'village_code', reason: 'code and grid_code must start with the village code' },
    );
  },
  children: {
    table: 'case_events',
    columns: columnNames('case_events'),
    check: (p) => eventProblem(p.events),
    rows: (p) => (p.events as Props[]).map((e) => copyRow('case_events', e, { case_code: () => p.code as string })),
  },
});

export const roadsLayer = layer('roads', 'LineString', { check: (p) => columnsProblem('roads', p) });

/** In load order: every layer's references point to layers before it. */
export const LAYERS: readonly LayerSpec[] = [
  adminUnitsLayer,
  gridsLayer,
  roadsLayer,
  camerasLayer,
  riskPointsLayer,
  casesLayer,
];
