/**
 * The HTTP endpoints beside GraphQL (feeds, imports, exports): the same bearer token, and errors
 * in one JSON shape `{ error: { code, message, field? } }`.
 */
import type { Request, Response } from 'express';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';

export function sendError(res: Response, status: number, code: string, message: string, field?: string): void {
  res
    .status(status)
    .json({ error: { code, message, ...(field ? { field } : {}) } })
    .end();
}

/** The viewer of the request's bearer token; otherwise answers 401 and returns null. */
export async function authenticate(
  req: Request,
  res: Response,
  options: { db: Database; auth: AuthSettings; now: () => Date },
): Promise<Viewer | null> {
  const result = await authenticateBearer(req.headers.authorization, { ...options, now: options.now() });
  if (result.ok && result.value) return result.value;
  const message = result.ok
    ? 'log in first: send "Authorization: Bearer <token>"'
    : `${result.error.message}: sign in again`;
  res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, 401, 'UNAUTHENTICATED', message);
  return null;
}
