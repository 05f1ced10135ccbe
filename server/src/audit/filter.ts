/**
 * The audit review's filter, checked the same for the GraphQL query and the CSV export. Pure.
 */
import { AUDIT_OUTCOMES, type AuditOutcome } from '../db/queries/audit.js';
import { err, ok, type Result } from '../domain/result.js';

/** Longest username, operation or target text a filter takes (longer ones match nothing anyway). */
const MAX_TEXT = 200;

export interface AuditFilter {
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  /** Exact. */
  username: string | null;
  /** Exact. */
  operation: string | null;
  /** Substring, ignoring case. */
  target: string | null;
  outcome: AuditOutcome | null;
}

export interface AuditFilterInput {
  from?: Date | null;
  to?: Date | null;
  username?: string | null;
  operation?: string | null;
  target?: string | null;
  outcome?: string | null;
}

export interface FilterError {
  /** The filter's field at fault (`from`, `outcome` …). */
  field: string;
  message: string;
}

export const NO_FILTER: AuditFilter = {
  from: null,
  to: null,
  username: null,
  operation: null,
  target: null,
  outcome: null,
};

/** The filter with empty texts as no condition, or what is wrong with it. */
export function checkAuditFilter(input: AuditFilterInput | null | undefined): Result<AuditFilter, FilterError> {
  const filter: AuditFilter = { ...NO_FILTER, from: input?.from ?? null, to: input?.to ?? null };
  for (const key of ['username', 'operation', 'target'] as const) {
    const text = input?.[key]?.trim() ?? '';
    if (text.length > MAX_TEXT) return err({ field: key, message: `is longer than ${MAX_TEXT} characters` });
    filter[key] = text === '' ? null : text;
  }
  const outcome = input?.outcome ?? null;
  if (outcome !== null) {
    if (!(AUDIT_OUTCOMES as readonly string[]).includes(outcome)) {
      return err({ field: 'outcome', message: `must be one of ${AUDIT_OUTCOMES.join(', ')}, got "${outcome}"` });
    }
    filter.outcome = outcome as AuditOutcome;
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    return err({ field: 'to', message: 'must be later than from (from is inclusive, to exclusive)' });
  }
  return ok(filter);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant written as the DateTime scalar takes it (ISO 8601 with an offset), or null. */
export function parseInstant(text: string): Date | null {
  return ISO_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text)) ? new Date(text) : null;
}

/** The filter from text parameters (the CSV export's query string). */
export function auditFilterFromText(params: Record<string, string | undefined>): Result<AuditFilter, FilterError> {
  const input: AuditFilterInput = {
    username: params.username ?? null,
    operation: params.operation ?? null,
    target: params.target ?? null,
    outcome: params.outcome?.trim() || null,
  };
  for (const key of ['from', 'to'] as const) {
    const text = params[key]?.trim();
    if (!text) continue;
    const at = parseInstant(text);
    if (!at) return err({ field: key, message: `must be ISO 8601 with an offset, like 2026-06-30T08:00:00+08:00` });
    input[key] = at;
  }
  return checkAuditFilter(input);
}
