import { describe, expect, it } from 'vitest';
import { CASE_SEVERITIES } from '../vocabulary.js';
import {
  assignmentDeadlines,
  CURRENT_DISPATCH_RULES,
  DISPATCH_RULES_V1,
  DISPATCH_RULES_VERSIONS,
  dispatchRulesByVersion,
} from './rules.js';

const AT = new Date('2026-06-30T10:00:00+08:00');
const hoursAfter = (d: Date) => (d.getTime() - AT.getTime()) / 3_600_000;

describe('the dispatch rules', () => {
  it('has unique versions and finds the current one by name', () => {
    expect(new Set(DISPATCH_RULES_VERSIONS.map((r) => r.version)).size).toBe(DISPATCH_RULES_VERSIONS.length);
    expect(dispatchRulesByVersion(CURRENT_DISPATCH_RULES.version)).toBe(CURRENT_DISPATCH_RULES);
    expect(dispatchRulesByVersion('dispatch-v0')).toBeNull();
  });

  it.each(DISPATCH_RULES_VERSIONS.map((r) => [r.version, r] as const))(
    'version %s gives less time the more severe the case, and answers before the part is due',
    (_, rules) => {
      const order = [...CASE_SEVERITIES].reverse(); // critical first
      for (const table of [rules.answerHours, rules.handleDays, rules.summonReportHours]) {
        const values = order.map((s) => table[s]);
        expect([...values].sort((a, b) => a - b)).toEqual(values);
      }
      for (const s of CASE_SEVERITIES) expect(rules.answerHours[s]).toBeLessThan(rules.handleDays[s] * 24);
    },
  );

  it('gives a lead of a medium neighbour dispute a day to answer and ten days for its part', () => {
    const d = assignmentDeadlines(DISPATCH_RULES_V1, 'lead', 'neighbour', 'medium', AT);
    expect(hoursAfter(d.answerBy)).toBe(24);
    expect(hoursAfter(d.deadlineAt)).toBe(240);
  });

  it('doubles the handling days of land, demolition and labour cases', () => {
    const d = assignmentDeadlines(DISPATCH_RULES_V1, 'assist', 'labour', 'high', AT);
    expect(hoursAfter(d.answerBy)).toBe(8);
    expect(hoursAfter(d.deadlineAt)).toBe(5 * 24 * 2);
  });

  it('asks a summoned department to report within hours, the same moment for both deadlines', () => {
    const d = assignmentDeadlines(DISPATCH_RULES_V1, 'summoned', 'land', 'critical', AT);
    expect(hoursAfter(d.answerBy)).toBe(2);
    expect(d.deadlineAt).toEqual(d.answerBy);
  });
});
