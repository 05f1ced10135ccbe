import { describe, expect, it } from 'vitest';
import { gridIndexChanges, indexNote } from './grid-impact.js';
import { periodStartingOn } from './periods.js';
import { emptyCounts, scoreCounts, type RawCounts } from './score.js';
import { WEIGHTS_2026_1 } from './weights.js';

const counts = (over: Partial<RawCounts>): RawCounts => ({ ...emptyCounts(), ...over });
const busy = counts({ population: 1200, cases: 9, severityPoints: 20, cameras: 4, camerasOnline: 3 });
const quiet = counts({ population: 900, cases: 1, severityPoints: 1, cameras: 2, camerasOnline: 2 });
const may = periodStartingOn('month', '2026-05-01')!;

describe('gridIndexChanges', () => {
  it('scores computed before and after counts with the scoring function and the given weights', () => {
    const [row] = gridIndexChanges(
      [{ gridCode: '371702005001001', status: 'reshaped', before: { counts: busy }, after: quiet }],
      may.days,
      WEIGHTS_2026_1,
    );
    expect(row!.before).toBe(scoreCounts(busy, 31, WEIGHTS_2026_1)!.score);
    expect(row!.after).toBe(scoreCounts(quiet, 31, WEIGHTS_2026_1)!.score);
    expect(row!.after).toBeGreaterThan(row!.before!);
  });

  it('takes a published before as it is, and leaves before of a new grid and after of a retired one null', () => {
    const rows = gridIndexChanges(
      [
        { gridCode: 'a', status: 'reshaped', before: { published: 71.5 }, after: busy },
        { gridCode: 'b', status: 'new', before: null, after: quiet },
        { gridCode: 'c', status: 'retired', before: { published: null }, after: null },
      ],
      may.days,
      WEIGHTS_2026_1,
    );
    expect(rows.map((r) => [r.gridCode, r.status, r.before === null, r.after === null])).toEqual([
      ['a', 'reshaped', false, false],
      ['b', 'new', true, false],
      ['c', 'retired', true, true],
    ]);
    expect(rows[0]!.before).toBe(71.5);
  });

  it('gives null for a grid with nothing to score (no residents, cases, cameras or risk points)', () => {
    const [row] = gridIndexChanges(
      [{ gridCode: 'a', status: 'new', before: null, after: counts({}) }],
      may.days,
      WEIGHTS_2026_1,
    );
    expect(row!.after).toBeNull();
  });
});

describe('indexNote', () => {
  it('names the period, the weights version and whether before was published or computed', () => {
    const computed = indexNote({ period: may, weightsVersion: '2026.1', publishedRevision: null });
    expect(computed).toMatch(/month 2026-05-01 to 2026-05-31/);
    expect(computed).toMatch(/computed from the current data/);
    expect(computed).toMatch(/weights 2026\.1/);
    const published = indexNote({ period: may, weightsVersion: '2026.1', publishedRevision: 2 });
    expect(published).toMatch(/published index \(revision 2, weights 2026\.1/);
  });

  it('says when the publication used weights this build does not know', () => {
    const note = indexNote({
      period: may,
      weightsVersion: '2026.1',
      publishedRevision: 1,
      unknownPublishedVersion: '2030.9',
    });
    expect(note).toMatch(/weights 2030\.9, unknown to this build, so after uses 2026\.1/);
  });
});
