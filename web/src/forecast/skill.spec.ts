import { expect, it } from 'vitest';
import type { ForecastSkill, SkillFigures } from './queries.js';
import { skillFacts } from './skill.js';

const figures = (over: Partial<SkillFigures> = {}): SkillFigures => ({
  mae: 0.09,
  rmse: 0.25,
  coverage80: 0.81,
  coverage95: 0.97,
  pai5: 3.1,
  pei5: 0.2,
  pai10: 2.4,
  pei10: 0.3,
  ...over,
});
const gi = figures({
  mae: null,
  rmse: null,
  coverage80: null,
  coverage95: null,
  pai5: 2.0,
  pei5: 0.1,
  pai10: 1.5,
  pei10: 0.15,
});

const skill = (over: Partial<ForecastSkill> = {}): ForecastSkill => ({
  unitCode: '371700000000',
  horizonDays: 7,
  asOf: '2026-06-29T00:00:00+08:00',
  gridCount: 100,
  intervalProbability80: 0.84,
  intervalProbability95: 0.97,
  model: figures(),
  baselines: {
    sameWeeksLastYear: null,
    lastFourWeeks: figures({ mae: 0.08, rmse: 0.3, pai5: 2.5 }),
    giStarHotSpots: gi,
  },
  origins: Array.from({ length: 12 }, (_, i) => ({ origin: `o${i}`, actualTotal: 10, expectedTotal: 9 })),
  publishedAt: '2026-06-29T00:05:00+08:00',
  ...over,
});

it('gives the headline: weeks, how often the 80 % intervals held, and PAI beside Gi* hot spots', () => {
  const f = skillFacts(skill());
  expect(f).toMatchObject({ weeks: 12, held80: 0.81, promised80: 0.84, pai5: 3.1, giPai5: 2.0 });
});

it('says where the model does not beat a baseline, a tie included', () => {
  const f = skillFacts(skill());
  // MAE 0.09 loses to last four weeks' 0.08; PEI and PAI at 10 % tie it.
  expect(f.notBetter.map((c) => `${c.measure}/${c.baseline}`)).toEqual([
    'mae/lastFourWeeks',
    'pai10/lastFourWeeks',
    'pei5/lastFourWeeks',
    'pei10/lastFourWeeks',
  ]);
  expect(f.comparisons.find((c) => c.measure === 'rmse')).toMatchObject({ modelBetter: true, other: 0.3 });
});

it('compares only the measures a baseline has: Gi* hot spots have no counts, a missing year is left out', () => {
  const f = skillFacts(skill());
  expect(f.comparisons.filter((c) => c.baseline === 'giStarHotSpots').map((c) => c.measure)).toEqual([
    'pai5',
    'pai10',
    'pei5',
    'pei10',
  ]);
  expect(f.comparisons.some((c) => c.baseline === 'sameWeeksLastYear')).toBe(false);
});
