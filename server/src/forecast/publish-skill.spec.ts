import { expect, it } from 'vitest';
import { shanghaiDayOf } from '../domain/forecast/counts.js';
import { weekStartDay } from './publish-skill.js';

it('takes the Monday of the local week as the backtest as-of day', () => {
  const monday = shanghaiDayOf(new Date('2026-06-29T00:00:00+08:00'));
  for (const at of ['2026-06-29T00:00:00+08:00', '2026-07-01T12:00:00+08:00', '2026-07-05T23:59:59+08:00'])
    expect(weekStartDay(shanghaiDayOf(new Date(at)))).toBe(monday);
  expect(weekStartDay(shanghaiDayOf(new Date('2026-06-28T23:59:59+08:00')))).toBe(monday - 7);
});
