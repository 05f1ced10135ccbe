/**
 * Source records to rows of our tables, per layer: fields found through the mapping, values
 * checked against our codes and vocabularies (and every text for control and bidirectional
 * characters, see text-safety.ts), positions converted to WGS-84. A record that
 * fails gets every problem found, each with its field and reason. Pure.
 */
import { caseDeadline } from '../domain/case-deadlines.js';
import { importedColumns, type LayerTable } from '../domain/layer-columns.js';
import {
  checkValue,
  isRequired,
  type CellValue,
  type ProblemParams,
  type RowProblemCode,
} from '../domain/row-checks.js';
import { textProblem } from '../domain/text-safety.js';
import type { CaseCategory, CaseSeverity } from '../domain/vocabulary.js';
import type { ToWgs84 } from './crs.js';
import { repairPoint, repairPolygon, type PolygonGeometry } from './geometry.js';
import { valueOf, type ImportLayer, type Mapping } from './mapping.js';
import type { SourceRecord } from './readers.js';

/** A refused record's problem: where, which field (with the file's name for it), why. */
export interface Problem {
  position: string;
  field: string;
  /** Stable; the web words it from its catalog with `params`. Absent on warnings without one. */
  code?: RowProblemCode;
  params?: ProblemParams;
  /** In English, for logs and API consumers. */
  reason: string;
}

export interface CameraRow {
  id: string;
  name: string;
  kind: string;
  status: string | null;
  last_seen: string | null;
  heading: number | null;
  fov: number | null;
  owner_unit: string;
  grid_code: string | null;
  lon: number;
  lat: number;
}

export interface RiskPointRow {
  id: string;
  name: string;
  category: string;
  level: number;
  responsible_unit: string;
  last_inspected_at: string | null;
  grid_code: string | null;
  lon: number;
  lat: number;
}

export interface CaseRow {
  code: string;
  category: string;
  severity: string;
  source: string;
  status: string;
  reported_at: string;
  deadline: string;
  closed_at: string | null;
  handled_level: string;
  grid_code: string | null;
  lon: number;
  lat: number;
}

export interface GridRow {
  code: string;
  name: string;
  /** Null when the file does not say: the planner keeps the grid's value (or estimates a new grid's). */
  kind: string | null;
  households: number | null;
  population: number | null;
  geometry: PolygonGeometry;
}

export type ImportRow = CameraRow | RiskPointRow | CaseRow | GridRow;

/** The key of a row: what an upsert matches on. */
export function keyOf(row: ImportRow): string {
  return 'id' in row ? row.id : row.code;
}

export interface Converted<R> {
  row: R | null;
  problems: Problem[];
  repairs: string[];
}

/** Reads the checked values of one record (domain/row-checks.ts), collecting every problem. */
class Fields {
  readonly problems: Problem[] = [];
  constructor(
    private readonly record: SourceRecord,
    private readonly fields: Map<string, string>,
    private readonly mapping: Mapping,
    private readonly plainOffset: string,
  ) {}

  /** Notes a problem of `column`, named with the file's field for it unless it is a rule across columns. */
  fail(column: string, code: RowProblemCode, reason: string, params: ProblemParams = {}, acrossColumns = false): null {
    const source = acrossColumns ? undefined : this.fields.get(column);
    const field = source && source !== column ? `${column} (${source})` : column;
    this.problems.push({
      position: this.record.position,
      field,
      code,
      params: { column, ...(source && source !== column ? { source } : {}), ...params },
      reason,
    });
    return null;
  }

  private raw(column: string): unknown {
    return valueOf(this.record.properties, column, this.fields, this.mapping);
  }

  /** Every column an import of `table` reads, checked; a refused one is null (its problem noted). */
  columns(table: LayerTable): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (const spec of importedColumns(table)) {
      const checked = checkValue(spec, this.raw(spec.name), {
        source: 'import',
        required: isRequired(spec, 'import'),
        plainOffset: this.plainOffset,
      });
      if (checked.ok) out[spec.name] = checked.value as CellValue;
      else {
        const { column, code, params, reason } = checked.problem;
        out[spec.name] = this.fail(column, code, reason, params);
      }
    }
    return out;
  }

  /** A lon or lat cell: absent is null, a refused text is undefined (its problem noted). */
  private coordinate(column: 'lon' | 'lat'): unknown {
    const v = this.raw(column);
    const problem = typeof v === 'string' ? textProblem(v) : null;
    if (problem === null) return v;
    this.fail(column, 'unsafe_text', problem, { detail: problem });
    return undefined;
  }

  /** The position: the record's point geometry, else lon/lat columns. */
  point(toWgs84: ToWgs84, repairs: string[]): [number, number] | null {
    if (this.record.geometry !== null && this.record.geometry !== undefined) {
      const p = repairPoint(this.record.geometry, toWgs84);
      if (!p.ok) return this.fail('geometry', 'bad_geometry', p.error, { detail: p.error });
      repairs.push(...p.value.repairs);
      return p.value.geometry.coordinates;
    }
    const lon = this.coordinate('lon');
    const lat = this.coordinate('lat');
    if (lon === undefined || lat === undefined) return null;
    if (lon === null || lat === null)
      return this.fail(lon === null ? 'lon' : 'lat', 'no_position', 'is missing (no geometry either)');
    const x = Number(String(lon).trim());
    const y = Number(String(lat).trim());
    if (!Number.isFinite(x) || !Number.isFinite(y))
      return this.fail('lon', 'not_number_pair', `"${String(lon)}, ${String(lat)}" is not a pair of numbers`, {
        lon: String(lon),
        lat: String(lat),
      });
    const p = repairPoint({ type: 'Point', coordinates: [x, y] }, toWgs84);
    if (!p.ok) return this.fail('lon', 'bad_geometry', p.error, { detail: p.error });
    return p.value.geometry.coordinates;
  }
}

