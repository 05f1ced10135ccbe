/**
 * Whether a viewer may do something, the same for every transport: GraphQL resolvers, feeds,
 * imports and exports ask here and say a refusal their own way (see ../errors.ts).
 */
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { can, type Permission } from './roles.js';
import type { Viewer } from './viewer.js';

/** Why `viewer` may not go on (nobody signed in, or a role without `permission`), or null. */
export function accessRefusal(viewer: Viewer | null, permission?: Permission): AppError | null {
  if (!viewer) return unauthenticated();
  if (permission && !can(viewer.role, permission)) {
    return forbidden(`role ${viewer.role} may not ${permission.replaceAll('_', ' ')}`, {
      reason: 'role_may_not',
      params: { role: viewer.role, permission },
    });
  }
  return null;
}

/** `viewer`, or throws the refusal accessRefusal names. */
export function requireAccess(viewer: Viewer | null, permission?: Permission): Viewer {
  const refusal = accessRefusal(viewer, permission);
  if (refusal) throw refusal;
  return viewer!;
}
