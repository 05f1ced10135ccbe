/**
 * The per-request context: the database, the clock, and the viewer taken from the bearer
 * token (null when there is none). Resolvers ask `requireViewer`/`requirePermission`.
 */
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import { can, type Permission, type Role } from '../auth/roles.js';
import { verifyToken } from '../auth/tokens.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import { forbidden, unauthenticated } from './errors.js';

export interface Viewer {
  username: string;
  role: Role;
  /** 12-digit admin unit code of the viewer's territory. */
  jurisdiction: string;
  /** The code prefix everything inside the jurisdiction starts with. */
  prefix: string;
}

export interface AuthSettings {
  secret: Uint8Array;
  tokenTtlSeconds: number;
}

export interface GraphQLContext {
  db: Database;
  auth: AuthSettings;
  viewer: Viewer | null;
  now(): Date;
  /** Live events; mutations publish after their transaction commits. */
  events: EventBus;
}

/** The viewer a bearer token names, or null; an invalid or expired token is refused outright. */
export async function viewerFromAuthorization(
  header: string | undefined,
  auth: AuthSettings,
  now: Date,
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  const verified = await verifyToken(match[1]!, auth.secret, now);
  if (!verified.ok) throw unauthenticated(`token refused (${verified.error.kind}): log in again`);
  const { username, role, jurisdiction } = verified.value;
  return { username, role, jurisdiction, prefix: jurisdictionPrefix(jurisdiction) };
}

export function requireViewer(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export function requirePermission(ctx: GraphQLContext, permission: Permission): Viewer {
  const viewer = requireViewer(ctx);
  if (!can(viewer.role, permission)) throw forbidden(`role ${viewer.role} may not ${permission.replaceAll('_', ' ')}`);
  return viewer;
}
