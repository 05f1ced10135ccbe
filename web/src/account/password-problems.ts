/**
 * The password rules and the server's refusal of a password, in the viewer's language. The
 * server says each broken rule with its numbers (extensions.problems); an unknown rule falls
 * back to the server's own sentence. Pure (texts through `t`).
 */
import { errorText } from '../api/error-text.js';
import { ApiError } from '../api/errors.js';
import type { PasswordRules } from './sign-in-steps.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

interface Problem {
  rule?: unknown;
  min?: unknown;
  actual?: unknown;
  missing?: unknown;
  count?: unknown;
}

const CLASSES = new Set(['lowercase', 'uppercase', 'digit', 'symbol']);

/** The rules as short lines to show beside the new-password field. */
export function ruleLines(rules: PasswordRules, t: Translate): string[] {
  const lines = [
    t('account.rules.length', { min: rules.minLength }),
    t('account.rules.classes', { min: rules.minClasses }),
  ];
  if (rules.forbidUsername) lines.push(t('account.rules.username'));
  if (rules.historyCount > 0) lines.push(t('account.rules.history', { count: rules.historyCount }));
  if (rules.maxAgeDays > 0) lines.push(t('account.rules.expiry', { days: rules.maxAgeDays }));
  return lines;
}

function problemLine(problem: Problem, t: Translate): string | null {
  switch (problem.rule) {
    case 'length':
      return t('account.problems.length', { min: problem.min, actual: problem.actual });
    case 'classes': {
      const missing = Array.isArray(problem.missing) ? problem.missing.filter((c) => CLASSES.has(String(c))) : [];
      const names = missing.map((c) => t(`account.classes.${String(c)}`)).join(t('account.listSeparator'));
      return t('account.problems.classes', { min: problem.min, missing: names });
    }
    case 'username':
      return t('account.problems.username');
    case 'reused':
      return t('account.problems.reused', { count: problem.count });
    default:
      return null;
  }
}

/**
 * Why a new password was refused, as lines: each broken rule, or the refusal in the viewer's
 * words (error-text.ts) when it names none this screen knows.
 */
export function refusalLines(error: unknown, t: Translate): string[] {
  if (!(error instanceof ApiError)) return [errorText(error, t)];
  if (error.kind === 'network') return [t('login.reasons.network')];
  const problems = Array.isArray(error.details.problems) ? (error.details.problems as Problem[]) : [];
  const lines = problems.map((p) => problemLine(p, t));
  if (lines.length > 0 && lines.every((l): l is string => l !== null)) return lines;
  if (error.details.field === 'currentPassword') return [t('account.problems.current')];
  return [errorText(error, t)];
}
