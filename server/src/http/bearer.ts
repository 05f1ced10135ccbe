/**
 * The HTTP endpoints beside GraphQL (feeds, imports, exports): the same bearer token, and errors
 * in one JSON shape `{ error: { code, message, field? } }`.
 */
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { viewerFromAuthorization, type AuthSettings, type Viewer } from '../graphql/context.js';

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
  options: { auth: AuthSettings; now: () => Date },
): Promise<Viewer | null> {
  let message = 'log in first: send "Authorization: Bearer <token>"';
  try {
    const viewer = await viewerFromAuthorization(req.headers.authorization, options.auth, options.now());
    if (viewer) return viewer;
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') throw error;
    message = error.message;
  }
  res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, 401, 'UNAUTHENTICATED', message);
  return null;
}
