/**
 * The HTTP endpoints beside GraphQL (feeds, imports, exports): the same bearer token, and errors
 * in one JSON shape `{ error: { code, message, field? } }`.
 */
import type { Request, Response } from 'express';
import { can, type Permission } from '../auth/roles.js';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';

export function sendError(res: Response, status: number, code: string, message: string, field?: string): void {
  res
    .status(status)
    .json({ error: { code, message, ...(field ? { field } : {}) } })
    .end();
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
  if (result.ok && result.value) {
    if (can(result.value.role, permission)) return result.value;
    sendError(res, 403, 'FORBIDDEN', `role ${result.value.role} may not ${permission.replaceAll('_', ' ')}`);
    return null;
  }
  const message = result.ok
    ? 'log in first: send "Authorization: Bearer <token>"'
    : `${result.error.message}: sign in again`;
  res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, 401, 'UNAUTHENTICATED', message);
  return null;
}
