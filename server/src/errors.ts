/**
 * The one error type use cases and services throw when a request cannot be served as asked.
 * It knows no transport: the GraphQL layer (graphql/errors.ts) turns its kind into an
 * `extensions.code`, the HTTP endpoints (http/bearer.ts) into a status.
 */

/** Why a request was refused; each transport names it its own way. */
export type AppErrorKind = 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

/** Facts of a refusal for a client to say it in its own words; numbers as people count them. */
export type MessageParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A refusal as a client tells it in its own language: a stable `reason` (snake_case, listed in
 * docs/messages.md) and the `params` its sentence needs.
 */
export interface Coded {
  reason: string;
  params?: MessageParams;
}

/** What a not-found names, as a stable word (the `thing` param) and in the English message. */
export type Thing =
  | 'village'
  | 'grid_change'
  | 'case'
  | 'unit'
  | 'risk_point'
  | 'camera'
  | 'import'
  | 'account'
  | 'department'
  | 'supervision_order';

const DEFAULT_REASON: Readonly<Record<AppErrorKind, string>> = {
  bad_input: 'invalid',
  unauthenticated: 'sign_in',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
};

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
  /** The stable reason; default: `details.reason` where a string, else one per kind (`invalid`…). */
  reason?: string;
  /** The facts the reason's sentence needs; `field` is added where there is one. */
  params?: MessageParams;
}

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;
  readonly outside: boolean;
  readonly reason: string;
  readonly params: MessageParams;

  constructor(kind: AppErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.field = options.field;
    this.details = options.details ?? {};
    this.outside = options.outside ?? false;
    const given = this.details.reason;
    this.reason = options.reason ?? (typeof given === 'string' ? given : DEFAULT_REASON[kind]);
    this.params = { ...(options.field !== undefined ? { field: options.field } : {}), ...options.params };
  }
}

/** `field` holds a value that cannot be used; the message starts with the field's path. */
export function badInput(
  field: string,
  message: string,
  details: Record<string, unknown> = {},
  coded?: Coded,
): AppError {
  return new AppError('bad_input', `${field}: ${message}`, { field, details, ...coded });
}

/**
 * `details` say why for a client to tell its user in its own language (a refused login:
 * `reason` credentials, locked with `lockedUntil`, or disabled).
 */
export function unauthenticated(
  message = 'log in first: send "Authorization: Bearer <token>"',
  details: Record<string, unknown> = {},
  coded?: Coded,
): AppError {
  return new AppError('unauthenticated', message, { details, ...coded });
}

export function forbidden(message: string, coded?: Coded): AppError {
  return new AppError('forbidden', message, { ...coded });
}

export function conflict(message: string, details: Record<string, unknown> = {}, coded?: Coded): AppError {
  return new AppError('conflict', message, { details, ...coded });
}

/** The `thing` numbered `id` does not exist (or is not the viewer's to see): reason `not_found`. */
export function notFound(thing: Thing, id: string): AppError {
  return new AppError('not_found', `${thing.replaceAll('_', ' ')} ${id} not found`, {
    reason: 'not_found',
    params: { thing, id },
  });
}

/** `error`, told to the client as it is, audited as refused by jurisdiction. */
export function auditedAsOutside(error: AppError): AppError {
  return new AppError(error.kind, error.message, {
    field: error.field,
    details: { ...error.details },
    outside: true,
    reason: error.reason,
    params: error.params,
  });
}

/**
 * A target outside the viewer's jurisdiction: answered exactly like one that does not exist
 * (reading hides outside records; writing must not tell them apart either), while the audit
 * record keeps the truth.
 */
export function outsideJurisdiction(thing: Thing, id: string): AppError {
  return auditedAsOutside(notFound(thing, id));
}

/** A point that lies in no grid the viewer may act in: the same words whether or not one lies there. */
export function notInYourGrids(field: string, lon: number, lat: number, outside: boolean): AppError {
  const error = badInput(
    field,
    `(${lon}, ${lat}) lies in no grid of your jurisdiction`,
    {},
    {
      reason: 'not_in_your_grids',
      params: { lon, lat },
    },
  );
  return outside ? auditedAsOutside(error) : error;
}
