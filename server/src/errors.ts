/**
 * The one error type use cases and services throw when a request cannot be served as asked.
 * It knows no transport: the GraphQL layer (graphql/errors.ts) turns its kind into an
 * `extensions.code`, the HTTP endpoints (http/bearer.ts) into a status.
 */

/** Why a request was refused; each transport names it its own way. */
export type AppErrorKind = 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

export interface AppErrorOptions {
  /** The argument or input field at fault (`input.lon/lat`, `updates[2].id`). */
  field?: string;
  /** Facts a client may show its user in its own language (a lock's `lockedUntil`, a `reason`). */
  details?: Record<string, unknown>;
  /**
   * Told to the client as it is, but audited as refused by jurisdiction: a target outside the
   * viewer's territory is answered exactly like one that does not exist.
   */
  outside?: boolean;
}

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;
  readonly outside: boolean;

  constructor(kind: AppErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.field = options.field;
    this.details = options.details ?? {};
    this.outside = options.outside ?? false;
  }
}

/** `field` holds a value that cannot be used; the message starts with the field's path. */
export function badInput(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('bad_input', `${field}: ${message}`, { field, details });
}

/**
 * `details` say why for a client to tell its user in its own language (a refused login:
 * `reason` credentials, locked with `lockedUntil`, or disabled).
 */
export function unauthenticated(
  message = 'log in first: send "Authorization: Bearer <token>"',
  details: Record<string, unknown> = {},
): AppError {
  return new AppError('unauthenticated', message, { details });
}

export function forbidden(message: string): AppError {
  return new AppError('forbidden', message);
}

export function conflict(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('conflict', message, { details });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

/** `error`, told to the client as it is, audited as refused by jurisdiction. */
export function auditedAsOutside(error: AppError): AppError {
  return new AppError(error.kind, error.message, {
    field: error.field,
    details: { ...error.details },
    outside: true,
  });
}

/**
 * A target outside the viewer's jurisdiction: answered exactly like one that does not exist
 * (reading hides outside records; writing must not tell them apart either), while the audit
 * record keeps the truth.
 */
export function outsideJurisdiction(what: string): AppError {
  return auditedAsOutside(notFound(what));
}

/** A point that lies in no grid the viewer may act in: the same words whether or not one lies there. */
export function notInYourGrids(field: string, lon: number, lat: number, outside: boolean): AppError {
  const error = badInput(field, `(${lon}, ${lat}) lies in no grid of your jurisdiction`);
  return outside ? auditedAsOutside(error) : error;
}
