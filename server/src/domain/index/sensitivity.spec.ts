import { describe, expect, it } from 'vitest';
import { rankByScore, weightSensitivity, type UnitNormalised } from './sensitivity.js';
import type { IndicatorKey, WeightsConfig } from './weights.js';

const config: WeightsConfig = {
  version: 'test',
  bands: { red: 40, orange: 60, yellow: 75 },
  indicators: [
    {
      key: 'case_rate',
      label: '',
      labelEn: '',
      unit: '',
      direction: 'negative',
      weight: 0.5,
      goalposts: { worst: 1, best: 0 },
    },
    {
      key: 'on_time_closure',
      label: '',
      labelEn: '',
      unit: '',
      direction: 'positive',
      weight: 0.5,
      goalposts: { worst: 0, best: 1 },
    },
  ],
};
const unit = (code: string, caseRate: number, onTime: number): UnitNormalised => ({
  code,
  normalised: new Map<IndicatorKey, number>([
    ['case_rate', caseRate],
    ['on_time_closure', onTime],
  ]),
});

describe('weight sensitivity', () => {
  it('ranks by score with ties broken by code', () => {
    expect([
      ...rankByScore(
        new Map([
          ['b', 50],
          ['a', 50],
          ['c', 70],
        ]),
      ),
    ]).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('reports no rank change when one unit is better on every indicator', () => {
    const shifts = weightSensitivity([unit('a', 0.9, 0.9), unit('b', 0.5, 0.5), unit('c', 0.1, 0.2)], config);
    expect(shifts).toHaveLength(4);
    expect(shifts.every((s) => s.maxAbsoluteShift === 0 && s.mostMoved === null)).toBe(true);
  });

  it('reports the swap when two units trade one indicator against the other', () => {
    // a: 0.5·0.62 + 0.5·0.40 = 0.51; b: 0.5·0.40 + 0.5·0.60 = 0.50. Raising on_time_closure by
    // 20 % (weights 0.4545/0.5455) gives a 0.5000 and b 0.5091: they swap.
    const shifts = weightSensitivity([unit('a', 0.62, 0.4), unit('b', 0.4, 0.6)], config);
    const raisedClosure = shifts.find((s) => s.indicator === 'on_time_closure' && s.change > 0)!;
    expect(raisedClosure).toMatchObject({ maxAbsoluteShift: 1, meanAbsoluteShift: 1, mostMoved: 'a' });
    const raisedCases = shifts.find((s) => s.indicator === 'case_rate' && s.change > 0)!;
    expect(raisedCases.maxAbsoluteShift).toBe(0);
  });
});
