/**
 * The audit review's GraphQL and CSV export (server: the audit review API, audit administrator
 * only), and the page's filter as the API's arguments. Pure but for the documents.
 */
import { addDays, startOfDay } from '../time/zone.js';

import type { AuditOutcome as Outcome } from '../../../server/src/domain/vocabulary.js';
export { AUDIT_OUTCOMES as OUTCOMES } from '../../../server/src/domain/vocabulary.js';
export type { Outcome };

export interface AuditEntry {
  id: string;
  at: string;
  username: string | null;
  operation: string;
  target: string | null;
  outcome: Outcome | null;
  success: boolean;
  detail: string | null;
}

export interface AuditPage {
  totalCount: number;
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface ChainReport {
  intact: boolean;
  checked: number;
  firstBrokenId: string | null;
  problem: string | null;
}

/** The filter as the page's fields hold it: days (YYYY-MM-DD, both inclusive) and words. */
export interface AuditForm {
  fromDay: string;
  toDay: string;
  username: string;
  operation: string;
  target: string;
  outcome: Outcome | '';
}

export const EMPTY_FORM: AuditForm = { fromDay: '', toDay: '', username: '', operation: '', target: '', outcome: '' };

export const PAGE_SIZE = 50;

export const AUDIT_LOG = `query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount nextCursor entries { id at username operation target outcome success detail }
  }
}`;

export const AUDIT_CHAIN = 'query AuditChain { auditChain { intact checked firstBrokenId problem } }';

export const AUDIT_OPERATIONS = 'query AuditOperations { auditOperations }';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API's AuditFilter: the days as instants in the center's time zone (the last day
 * inclusive, so `to` is the next midnight, exclusive as the API takes it); empty fields left out.
 */
export function auditFilter(form: AuditForm, timeZone: string): Record<string, string> {
  const filter: Record<string, string> = {};
  if (DAY.test(form.fromDay)) filter.from = startOfDay(form.fromDay, timeZone).toISOString();
  if (DAY.test(form.toDay)) filter.to = startOfDay(addDays(form.toDay, 1), timeZone).toISOString();
  for (const key of ['username', 'operation', 'target', 'outcome'] as const) {
    const value = form[key].trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/** Where the CSV export of the same filter is (GET with the bearer token). */
export function auditCsvPath(form: AuditForm, timeZone: string): string {
  const query = new URLSearchParams(auditFilter(form, timeZone)).toString();
  return `/exports/audit.csv${query ? `?${query}` : ''}`;
}

/** Whether the form's days are the wrong way round (the page says so instead of asking). */
export const daysReversed = (form: AuditForm): boolean =>
  DAY.test(form.fromDay) && DAY.test(form.toDay) && form.fromDay > form.toDay;
