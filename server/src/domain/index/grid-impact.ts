/**
 * The stability index of the grids a proposed grid change touches, before and after, for one
 * period: "before" is the grid's published score when its period is published, else its score
 * computed from its counts; "after" is the score of the counts inside the proposed polygon, with
 * the proposal's population, scored with the same function and weights. Pure: counts come in.
 */
import type { Period } from './periods.js';
import { scoreCounts, type RawCounts } from './score.js';
import type { WeightsConfig } from './weights.js';

export type AffectedStatus = 'reshaped' | 'new' | 'retired';

export interface AffectedGrid {
  /** The code after the change (a retired grid: its old code). */
  gridCode: string;
  status: AffectedStatus;
  /** A published score, or counts to score; null for a new grid (it has no before). */
  before: { published: number | null } | { counts: RawCounts } | null;
  /** Counts inside the proposed polygon; null for a retired grid. */
  after: RawCounts | null;
}

export interface GridIndexChange {
  gridCode: string;
  status: AffectedStatus;
  /** Null when there is nothing to score (no residents, cameras or risk points) or no such grid. */
  before: number | null;
  after: number | null;
}

const score = (counts: RawCounts, days: number, config: WeightsConfig): number | null =>
  scoreCounts(counts, days, config)?.score ?? null;

/** Scores before and after of each affected grid, in the order given. */
export function gridIndexChanges(
  grids: readonly AffectedGrid[],
  periodDays: number,
  config: WeightsConfig,
): GridIndexChange[] {
  return grids.map((g) => {
    let before: number | null = null;
    if (g.before && 'published' in g.before) before = g.before.published;
    else if (g.before) before = score(g.before.counts, periodDays, config);
    return {
      gridCode: g.gridCode,
      status: g.status,
      before,
      after: g.after ? score(g.after, periodDays, config) : null,
    };
  });
}

export interface IndexNoteInput {
  period: Pick<Period, 'kind' | 'start' | 'end'>;
  weightsVersion: string;
  /** The publication "before" was read from; null when nothing of the period is published. */
  publishedRevision: number | null;
  /** A publication whose weights version this build does not know: scored with the current one instead. */
  unknownPublishedVersion?: string | null;
}

/** What before and after mean, in one sentence per side, for the planner to read beside the table. */
export function indexNote(input: IndexNoteInput): string {
  const { period, weightsVersion, publishedRevision } = input;
  const span = `${period.kind} ${period.start} to ${period.end}`;
  const before =
    publishedRevision === null
      ? `before: computed from the current data (the period is not published), weights ${weightsVersion}`
      : `before: the published index (revision ${publishedRevision}, weights ${weightsVersion}; a grid without a snapshot had nothing to score)`;
  const unknown = input.unknownPublishedVersion
    ? `; the publication used weights ${input.unknownPublishedVersion}, unknown to this build, so after uses ${weightsVersion}`
    : '';
  return (
    `Stability index of the last closed ${period.kind} (${span}). ${before}. ` +
    `after: recomputed for the proposed boundary over the same ${period.kind} with weights ${weightsVersion}: ` +
    `cases, cameras and risk points inside the proposed grid, residents as the proposal estimates them${unknown}.`
  );
}
