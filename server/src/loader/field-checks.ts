/**
 * Small checks for one property of a feature; each returns a problem or null. Pure.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}

type Props = Record<string, unknown>;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function text(props: Props, field: string, pattern?: RegExp, patternName?: string): FieldProblem | null {
  const v = props[field];
  if (typeof v !== 'string' || v.trim() === '') return { field, reason: 'must be a non-empty string' };
  if (pattern && !pattern.test(v)) return { field, reason: `"${v}" is not ${patternName ?? `like ${pattern}`}` };
  return null;
}

export function optionalText(props: Props, field: string): FieldProblem | null {
  const v = props[field];
  return v === null || v === undefined || typeof v === 'string' ? null : { field, reason: 'must be a string or null' };
}

export function oneOf(props: Props, field: string, values: readonly (string | number)[]): FieldProblem | null {
  const v = props[field];
  return values.includes(v as string | number)
    ? null
    : { field, reason: `${JSON.stringify(v)} is not one of ${values.join(', ')}` };
}

export function integer(props: Props, field: string, min: number, max = Number.MAX_SAFE_INTEGER): FieldProblem | null {
  const v = props[field];
  if (typeof v !== 'number' || !Number.isInteger(v)) return { field, reason: `${JSON.stringify(v)} is not an integer` };
  if (v < min || v > max) return { field, reason: `${v} is outside ${min}..${max}` };
  return null;
}

export function time(props: Props, field: string, optional = false): FieldProblem | null {
  const v = props[field];
  if (optional && (v === null || v === undefined)) return null;
  if (typeof v !== 'string' || !ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v))) {
    return { field, reason: `${JSON.stringify(v)} is not an ISO 8601 time with an offset` };
  }
  return null;
}

/** The first problem among several checks. */
export function first(...problems: (FieldProblem | null)[]): FieldProblem | null {
  return problems.find((p) => p !== null) ?? null;
}
