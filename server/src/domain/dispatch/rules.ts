/**
 * The versioned deadline rules of dispatch (docs/departments.md). An assignment records the
 * version that set its deadlines, so a change here is a new version, never an edit of an old
 * one: add DISPATCH_RULES_V2 and point CURRENT_DISPATCH_RULES at it. Pure.
 */
import type { AssignmentRole, CaseCategory, CaseSeverity } from '../vocabulary.js';

export interface DispatchRules {
  version: string;
  /** Hours a department has to accept or return a case it was offered, by severity. */
  answerHours: Readonly<Record<CaseSeverity, number>>;
  /** Days a lead or assisting department has to do its part, by severity. */
  handleDays: Readonly<Record<CaseSeverity, number>>;
  /** Categories whose handling days are multiplied (surveys, hearings, several departments). */
  slowCategories: readonly CaseCategory[];
  slowFactor: number;
  /** Hours a summoned department has to report to the center that blew the whistle (吹哨报到). */
  summonReportHours: Readonly<Record<CaseSeverity, number>>;
}

export const DISPATCH_RULES_V1: DispatchRules = {
  version: 'dispatch-v1',
  answerHours: { critical: 2, high: 8, medium: 24, low: 48 },
  handleDays: { critical: 2, high: 5, medium: 10, low: 20 },
  slowCategories: ['land', 'demolition', 'labour'],
  slowFactor: 2,
  summonReportHours: { critical: 2, high: 12, medium: 24, low: 48 },
};

/** Every version ever used; assignments name one of these. */
export const DISPATCH_RULES_VERSIONS: readonly DispatchRules[] = [DISPATCH_RULES_V1];

export const CURRENT_DISPATCH_RULES: DispatchRules = DISPATCH_RULES_V1;

export function dispatchRulesByVersion(version: string): DispatchRules | null {
  return DISPATCH_RULES_VERSIONS.find((r) => r.version === version) ?? null;
}

const MS_PER_HOUR = 3_600_000;

export interface AssignmentDeadlines {
  /** Accept or return by (a summons: report by). */
  answerBy: Date;
  /** The department's part done by (a summons: the same as answerBy). */
  deadlineAt: Date;
}

/** The deadlines of an assignment of `role` offered at `offeredAt` for a case of this kind. */
export function assignmentDeadlines(
  rules: DispatchRules,
  role: AssignmentRole,
  category: CaseCategory,
  severity: CaseSeverity,
  offeredAt: Date,
): AssignmentDeadlines {
  const at = (hours: number) => new Date(offeredAt.getTime() + hours * MS_PER_HOUR);
  if (role === 'summoned') {
    const by = at(rules.summonReportHours[severity]);
    return { answerBy: by, deadlineAt: by };
  }
  const factor = rules.slowCategories.includes(category) ? rules.slowFactor : 1;
  return { answerBy: at(rules.answerHours[severity]), deadlineAt: at(rules.handleDays[severity] * 24 * factor) };
}
