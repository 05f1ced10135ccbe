import { describe, expect, it } from 'vitest';
import type { Problem } from './import-api.js';
import { groupProblems } from './problem-groups.js';

const missing = (line: number, column: string): Problem => ({
  position: `line ${line}`,
  field: column,
  code: 'missing',
  params: { column },
  reason: 'is missing',
});

describe('grouping refusals', () => {
  it('puts rows refused for the same reason and column together, keeping the first rows of each', () => {
    const problems = [
      missing(2, 'kind'),
      missing(2, 'owner_unit'),
      ...Array.from({ length: 8 }, (_, i) => missing(i + 3, 'kind')),
      { position: 'village 371702005001', field: 'geometry', reason: 'a gap' },
    ];
    const groups = groupProblems(problems, 3);
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ['missing:kind', 9],
      ['missing:owner_unit', 1],
      ['reason:a gap', 1],
    ]);
    expect(groups[0]!.first.map((p) => p.position)).toEqual(['line 2', 'line 3', 'line 4']);
  });
});
