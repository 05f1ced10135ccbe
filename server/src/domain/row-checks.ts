/**
 * One value checked against its column (layer-columns.ts): the one path the dataset loader and
 * the importer share for vocabularies, code checks, required columns, times and numbers. A
 * problem carries a stable code with its parameters (the web words it in the reader's language)
 * and an English reason for logs and API consumers. Pure.
 *
 * Two kinds of source: a dataset file holds typed JSON written by a program (numbers as numbers,
 * times with their offset); an import holds what a register gave, mostly text, so numbers are
 * parsed, texts trimmed and checked for control characters, and a time without an offset is
 * taken in the register's zone.
 */
import { cameraIdProblem, isCaseCode, isGridCode, isRiskPointId } from './codes.js';
import type { CodeForm, ColumnSpec } from './layer-columns.js';
import { textProblem } from './text-safety.js';

/** Why a value (or a row) is refused; the web has a message for each. */
export const ROW_PROBLEM_CODES = [
  'missing',
  'unsafe_text',
  'not_text',
  'bad_code',
  'unknown_value',
  'not_integer',
  'not_time',
  'no_position',
  'not_number_pair',
  'bad_geometry',
  'duplicate',
  'outside_jurisdiction',
  'grid_not_in_village',
  'closed_needs_time',
  'open_has_closing_time',
  'deadline_not_after_report',
  'closed_before_report',
  'no_grid_at_position',
  'unknown_grid',
  'grid_outside_jurisdiction',
  'invalid_grid_geometry',
  'village_not_on_map',
  'planner_issue',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

export interface ValueProblem {
  column: string;
  code: RowProblemCode;
  params: ProblemParams;
  reason: string;
}

export type SourceKind = 'dataset' | 'import';

export type CellValue = string | number | null;

export type Checked = { ok: true; value: CellValue | object } | { ok: false; problem: ValueProblem };

const CODE_NAMES: Record<CodeForm, string> = {
  division: 'a 12-digit division code',
  grid: 'a 15-digit grid code (village code + 001–999)',
  camera: 'a GB/T 28181 camera id',
  risk_point: 'village code + R + 4 digits',
  case: 'village code + YYYYMMDD + 4 digits',
};

/** Why `value` is not a code of `form`, or null. */
export function codeProblem(form: CodeForm, value: string): string | null {
  switch (form) {
    case 'camera':
      return cameraIdProblem(value);
    case 'division':
      return /^\d{12}$/.test(value) ? null : `"${value}" is not ${CODE_NAMES.division}`;
    case 'grid':
      return isGridCode(value) ? null : `"${value}" is not ${CODE_NAMES.grid}`;
    case 'risk_point':
      return isRiskPointId(value) ? null : `"${value}" is not ${CODE_NAMES.risk_point}`;
    case 'case':
      return isCaseCode(value) ? null : `"${value}" is not ${CODE_NAMES.case}`;
  }
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const PLAIN_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** An import's time as an instant: ISO 8601 with an offset, or a plain local time at `plainOffset`. */
function importTime(v: string, plainOffset: string): string | null {
  const plain = PLAIN_TIME.exec(v);
  const iso = plain
    ? `${plain[1]}-${plain[2]!.padStart(2, '0')}-${plain[3]!.padStart(2, '0')}T${(plain[4] ?? '0').padStart(2, '0')}:${plain[5] ?? '00'}:${plain[6] ?? '00'}${plainOffset}`
    : v;
  const ms = Date.parse(iso);
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(ms)) return null;
  return new Date(ms).toISOString();
}

export interface CheckOptions {
  source: SourceKind;
  /** Whether an absent value is a problem (the column's presence for this source, or a caller's rule). */
  required: boolean;
  /** The offset an import's plain times are in ('+08:00' for registers kept in Beijing time). */
  plainOffset?: string;
}

const fail = (column: string, code: RowProblemCode, reason: string, params: ProblemParams = {}): Checked => ({
  ok: false,
  problem: { column, code, params: { column, ...params }, reason },
});

/**
 * `raw` checked against `spec`: the value to store (a time as an ISO instant for imports, as
 * given for datasets), or its problem. Absent is null, undefined, or for imports an empty text.
 */
export function checkValue(spec: ColumnSpec, raw: unknown, o: CheckOptions): Checked {
  const column = spec.name;
  const fromImport = o.source === 'import';
  if (fromImport && typeof raw === 'string') {
    const problem = textProblem(raw);
    if (problem) return fail(column, 'unsafe_text', problem, { detail: problem });
  }
  const absent = raw === null || raw === undefined || (fromImport && typeof raw === 'string' && raw.trim() === '');
  if (absent) return o.required ? fail(column, 'missing', 'is missing') : { ok: true, value: null };
  const rule = spec.rule;
  if (rule.type === 'structure') return { ok: true, value: raw as object };
  if (rule.type === 'integer') {
    const n = fromImport && typeof raw === 'string' ? Number(raw.trim()) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < rule.min || n > rule.max) {
      const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
      return fail(column, 'not_integer', `"${shown}" is not a whole number ${rule.min}–${rule.max}`, {
        value: shown,
        min: rule.min,
        max: rule.max,
      });
    }
    return { ok: true, value: n };
  }
  if (rule.type === 'vocabulary') {
    const numeric = typeof rule.values[0] === 'number';
    const given = fromImport ? (typeof raw === 'string' ? raw.trim() : raw) : raw;
    const v = fromImport && numeric && typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
    if (!rule.values.includes(v as string | number)) {
      const shown = typeof given === 'string' ? given : JSON.stringify(given);
      return fail(
        column,
        'unknown_value',
        fromImport
          ? `unknown value "${shown}"; use ${rule.values.join(', ')} or a mapping`
          : `${JSON.stringify(given)} is not one of ${rule.values.join(', ')}`,
        { value: shown, values: rule.values.join(', ') },
      );
    }
    return { ok: true, value: v as string | number };
  }
  if (typeof raw !== 'string' && !fromImport) {
    return fail(column, 'not_text', `${JSON.stringify(raw)} is not a text`, { value: JSON.stringify(raw) });
  }
  const v = String(raw).trim();
  if (v === '') return o.required ? fail(column, 'missing', 'is missing') : { ok: true, value: null };
  if (rule.type === 'code') {
    const problem = codeProblem(rule.form, v);
    return problem ? fail(column, 'bad_code', problem, { value: v, form: rule.form }) : { ok: true, value: v };
  }
  if (rule.type === 'time') {
    const instant = fromImport ? importTime(v, o.plainOffset ?? '+08:00') : ISO_WITH_OFFSET.test(v) && Date.parse(v);
    if (instant === null || instant === false || Number.isNaN(instant)) {
      return fail(
        column,
        'not_time',
        fromImport
          ? `"${v}" is not a time (YYYY-MM-DD HH:MM, Beijing time, or ISO 8601 with an offset)`
          : `${JSON.stringify(raw)} is not an ISO 8601 time with an offset`,
        { value: v },
      );
    }
    return { ok: true, value: fromImport ? (instant as string) : raw };
  }
  return { ok: true, value: fromImport ? v : raw };
}

/** Whether `spec` must have a value in a record of `source`. */
export function isRequired(spec: ColumnSpec, source: SourceKind): boolean {
  return (source === 'dataset' ? spec.dataset : spec.imported) === 'required';
}
