/**
 * The HTTP endpoints beside GraphQL (feeds, imports, exports): the same bearer token, and errors
 * in one JSON shape `{ error: { code, message, field? } }`.
 */
import type { Request, Response } from 'express';
import { accessRefusal } from '../auth/access.js';
import type { Permission } from '../auth/roles.js';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import { AppError, unauthenticated, type AppErrorKind } from '../errors.js';

const STATUS_OF_KIND: Readonly<Record<AppErrorKind, { status: number; code: string }>> = {
  bad_input: { status: 400, code: 'BAD_REQUEST' },
  unauthenticated: { status: 401, code: 'UNAUTHENTICATED' },
  forbidden: { status: 403, code: 'FORBIDDEN' },
  not_found: { status: 404, code: 'NOT_FOUND' },
  conflict: { status: 409, code: 'CONFLICT' },
};

export function sendError(res: Response, status: number, code: string, message: string, field?: string): void {
  res
    .status(status)
    .json({ error: { code, message, ...(field ? { field } : {}) } })
    .end();
}

/** Answers with the status and code of `error`'s kind; an unauthenticated one asks for a bearer token. */
export function sendAppError(res: Response, error: AppError): void {
  const { status, code } = STATUS_OF_KIND[error.kind];
  if (error.kind === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, status, code, error.message, error.field);
}

/** Answers `error` when it is an application error; says whether it was one. */
export function sentAsAppError(res: Response, error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  sendAppError(res, error);
  return true;
}

/**
 * The viewer of the request's bearer token when its role may `permission` (by default read the
 * map, which the three administrators may not); otherwise answers 401 or 403 and returns null.
 */
export async function authenticate(
  req: Request,
  res: Response,
  options: { db: Database; auth: AuthSettings; now: () => Date },
  permission: Permission = 'read_map',
): Promise<Viewer | null> {
  const result = await authenticateBearer(req.headers.authorization, { ...options, now: options.now() });
  if (!result.ok) {
    sendAppError(res, unauthenticated(`${result.error.message}: sign in again`));
    return null;
  }
  const refusal = accessRefusal(result.value, permission);
  if (refusal) sendAppError(res, refusal);
  return refusal ? null : result.value;
}
