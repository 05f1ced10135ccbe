/** GraphQL errors with the codes clients act on (extensions.code). */
import { GraphQLError } from 'graphql';
import type { AuditOutcome } from '../db/queries/audit.js';

export function badInput(field: string, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field, ...details } });
}

/**
 * `details` say why for a client to tell its user in its own language (a refused login:
 * `reason` credentials, locked with `lockedUntil`, or disabled).
 */
export function unauthenticated(
  message = 'log in first: send "Authorization: Bearer <token>"',
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', ...details, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...details } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: 'NOT_FOUND' } });
}

/** Marks errors whose audit record says more than the client is told. */
const AUDIT_OUTCOME = Symbol('auditOutcome');

/**
 * A target outside the viewer's jurisdiction: answered exactly like one that does not exist
 * (reading hides outside records; writing must not tell them apart either), while the audit
 * record keeps the truth.
 */
export function outsideJurisdiction(what: string): GraphQLError {
  return auditedAsOutside(notFound(what));
}

/** `error`, told to the client as it is, audited as refused by jurisdiction. */
export function auditedAsOutside(error: GraphQLError): GraphQLError {
  Object.defineProperty(error, AUDIT_OUTCOME, { value: 'denied_jurisdiction', enumerable: false });
  return error;
}

/** A point that lies in no grid the viewer may act in: the same words whether or not one lies there. */
export function notInYourGrids(field: string, lon: number, lat: number, outside: boolean): GraphQLError {
  const error = badInput(field, `(${lon}, ${lat}) lies in no grid of your jurisdiction`);
  return outside ? auditedAsOutside(error) : error;
}

const OUTCOME_OF_CODE: Readonly<Record<string, AuditOutcome>> = {
  FORBIDDEN: 'denied_role',
  NOT_FOUND: 'not_found',
  BAD_USER_INPUT: 'invalid',
  BAD_REQUEST: 'invalid',
  GRAPHQL_VALIDATION_FAILED: 'invalid',
  GRAPHQL_PARSE_FAILED: 'invalid',
  CONFLICT: 'conflict',
  UNAUTHENTICATED: 'unauthenticated',
};

/** What the audit record says became of an operation that failed with `error`. */
export function auditOutcomeOf(error: unknown): AuditOutcome {
  if (!(error instanceof GraphQLError)) return 'error';
  const marked = (error as unknown as Record<symbol, AuditOutcome | undefined>)[AUDIT_OUTCOME];
  if (marked) return marked;
  const code = error.extensions.code;
  return (typeof code === 'string' && OUTCOME_OF_CODE[code]) || 'error';
}
