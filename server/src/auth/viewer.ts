/**
 * Who makes a request: the viewer a bearer token names, checked against its sign-in session on
 * every request, the same for GraphQL over HTTP, WebSocket subscriptions, feeds and exports.
 * Transport-neutral: failures are results, each transport says them its own way (GraphQL
 * UNAUTHENTICATED, HTTP 401, WebSocket close 4401).
 */
import { hkdfSync } from 'node:crypto';
import type { Database } from '../db/database.js';
import { findSession, revokeSession, touchSession, type RevokeReason } from '../db/queries/sessions.js';
import type { Result } from '../domain/result.js';
import { jurisdictionPrefix } from './jurisdiction.js';
import type { Role } from './roles.js';
import { judgeSession, type SessionPolicy, type SessionRefusal } from './sessions.js';
import { verifyToken, type TokenErrorKind } from './tokens.js';

export interface Viewer {
  username: string;
  role: Role;
  /** 12-digit admin unit code of the viewer's territory. */
  jurisdiction: string;
  /** The code prefix everything inside the jurisdiction starts with. */
  prefix: string;
  /**
   * A department account's department (role department): it sees and answers only the cases
   * dispatched to it. Read from the account on every request; null for every other role.
   */
  departmentCode: string | null;
  /** The sign-in session the token belongs to. */
  sessionId: string;
  /** When the token stops being accepted. */
  expiresAt: Date;
}

export interface AuthSettings extends Partial<SessionPolicy> {
  secret: Uint8Array;
  tokenTtlSeconds: number;
  /**
   * Key of the secrets kept encrypted (TOTP seeds); see secret-box.ts. The server keeps its own
   * (main.ts); without one (tests, benchmarks) a key is derived from the token secret.
   */
  dataKey?: Uint8Array;
}

/** The data key of these settings (see AuthSettings.dataKey). */
export function dataKeyOf(auth: AuthSettings): Uint8Array {
  return auth.dataKey ?? new Uint8Array(hkdfSync('sha256', auth.secret, new Uint8Array(0), 'zongzhi-map data key', 32));
}

export type AuthFailureKind = 'header' | TokenErrorKind | SessionRefusal;

export interface AuthFailure {
  kind: AuthFailureKind;
  /** English, for logs and API clients; screens say it from `kind`. */
  message: string;
}

const SESSION_MESSAGES: Record<SessionRefusal, string> = {
  missing: 'the session of this token does not exist',
  expired: 'the session has expired',
  revoked: 'the session was signed out',
  idle: 'the session timed out after a period without activity',
  account_changed: "the account's role or jurisdiction changed since sign-in",
  disabled: 'the account is disabled',
};

const REVOKE_AS: Partial<Record<SessionRefusal, RevokeReason>> = {
  idle: 'idle',
  account_changed: 'account_changed',
  disabled: 'disabled',
};

/**
 * The viewer of an `Authorization` header: null without one; a failure for a malformed header,
 * a token that is not ours or has expired, or a session that may no longer be used (which this
 * revokes, so that it stays refused).
 */
export async function authenticateBearer(
  header: string | undefined,
  deps: { db: Database; auth: AuthSettings; now: Date },
): Promise<Result<Viewer | null, AuthFailure>> {
  if (!header) return { ok: true, value: null };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    return { ok: false, error: { kind: 'header', message: 'the Authorization header must be "Bearer <token>"' } };
  }
  const verified = await verifyToken(match[1]!, deps.auth.secret, deps.now);
  if (!verified.ok) {
    return { ok: false, error: { kind: verified.error.kind, message: `token refused (${verified.error.kind})` } };
  }
  const token = verified.value;
  const row = await findSession(deps.db, token.sessionId);
  const session = row && row.username === token.username ? row : null;
  const verdict = judgeSession(
    session && {
      expiresAt: session.expires_at,
      lastSeenAt: session.last_seen_at,
      revokedAt: session.revoked_at,
      revokedReason: session.revoked_reason,
      account: { role: session.role, jurisdiction: session.jurisdiction_code, disabled: session.disabled },
    },
    token,
    deps.now,
    { idleSeconds: deps.auth.idleSeconds ?? null },
  );
  if (!verdict.ok) {
    const reason = REVOKE_AS[verdict.reason];
    if (verdict.revoke && reason) await revokeSession(deps.db, token.sessionId, reason, deps.now);
    return { ok: false, error: { kind: verdict.reason, message: SESSION_MESSAGES[verdict.reason] } };
  }
  if (verdict.touch) await touchSession(deps.db, token.sessionId, deps.now);
  return {
    ok: true,
    value: {
      username: token.username,
      role: token.role,
      jurisdiction: token.jurisdiction,
      prefix: jurisdictionPrefix(token.jurisdiction),
      departmentCode: token.role === 'department' ? (session!.department_code ?? null) : null,
      sessionId: token.sessionId,
      expiresAt: token.expiresAt,
    },
  };
}
