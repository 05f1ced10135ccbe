/**
 * A new token for the session a viewer signed in with: screens renew shortly before expiry
 * instead of keeping a password to sign in again. A session lives at most MAX_SESSION_HOURS
 * from sign-in however often it is renewed; then its owner signs in again.
 */
import type { Queryable } from '../db/database.js';
import { extendSession } from '../db/queries/sessions.js';
import { signToken } from './tokens.js';
import type { Viewer } from './viewer.js';

export const MAX_SESSION_HOURS = 12;

export async function renewSession(
  tx: Queryable,
  viewer: Viewer,
  settings: { secret: Uint8Array; ttlSeconds: number; now: Date },
): Promise<{
  token: string;
  expiresAt: Date;
  user: { username: string; displayName: string; role: Viewer['role']; jurisdiction: string };
}> {
  const { now } = settings;
  const extended = await extendSession(tx, viewer.sessionId, {
    until: new Date(now.getTime() + settings.ttlSeconds * 1000),
    maxHours: MAX_SESSION_HOURS,
  });
  const ttlSeconds = Math.max(1, Math.floor((extended.expiresAt.getTime() - now.getTime()) / 1000));
  const claims = {
    username: viewer.username,
    role: viewer.role,
    jurisdiction: viewer.jurisdiction,
    sessionId: viewer.sessionId,
  };
  const token = await signToken(claims, settings.secret, ttlSeconds, now);
  return {
    token,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    user: {
      username: viewer.username,
      displayName: extended.displayName,
      role: viewer.role,
      jurisdiction: viewer.jurisdiction,
    },
  };
}
