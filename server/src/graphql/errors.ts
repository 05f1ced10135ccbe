/**
 * Application errors (../errors.ts) as GraphQL errors with the codes clients act on
 * (extensions.code), and what the audit record says became of a failed operation.
 */
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { AuditOutcome } from '../db/queries/audit.js';
import { AppError, type AppErrorKind } from '../errors.js';

const CODE_OF_KIND: Readonly<Record<AppErrorKind, string>> = {
  bad_input: 'BAD_USER_INPUT',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
};

/** Marks errors whose audit record says more than the client is told. */
const AUDIT_OUTCOME = Symbol('auditOutcome');

/**
 * `error` the way GraphQL clients get it: the same message, its kind as `extensions.code`, and
 * what a client needs to say it in its own language as `extensions.reason` and `.params`.
 */
export function graphQLErrorOf(error: AppError): GraphQLError {
  const extensions: Record<string, unknown> = {
    code: CODE_OF_KIND[error.kind],
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...error.details,
    reason: error.reason,
    params: error.params,
    // Apollo answers the request itself with this status, not only the error.
    ...(error.kind === 'unauthenticated' ? { http: { status: 401 } } : {}),
  };
  const mapped = new GraphQLError(error.message, { extensions, originalError: error });
  if (error.outside) Object.defineProperty(mapped, AUDIT_OUTCOME, { value: 'denied_jurisdiction', enumerable: false });
  return mapped;
}

function mapped(error: unknown): unknown {
  return error instanceof AppError ? graphQLErrorOf(error) : error;
}

type Resolve = (...args: never[]) => unknown;

/** `resolve` with the application errors it throws or rejects with turned into GraphQL errors. */
function mappingErrors<F extends Resolve>(resolve: F): F {
  return ((...args: Parameters<F>) => {
    try {
      const result = resolve(...args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(mapped(error))) : result;
    } catch (error) {
      throw mapped(error);
    }
  }) as F;
}

/**
 * Wraps, in place, every field resolver (and subscription source) the schema defines, so that
 * use cases may throw AppError and clients still get coded GraphQL errors; returns the schema.
 */
export function mapAppErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve && field.resolve !== defaultFieldResolver) field.resolve = mappingErrors(field.resolve);
      if (field.subscribe) field.subscribe = mappingErrors(field.subscribe);
    }
  }
  return schema;
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
  const graphQLError = error instanceof AppError ? graphQLErrorOf(error) : error;
  if (!(graphQLError instanceof GraphQLError)) return 'error';
  const marked = (graphQLError as unknown as Record<symbol, AuditOutcome | undefined>)[AUDIT_OUTCOME];
  if (marked) return marked;
  const code = graphQLError.extensions.code;
  return (typeof code === 'string' && OUTCOME_OF_CODE[code]) || 'error';
}