type Convert<R> = (f: Fields, toWgs84: ToWgs84, repairs: string[], record: SourceRecord) => R | null;

/** A point layer's row: its checked columns and its position, or null when anything was refused. */
function pointRow<R>(f: Fields, table: LayerTable, toWgs84: ToWgs84, repairs: string[]): R | null {
  const values = f.columns(table);
  const position = f.point(toWgs84, repairs);
  if (f.problems.length > 0 || position === null) return null;
  return { ...values, lon: position[0], lat: position[1] } as R;
}

const camera: Convert<CameraRow> = (f, toWgs84, repairs) => pointRow(f, 'cameras', toWgs84, repairs);

const riskPoint: Convert<RiskPointRow> = (f, toWgs84, repairs) => pointRow(f, 'risk_points', toWgs84, repairs);

const caseRecord: Convert<CaseRow> = (f, toWgs84, repairs) => {
  const v = f.columns('cases');
  const position = f.point(toWgs84, repairs);
  const { category, severity, status } = v;
  const reportedAt = v.reported_at as string | null;
  const closedAt = v.closed_at as string | null;
  let deadline = v.deadline as string | null;
  if (deadline === null && reportedAt && category && severity) {
    deadline = caseDeadline(category as CaseCategory, severity as CaseSeverity, new Date(reportedAt)).toISOString();
  }
  const closed = status === 'resolved' || status === 'reviewed';
  if (status && closed !== (closedAt !== null)) {
    if (closed)
      f.fail('closed_at', 'closed_needs_time', `a ${status} case needs the time it was closed`, { status }, true);
    else
      f.fail(
        'closed_at',
        'open_has_closing_time',
        `an open (${status}) case cannot have a closing time`,
        { status },
        true,
      );
  }
  if (reportedAt && deadline && deadline <= reportedAt) {
    f.fail('deadline', 'deadline_not_after_report', 'must be after the time reported', {}, true);
  }
  if (reportedAt && closedAt && closedAt < reportedAt) {
    f.fail('closed_at', 'closed_before_report', 'is before the time reported', {}, true);
  }
  if (f.problems.length > 0 || position === null) return null;
  return {
    ...(v as unknown as Omit<CaseRow, 'lon' | 'lat'>),
    deadline: deadline!,
    handled_level: (v.handled_level as string | null) ?? 'village',
    lon: position[0],
    lat: position[1],
  };
};

const grid: Convert<GridRow> = (f, toWgs84, repairs, record) => {
  const values = f.columns('grids');
  const polygon = repairPolygon(record.geometry, toWgs84);
  if (!polygon.ok) f.fail('geometry', 'bad_geometry', polygon.error, { detail: polygon.error });
  else repairs.push(...polygon.value.repairs);
  if (f.problems.length > 0 || !polygon.ok) return null;
  return { ...(values as unknown as Omit<GridRow, 'geometry'>), geometry: polygon.value.geometry };
};

const CONVERTERS: Record<ImportLayer, Convert<ImportRow>> = {
  cameras: camera,
  risk_points: riskPoint,
  cases: caseRecord,
  grids: grid,
};

/** One source record as a row of `layer`, or its problems. */
export function convertRecord(
  layer: ImportLayer,
  record: SourceRecord,
  fields: Map<string, string>,
  mapping: Mapping,
  toWgs84: ToWgs84,
  plainOffset = '+08:00',
): Converted<ImportRow> {
  const f = new Fields(record, fields, mapping, plainOffset);
  const repairs: string[] = [];
  const row = CONVERTERS[layer](f, toWgs84, repairs, record);
  const problems = f.problems.map((p) => ({ ...p, position: record.position }));
  return { row: problems.length > 0 ? null : row, problems, repairs };
}
