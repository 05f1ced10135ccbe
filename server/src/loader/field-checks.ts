/**
 * A dataset record's columns checked through the one row-checking path (domain/row-checks.ts),
 * reduced to what the loader reports: the first problem, with its field. Pure.
 */
import { datasetColumns, type LayerTable } from '../domain/layer-columns.js';
import { checkValue, isRequired } from '../domain/row-checks.js';

export interface FieldProblem {
  field: string;
  reason: string;
}

type Props = Record<string, unknown>;

/**
 * The first problem among the columns of `table` that a dataset record carries; `required`
 * overrides a column's presence where another column decides it (a city has no parent).
 */
export function columnsProblem(
  table: LayerTable,
  props: Props,
  required: Record<string, boolean> = {},
): FieldProblem | null {
  for (const spec of datasetColumns(table)) {
    const checked = checkValue(spec, props[spec.name], {
      source: 'dataset',
      required: required[spec.name] ?? isRequired(spec, 'dataset'),
    });
    if (!checked.ok) return { field: spec.name, reason: checked.problem.reason };
  }
  return null;
}

/** The first problem among several checks. */
export function first(...problems: (FieldProblem | null)[]): FieldProblem | null {
  return problems.find((p) => p !== null) ?? null;
}
