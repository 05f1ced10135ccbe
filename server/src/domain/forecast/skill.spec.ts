import { describe, expect, it } from 'vitest';
import { hotSpotSkill, intervalCoverage, meanAbsoluteError, rootMeanSquaredError } from './skill.js';

describe('forecast skill', () => {
  it('computes MAE and RMSE by hand', () => {
    // Errors 1, −2, 0, 3: MAE = 6/4 = 1.5, RMSE = √(14/4) = 1.870829.
    expect(meanAbsoluteError([2, 0, 5, 7], [1, 2, 5, 4])).toBe(1.5);
    expect(rootMeanSquaredError([2, 0, 5, 7], [1, 2, 5, 4])).toBeCloseTo(1.870829, 6);
  });

  it('counts an outcome on the end of its interval as held', () => {
    expect(intervalCoverage([0, 1, 2, 0], [3, 1, 4, 0], [3, 1, 5, 0])).toBe(0.75);
  });

  // Ten equal grids of 1 km², 20 cases: 10, 5, 3, 2 in grids 0–3, none elsewhere.
  const actual = [10, 5, 3, 2, 0, 0, 0, 0, 0, 0];
  const areas = Array(10).fill(1_000_000);

  it('gives the PAI and PEI of Chainey and Hunt on a worked example', () => {
    // Flagging grid 1 (10 % of the area) catches 5 of 20 cases: PAI = 0.25 / 0.1 = 2.5. The best
    // 10 % would have been grid 0 with 10 cases, PAI* = 0.5 / 0.1 = 5, so PEI = 2.5 / 5 = 0.5.
    const scores = [0.2, 0.9, 0.1, 0, 0, 0, 0, 0, 0, 0];
    const skill = hotSpotSkill(scores, actual, areas, 0.1);
    expect(skill).toEqual({ flagged: 1, areaShare: 0.1, hitRate: 0.25, pai: 2.5, pei: 0.5 });
    // 20 % flags grids 1 and 0: 15 of 20 in 20 %, PAI 3.75, the best possible: PEI 1.
    expect(hotSpotSkill(scores, actual, areas, 0.2)).toEqual({
      flagged: 2,
      areaShare: 0.2,
      hitRate: 0.75,
      pai: 3.75,
      pei: 1,
    });
  });

  it('stops flagging before the area share is exceeded, and bounds the best by area', () => {
    // Grid 0 is 3 km², the others 1 km² (12 km² in all); 25 % allows 3 km². The ranking flags
    // grid 1 (1 km², 5 cases), then grid 0 no longer fits, so the set stops there: share 1/12.
    // The best 1 km²: grid 1's 5 cases per km² beat grid 0's 10/3, so PEI = 5/5 = 1.
    const big = [3_000_000, ...Array(9).fill(1_000_000)];
    const skill = hotSpotSkill([0.5, 0.9, 0, 0, 0, 0, 0, 0, 0, 0], actual, big, 0.25);
    expect(skill.flagged).toBe(1);
    expect(skill.areaShare).toBeCloseTo(1 / 12, 12);
    expect(skill.pai).toBeCloseTo(0.25 / (1 / 12), 12);
    expect(skill.pei).toBe(1);
  });

  it('has no PAI when nothing happened', () => {
    expect(hotSpotSkill([1, 0], [0, 0], [1, 1], 0.5).pai).toBeNull();
  });

  it('rejects a grid without area by name', () => {
    expect(() => hotSpotSkill([1, 0], [1, 0], [1, 0], 0.5)).toThrow(/grid 1 has area 0/);
  });
});
