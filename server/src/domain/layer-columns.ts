/**
 * The columns of each layer's table, stated once: what each holds, whether a dataset file and an
 * import must give it, and in which order the table lists them. The dataset loader, the importer
 * (row-checks.ts checks a value against its column) and the exports all read these lists. Pure.
 */
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
} from './vocabulary.js';

/** Which code a value must be (domain/codes.ts). */
export type CodeForm = 'division' | 'grid' | 'camera' | 'risk_point' | 'case';

export type ValueRule =
  | { type: 'text' }
  | { type: 'code'; form: CodeForm }
  | { type: 'vocabulary'; values: readonly (string | number)[] }
  | { type: 'integer'; min: number; max: number }
  | { type: 'time' }
  /** A nested value (a grid's staff) that only dataset files carry; its reader checks it. */
  | { type: 'structure' };

/** Whether a file must give a column: `server` columns are never read from a file. */
export type Presence = 'required' | 'optional' | 'server';

/**
 * What an import puts where the file has no value: a value or the importing account's unit for a
 * new row (an existing row keeps its own), or a rule (the grid the position lies in, the
 * deadline the category sets, the value a row already has).
 */
export type ImportDefault =
  | { value: string | number }
  | { rule: 'account_unit' | 'by_position' | 'by_category' | 'offline' | 'kept' | 'village' };

export interface ColumnSpec {
  name: string;
  rule: ValueRule;
  /** In a dataset file (a full dump of the map). */
  dataset: Presence;
  /** In an import (a register a center hands over); `server` where the importer does not read it. */
  imported: Presence;
  /** For an optional import column: what stands in for a missing value. */
  importDefault?: ImportDefault;
}

const text = { type: 'text' } as const;
const time = { type: 'time' } as const;
const code = (form: CodeForm) => ({ type: 'code', form }) as const;
const oneOf = (values: readonly (string | number)[]) => ({ type: 'vocabulary', values }) as const;
const integer = (min: number, max: number) => ({ type: 'integer', min, max }) as const;
const col = (
  name: string,
  rule: ValueRule,
  dataset: Presence,
  imported: Presence = 'server',
  importDefault?: ImportDefault,
): ColumnSpec => ({ name, rule, dataset, imported, ...(importDefault ? { importDefault } : {}) });

const byPosition = { rule: 'by_position' } as const;
const kept = { rule: 'kept' } as const;

const COUNT = integer(0, Number.MAX_SAFE_INTEGER);

export const ROAD_CLASSES = ['expressway', 'main', 'local'] as const;

/** The tables a dataset or an import fills, each column in the table's order (geometry left out). */
export const TABLE_COLUMNS = {
  admin_units: [
    col('code', code('division'), 'required'),
    col('level', oneOf(ADMIN_LEVELS), 'required'),
    col('name', text, 'required'),
    // A city has none; every other level must (the loader checks which is which).
    col('parent_code', code('division'), 'optional'),
    col('population', COUNT, 'required'),
    col('households', COUNT, 'required'),
  ],
  grids: [
    col('code', code('grid'), 'required', 'required'),
    col('version', integer(1, Number.MAX_SAFE_INTEGER), 'server'),
    col('village_code', code('division'), 'required'),
    col('name', text, 'required', 'required'),
    col('kind', oneOf(GRID_KINDS), 'required', 'optional', kept),
    col('households', integer(0, 1_000_000), 'required', 'optional', kept),
    col('population', integer(0, 10_000_000), 'required', 'optional', kept),
    col('staff', { type: 'structure' }, 'required'),
    col('valid_from', time, 'required'),
  ],
  roads: [col('class', oneOf(ROAD_CLASSES), 'required'), col('name', text, 'optional')],
  cameras: [
    col('id', code('camera'), 'required', 'required'),
    col('name', text, 'required', 'required'),
    // A register seldom says a camera's form, and guessing one would be a lie.
    col('kind', oneOf(CAMERA_KINDS), 'required', 'optional', { value: 'unknown' }),
    col('status', oneOf(CAMERA_STATUSES), 'required', 'optional', { rule: 'offline' }),
    col('last_seen', time, 'optional', 'optional', kept),
    col('heading', integer(0, 359), 'required', 'optional', kept),
    col('fov', integer(1, 360), 'required', 'optional', kept),
    // A center imports the cameras it runs: its own unit unless the register names another.
    col('owner_unit', text, 'required', 'optional', { rule: 'account_unit' }),
    col('grid_code', code('grid'), 'required', 'optional', byPosition),
  ],
  risk_points: [
    col('id', code('risk_point'), 'required', 'required'),
    col('name', text, 'required', 'required'),
    col('category', oneOf(RISK_CATEGORIES), 'required', 'required'),
    col('level', oneOf(RISK_LEVELS), 'required', 'required'),
    col('responsible_unit', text, 'required', 'required'),
    col('last_inspected_at', time, 'optional', 'optional', kept),
    col('grid_code', code('grid'), 'required', 'optional', byPosition),
  ],
  cases: [
    col('code', code('case'), 'required', 'required'),
    col('category', oneOf(CASE_CATEGORIES), 'required', 'required'),
    col('severity', oneOf(CASE_SEVERITIES), 'required', 'required'),
    col('source', oneOf(CASE_SOURCES), 'required', 'required'),
    col('status', oneOf(CASE_STATUSES), 'required', 'required'),
    col('reported_at', time, 'required', 'required'),
    // An import without one gets the deadline the category and severity set (case-deadlines.ts).
    col('deadline', time, 'required', 'optional', { rule: 'by_category' }),
    col('closed_at', time, 'optional', 'optional'),
    col('handled_level', oneOf(HANDLED_LEVELS), 'required', 'optional', { rule: 'village' }),
    col('grid_code', code('grid'), 'required', 'optional', byPosition),
    col('village_code', code('division'), 'required'),
  ],
  case_events: [
    col('case_code', code('case'), 'server'),
    col('at', time, 'required'),
    // Null for the first event only (the loader checks the order).
    col('from_status', oneOf(CASE_STATUSES), 'optional'),
    col('to_status', oneOf(CASE_STATUSES), 'required'),
    col('actor', text, 'required'),
    col('note', text, 'optional'),
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type LayerTable = keyof typeof TABLE_COLUMNS;

/** The names of a table's columns, in its order. */
export function columnNames(table: LayerTable): string[] {
  return TABLE_COLUMNS[table].map((c: ColumnSpec) => c.name);
}

/** The columns an import of `table` reads from the file, in the table's order. */
export function importedColumns(table: LayerTable): ColumnSpec[] {
  return (TABLE_COLUMNS[table] as readonly ColumnSpec[]).filter((c) => c.imported !== 'server');
}

/** The columns of `table` a dataset file carries. */
export function datasetColumns(table: LayerTable): ColumnSpec[] {
  return (TABLE_COLUMNS[table] as readonly ColumnSpec[]).filter((c) => c.dataset !== 'server');
}
