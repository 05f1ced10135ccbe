/**
 * What the skill card says, as facts the card words in either language (pure): how often the
 * model's 80 % intervals held, its PAI at 5 % of the area beside last month's Gi* hot spots, and
 * for every measure whether the model beat each baseline — said plainly where it did not.
 */
import type { ForecastSkill, SkillFigures } from './queries.js';

export type Measure = 'mae' | 'rmse' | 'pai5' | 'pai10' | 'pei5' | 'pei10';
export type Baseline = 'sameWeeksLastYear' | 'lastFourWeeks' | 'giStarHotSpots';

/** Errors are better lower; hot-spot indexes higher. */
const LOWER_IS_BETTER: Record<Measure, boolean> = {
  mae: true,
  rmse: true,
  pai5: false,
  pai10: false,
  pei5: false,
  pei10: false,
};
export const MEASURES = Object.keys(LOWER_IS_BETTER) as Measure[];

export interface Comparison {
  measure: Measure;
  baseline: Baseline;
  model: number;
  other: number;
  /** Strictly better; a tie is not a win. */
  modelBetter: boolean;
}

export interface SkillFacts {
  weeks: number;
  /** Share of grid-windows inside the 80 % interval, and what the intervals themselves promised. */
  held80: number | null;
  promised80: number;
  pai5: number | null;
  giPai5: number | null;
  /** Every measure the model and a baseline both have. */
  comparisons: Comparison[];
  /** The comparisons the model lost or tied: the card lists them. */
  notBetter: Comparison[];
}

export function skillFacts(skill: ForecastSkill): SkillFacts {
  const baselines: [Baseline, SkillFigures | null][] = [
    ['sameWeeksLastYear', skill.baselines.sameWeeksLastYear],
    ['lastFourWeeks', skill.baselines.lastFourWeeks],
    ['giStarHotSpots', skill.baselines.giStarHotSpots],
  ];
  const comparisons: Comparison[] = [];
  for (const [baseline, figures] of baselines) {
    if (!figures) continue;
    for (const measure of MEASURES) {
      const model = skill.model[measure];
      const other = figures[measure];
      if (model === null || other === null) continue;
      const modelBetter = LOWER_IS_BETTER[measure] ? model < other : model > other;
      comparisons.push({ measure, baseline, model, other, modelBetter });
    }
  }
  return {
    weeks: skill.origins.length,
    held80: skill.model.coverage80,
    promised80: skill.intervalProbability80,
    pai5: skill.model.pai5,
    giPai5: skill.baselines.giStarHotSpots.pai5,
    comparisons,
    notBetter: comparisons.filter((c) => !c.modelBetter),
  };
}
