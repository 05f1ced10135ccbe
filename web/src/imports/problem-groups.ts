/**
 * Refusals grouped by reason (code and column), each group with its first rows, so a file that
 * fails the same way on every row reads as one finding and not as thousands. Pure.
 */
import type { Problem } from './import-api.js';

export interface ProblemGroup {
  /** The reason code, or the English reason for a problem the server sent without one. */
  key: string;
  count: number;
  first: Problem[];
}

/** Groups in order of their first row; `shown` rows are kept per group. */
export function groupProblems(problems: readonly Problem[], shown = 5): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    const column = typeof p.params?.column === 'string' ? p.params.column : p.field;
    const key = p.code ? `${p.code}:${column}` : `reason:${p.reason}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, count: 0, first: [] }));
    group.count++;
    if (group.first.length < shown) group.first.push(p);
  }
  return [...groups.values()];
}
