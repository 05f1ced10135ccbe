/**
 * Source records to rows of our tables, per layer: fields found through the mapping, values
 * checked against our codes and vocabularies (and every text for control and bidirectional
 * characters, see text-safety.ts), positions converted to WGS-84. A record that
 * fails gets every problem found, each with its field and reason. Pure.
 */
import { caseDeadline } from '../domain/case-deadlines.js';
import { cameraIdProblem, isCaseCode, isGridCode, isRiskPointId } from '../domain/codes.js';
import { textProblem } from '../domain/text-safety.js';
import {
  CAMERA_KINDS,
  CAMERA_STATUSES,
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_SOURCES,
  CASE_STATUSES,
  GRID_KINDS,
  HANDLED_LEVELS,
  RISK_CATEGORIES,
  type CaseCategory,
  type CaseSeverity,
} from '../domain/vocabulary.js';
import type { ToWgs84 } from './crs.js';
import { repairPoint, repairPolygon, type PolygonGeometry } from './geometry.js';
import { valueOf, type ImportLayer, type Mapping } from './mapping.js';
import type { SourceRecord } from './readers.js';

export interface Problem {
  position: string;
  field: string;
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

/** A value already rejected for its characters: no further problem is reported for it. */
const REFUSED = Symbol('refused');

/** Reads typed values of one record, collecting problems instead of stopping at the first. */
class Fields {
  readonly problems: Problem[] = [];
  constructor(
    private readonly record: SourceRecord,
    private readonly fields: Map<string, string>,
    private readonly mapping: Mapping,
  ) {}

  fail(column: string, reason: string): null {
    const source = this.fields.get(column);
    const field = source && source !== column ? `${column} (${source})` : column;
    this.problems.push({ position: this.record.position, field, reason });
    return null;
  }

  /** The source value, or REFUSED (its problem noted) when its text holds a character no stored text may. */
  raw(column: string): unknown {
    const v = valueOf(this.record.properties, column, this.fields, this.mapping);
    const problem = typeof v === 'string' ? textProblem(v) : null;
    if (problem === null) return v;
    this.fail(column, problem);
    return REFUSED;
  }

  text(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === REFUSED) return null;
    if (v === null) return required ? this.fail(column, 'is missing') : null;
    return String(v).trim();
  }

  oneOf(column: string, vocabulary: readonly string[], required = true): string | null {
    const v = this.text(column, required);
    if (v === null) return null;
    if (!vocabulary.includes(v))
      return this.fail(column, `unknown value "${v}"; use ${vocabulary.join(', ')} or a mapping`);
    return v;
  }

  integer(column: string, min: number, max: number, required: boolean): number | null {
    const v = this.raw(column);
    if (v === REFUSED) return null;
    if (v === null) return required ? this.fail(column, 'is missing') : null;
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < min || n > max)
      return this.fail(column, `"${String(v)}" is not a whole number ${min}–${max}`);
    return n;
  }

  /** A time with an offset, or a plain "YYYY-MM-DD[ HH:MM[:SS]]" taken as Beijing time (registers write it so). */
  time(column: string, required: boolean): string | null {
    const v = this.text(column, required);
    if (v === null) return null;
    const plain = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
    const iso = plain
      ? `${plain[1]}-${plain[2]!.padStart(2, '0')}-${plain[3]!.padStart(2, '0')}T${(plain[4] ?? '0').padStart(2, '0')}:${plain[5] ?? '00'}:${plain[6] ?? '00'}+08:00`
      : v;
    const ms = Date.parse(iso);
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(ms)) {
      return this.fail(column, `"${v}" is not a time (YYYY-MM-DD HH:MM, Beijing time, or ISO 8601 with an offset)`);
    }
    return new Date(ms).toISOString();
  }

  gridCode(required: boolean): string | null {
    const v = this.text('grid_code', required);
    if (v === null) return null;
    return isGridCode(v) ? v : this.fail('grid_code', `"${v}" is not a 15-digit grid code (village code + 001–999)`);
  }

  /** The position: the record's point geometry, else lon/lat columns. */
  point(toWgs84: ToWgs84, repairs: string[]): [number, number] | null {
    if (this.record.geometry !== null && this.record.geometry !== undefined) {
      const p = repairPoint(this.record.geometry, toWgs84);
      if (!p.ok) return this.fail('geometry', p.error);
      repairs.push(...p.value.repairs);
      return p.value.geometry.coordinates;
    }
    const lon = this.raw('lon');
    const lat = this.raw('lat');
    if (lon === REFUSED || lat === REFUSED) return null;
    if (lon === null || lat === null) return this.fail(lon === null ? 'lon' : 'lat', 'is missing (no geometry either)');
    const x = Number(String(lon).trim());
    const y = Number(String(lat).trim());
    if (!Number.isFinite(x) || !Number.isFinite(y))
      return this.fail('lon', `"${String(lon)}, ${String(lat)}" is not a pair of numbers`);
    const p = repairPoint({ type: 'Point', coordinates: [x, y] }, toWgs84);
    if (!p.ok) return this.fail('lon', p.error);
    return p.value.geometry.coordinates;
  }
}

