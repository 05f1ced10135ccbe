import { describe, expect, it } from 'vitest';
import { caseDeadline, caseDeadlineDays } from './case-deadlines.js';

describe('case deadlines', () => {
  const reported = new Date('2026-11-20T09:30:00+08:00');

  it('gives 3, 7, 15 and 30 days by severity', () => {
    expect(caseDeadline('neighbour', 'critical', reported).toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(caseDeadlineDays('neighbour', 'high')).toBe(7);
    expect(caseDeadlineDays('family', 'medium')).toBe(15);
    expect(caseDeadlineDays('consumer', 'low')).toBe(30);
  });

  it('doubles the time for land, demolition and labour disputes', () => {
    expect(caseDeadlineDays('land', 'low')).toBe(60);
    expect(caseDeadlineDays('demolition', 'critical')).toBe(6);
    expect(caseDeadline('labour', 'high', reported).getTime() - reported.getTime()).toBe(14 * 86_400_000);
  });

  it('does not change the date it is given', () => {
    const before = reported.getTime();
    caseDeadline('traffic', 'medium', reported);
    expect(reported.getTime()).toBe(before);
  });
});
