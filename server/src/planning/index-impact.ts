/**
 * The index part of a proposal's impact: for every grid it reshapes, creates or retires, the
 * stability index of the last closed month before (published, else computed) and after
 * (recomputed for the proposed polygon). Counts from one village-scoped query, scores from the
 * domain with the weights version of the publication (or the current one). See docs/grid-planning.md.
 */
import type { Queryable } from '../db/database.js';
import type { PlanningGridRow } from '../db/queries/grid-change-history.js';
import { emptyPlaced, findProposalIndexCounts, findPublishedGridScores } from '../db/queries/grid-index-impact.js';
import { gridIndexChanges, indexNote, type AffectedGrid, type GridIndexChange } from '../domain/index/grid-impact.js';
import { lastClosedPeriod, samePeriodLastYear } from '../domain/index/periods.js';
import { CURRENT_WEIGHTS, weightsByVersion } from '../domain/index/weights.js';
import { publishingHorizon } from '../stability/scheduler.js';

export interface IndexImpactInput {
  villageCode: string;
  /** The proposal in input order: geometry, the code it was sent with (null for new) and the judged grid. */
  geometries: readonly unknown[];
  inputCodes: readonly (string | null)[];
  grids: readonly { code: string; isNew: boolean; changed: boolean; population: number }[];
  current: readonly PlanningGridRow[];
  retiredCodes: readonly string[];
  /** The clock: the last month closed by it (for a synthetic demo, by the end of its data) is used. */
  at: Date;
}

export async function indexImpact(
  db: Queryable,
  input: IndexImpactInput,
): Promise<{ index: GridIndexChange[]; indexNote: string }> {
  // The same "last period" the scheduler publishes: a demo's data ends on its as-of day.
  const period = lastClosedPeriod('month', await publishingHorizon(db, input.at));
  const touched = input.grids.map((g, i) => ({ ...g, i })).filter((g) => g.isNew || g.changed);
  const oldCodes = [...touched.filter((g) => !g.isNew).map((g) => g.code), ...input.retiredCodes];
  const published = await findPublishedGridScores(db, period.kind, period.start, oldCodes);
  const publishedConfig = published ? weightsByVersion(published.weightsVersion) : null;
  const config = publishedConfig ?? CURRENT_WEIGHTS;
  const note = indexNote({
    period,
    weightsVersion: config.version,
    publishedRevision: published?.revision ?? null,
    unknownPublishedVersion: published && !publishedConfig ? published.weightsVersion : null,
  });
  if (touched.length === 0 && input.retiredCodes.length === 0) return { index: [], indexNote: note };

  const counts = await findProposalIndexCounts(
    db,
    input.villageCode,
    input.geometries,
    input.inputCodes,
    period,
    samePeriodLastYear(period),
  );
  const currentByCode = new Map(input.current.map((g) => [g.code, g]));
  const before = (code: string): AffectedGrid['before'] => {
    if (published) return { published: published.scores.get(code) ?? null };
    const row = currentByCode.get(code);
    return { counts: { ...(counts.current.get(code) ?? emptyPlaced()), population: row?.population ?? 0 } };
  };
  const affected: AffectedGrid[] = [
    ...touched.map((g): AffectedGrid => ({
      gridCode: g.code,
      status: g.isNew ? 'new' : 'reshaped',
      before: g.isNew ? null : before(g.code),
      after: { ...counts.proposed[g.i]!, population: g.population },
    })),
    ...input.retiredCodes.map((code): AffectedGrid => ({
      gridCode: code,
      status: 'retired',
      before: before(code),
      after: null,
    })),
  ];
  return { index: gridIndexChanges(affected, period.days, config), indexNote: note };
}