type Convert<R> = (f: Fields, toWgs84: ToWgs84, repairs: string[], record: SourceRecord) => R | null;

const camera: Convert<CameraRow> = (f, toWgs84, repairs) => {
  const id = f.text('id', true);
  if (id !== null) {
    const problem = cameraIdProblem(id);
    if (problem) f.fail('id', problem);
  }
  const row = {
    id: id ?? '',
    name: f.text('name', true),
    kind: f.oneOf('kind', CAMERA_KINDS),
    status: f.oneOf('status', CAMERA_STATUSES, false),
    last_seen: f.time('last_seen', false),
    heading: f.integer('heading', 0, 359, false),
    fov: f.integer('fov', 1, 360, false),
    owner_unit: f.text('owner_unit', true),
    grid_code: f.gridCode(false),
    position: f.point(toWgs84, repairs),
  };
  if (f.problems.length > 0) return null;
  const { position, ...rest } = row;
  return { ...(rest as Omit<CameraRow, 'lon' | 'lat'>), lon: position![0], lat: position![1] };
};

const riskPoint: Convert<RiskPointRow> = (f, toWgs84, repairs) => {
  const id = f.text('id', true);
  if (id !== null && !isRiskPointId(id)) {
    f.fail('id', `"${id}" is not village code + R + 4 digits`);
  }
  const row = {
    id: id ?? '',
    name: f.text('name', true),
    category: f.oneOf('category', RISK_CATEGORIES),
    level: f.integer('level', 1, 4, true),
    responsible_unit: f.text('responsible_unit', true),
    last_inspected_at: f.time('last_inspected_at', false),
    grid_code: f.gridCode(false),
    position: f.point(toWgs84, repairs),
  };
  if (f.problems.length > 0) return null;
  const { position, ...rest } = row;
  return { ...(rest as Omit<RiskPointRow, 'lon' | 'lat'>), lon: position![0], lat: position![1] };
};

const caseRecord: Convert<CaseRow> = (f, toWgs84, repairs) => {
  const code = f.text('code', true);
  if (code !== null && !isCaseCode(code)) {
    f.fail('code', `"${code}" is not village code + YYYYMMDD + 4 digits`);
  }
  const category = f.oneOf('category', CASE_CATEGORIES);
  const severity = f.oneOf('severity', CASE_SEVERITIES);
  const status = f.oneOf('status', CASE_STATUSES);
  const reportedAt = f.time('reported_at', true);
  const closedAt = f.time('closed_at', false);
  let deadline = f.time('deadline', false);
  if (deadline === null && reportedAt && category && severity) {
    deadline = caseDeadline(category as CaseCategory, severity as CaseSeverity, new Date(reportedAt)).toISOString();
  }
  const row = {
    code: code ?? '',
    category,
    severity,
    source: f.oneOf('source', CASE_SOURCES),
    status,
    reported_at: reportedAt,
    deadline,
    closed_at: closedAt,
    handled_level: f.oneOf('handled_level', HANDLED_LEVELS, false) ?? 'village',
    grid_code: f.gridCode(false),
    position: f.point(toWgs84, repairs),
  };
  const closed = status === 'resolved' || status === 'reviewed';
  if (status && closed !== (closedAt !== null)) {
    f.problems.push({
      position: '',
      field: 'closed_at',
      reason: closed
        ? `a ${status} case needs the time it was closed`
        : `an open (${status}) case cannot have a closing time`,
    });
  }
  if (reportedAt && deadline && deadline <= reportedAt) {
    f.problems.push({ position: '', field: 'deadline', reason: 'must be after the time reported' });
  }
  if (reportedAt && closedAt && closedAt < reportedAt) {
    f.problems.push({ position: '', field: 'closed_at', reason: 'is before the time reported' });
  }
  if (f.problems.length > 0) return null;
  const { position, ...rest } = row;
  return { ...(rest as Omit<CaseRow, 'lon' | 'lat'>), lon: position![0], lat: position![1] };
};

const grid: Convert<GridRow> = (f, toWgs84, repairs, record) => {
  const code = f.text('code', true);
  if (code !== null && !isGridCode(code)) {
    f.fail('code', `"${code}" is not a 15-digit grid code (village code + 001–999)`);
  }
  const polygon = repairPolygon(record.geometry, toWgs84);
  if (!polygon.ok) f.fail('geometry', polygon.error);
  else repairs.push(...polygon.value.repairs);
  const row = {
    code: code ?? '',
    name: f.text('name', true),
    kind: f.oneOf('kind', GRID_KINDS, false),
    households: f.integer('households', 0, 1_000_000, false),
    population: f.integer('population', 0, 10_000_000, false),
  };
  if (f.problems.length > 0 || !polygon.ok) return null;
  return { ...(row as Omit<GridRow, 'geometry'>), geometry: polygon.value.geometry };
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
): Converted<ImportRow> {
  const f = new Fields(record, fields, mapping);
  const repairs: string[] = [];
  const row = CONVERTERS[layer](f, toWgs84, repairs, record);
  const problems = f.problems.map((p) => ({ ...p, position: record.position }));
  return { row: problems.length > 0 ? null : row, problems, repairs };
}
