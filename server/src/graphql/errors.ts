/** GraphQL errors with the codes clients act on (extensions.code). */
import { GraphQLError } from 'graphql';

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
