/**
 * The per-request GraphQL context, built from the auth module: the database, the clock, and
 * the viewer taken from the bearer token (null when there is none). Resolvers ask
 * `requireViewer`/`requirePermission`, which auth/access.ts answers.
 */
import { requireAccess } from '../auth/access.js';
import { can, type Permission } from '../auth/roles.js';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import type { VideoViews } from '../video/views.js';
import { unauthenticated } from '../errors.js';
import { graphQLErrorOf } from './errors.js';

export interface GraphQLContext {
  db: Database;
  auth: AuthSettings;
  viewer: Viewer | null;
  now(): Date;
  /** The display time zone (TZ_DISPLAY): whose calendar days "today", case codes and day buckets use. */
  timeZone: string;
  /** Live events; mutations publish after their transaction commits. */
  events: EventBus;
  /** Camera video views; absent where no video gateway is configured. */
  video?: VideoViews | null;
}

/** The viewer a bearer token names, or null; an invalid or expired token or session is refused outright. */
export async function viewerFromAuthorization(
  header: string | undefined,
  deps: { db: Database; auth: AuthSettings; now: Date },
): Promise<Viewer | null> {
  const result = await authenticateBearer(header, deps);
  // Thrown before any resolver runs (while building the context), so already as GraphQL says it.
  if (!result.ok)
    throw graphQLErrorOf(unauthenticated(`${result.error.message}: sign in again`, { reason: result.error.kind }));
  return result.value;
}

export function requireViewer(ctx: GraphQLContext): Viewer {
  return requireAccess(ctx.viewer);
}

export function requirePermission(ctx: GraphQLContext, permission: Permission): Viewer {
  return requireAccess(ctx.viewer, permission);
}

/** The viewer when its role has any one of `permissions`; else the refusal of the first. */
export function requireAnyPermission(ctx: GraphQLContext, permissions: readonly Permission[]): Viewer {
  const viewer = requireAccess(ctx.viewer);
  const held = permissions.find((p) => can(viewer.role, p));
  return requireAccess(viewer, held ?? permissions[0]);
}
