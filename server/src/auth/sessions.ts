/**
 * Whether a sign-in session may still be used (MLPS 2.0 level 3: session timeout, sign-out).
 * A token is only as good as its session: signed out, revoked by an administrator, idle past the
 * limit, or issued for a role, jurisdiction or account state that has since changed, it is
 * refused even though its signature and lifetime are fine. Pure: the caller reads the session
 * with the account as it is now, and stores what this says.
 */
import type { Role } from './roles.js';

export interface SessionState {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** The account now. */
  account: { role: string; jurisdiction: string; disabled: boolean };
}

export interface SessionPolicy {
  /** Longest gap between two requests of an interactive session; null: no idle limit. */
  idleSeconds: number | null;
}

/** Why a session is refused: each one is told to the client as "sign in again". */
export type SessionRefusal = 'missing' | 'expired' | 'revoked' | 'idle' | 'account_changed' | 'disabled';

export type SessionVerdict = { ok: true; touch: boolean } | { ok: false; reason: SessionRefusal; revoke: boolean };

/** A wall screen runs unattended and read-only: it never times out for being idle. */
const NEVER_IDLE: readonly Role[] = ['kiosk'];

/** The idle limit a session of `role` has under `idleSeconds` (the server's setting); null: none. */
export function idleLimitOf(role: Role, idleSeconds: number | null): number | null {
  return NEVER_IDLE.includes(role) ? null : idleSeconds;
}

/** Activity is written at most this often per session, so that reads stay reads. */
export const TOUCH_EVERY_MS = 60_000;

export function judgeSession(
  session: SessionState | null,
  token: { role: Role; jurisdiction: string },
  now: Date,
  policy: SessionPolicy,
): SessionVerdict {
  if (!session) return { ok: false, reason: 'missing', revoke: false };
  if (session.revokedAt) return { ok: false, reason: 'revoked', revoke: false };
  if (now.getTime() >= session.expiresAt.getTime()) return { ok: false, reason: 'expired', revoke: false };
  if (session.account.disabled) return { ok: false, reason: 'disabled', revoke: true };
  if (session.account.role !== token.role || session.account.jurisdiction !== token.jurisdiction) {
    return { ok: false, reason: 'account_changed', revoke: true };
  }
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  if (policy.idleSeconds !== null && !NEVER_IDLE.includes(token.role) && idleMs > policy.idleSeconds * 1000) {
    return { ok: false, reason: 'idle', revoke: true };
  }
  return { ok: true, touch: idleMs >= TOUCH_EVERY_MS };
}
