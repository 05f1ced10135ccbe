/**
 * The deadline of a case: how long the closed loop may take from registration to 案结事了,
 * by severity, doubled for the categories that need surveys, hearings or several
 * departments (land, demolition, labour). Pure.
 */
import type { CaseCategory, CaseSeverity } from './vocabulary.js';

const DAYS_BY_SEVERITY: Readonly<Record<CaseSeverity, number>> = {
  critical: 3,
  high: 7,
  medium: 15,
  low: 30,
};

const SLOW_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['land', 'demolition', 'labour']);

const MS_PER_DAY = 86_400_000;

/** Days allowed for a case of this category and severity. */
export function caseDeadlineDays(category: CaseCategory, severity: CaseSeverity): number {
  return DAYS_BY_SEVERITY[severity] * (SLOW_CATEGORIES.has(category) ? 2 : 1);
}

/** The moment a case reported at `reportedAt` must be resolved by (same time of day, N days later). */
export function caseDeadline(category: CaseCategory, severity: CaseSeverity, reportedAt: Date): Date {
  return new Date(reportedAt.getTime() + caseDeadlineDays(category, severity) * MS_PER_DAY);
}
