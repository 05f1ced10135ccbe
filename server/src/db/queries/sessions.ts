/** Sign-in sessions: created at login, checked on every request, revoked at sign-out and on account changes. */
import type { Queryable } from '../database.js';

export interface SessionRow {
  id: string;
  username: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  /** The account as it is now (joined), to catch a change of role, jurisdiction or state. */
  role: string;
  jurisdiction_code: string;
  disabled: boolean;
  /** The department a department account answers for (role department), else null. */
  department_code: string | null;
}

export type RevokeReason = 'sign_out' | 'idle' | 'account_changed' | 'disabled' | 'password_changed' | 'admin';

export async function insertSession(
  db: Queryable,
  session: { id: string; username: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, username, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)`,
    [session.id, session.username, session.createdAt, session.expiresAt],
  );
}

export async function findSession(db: Queryable, id: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id, s.username, s.created_at, s.expires_at, s.last_seen_at, s.revoked_at, s.revoked_reason,
            u.role, u.jurisdiction_code, u.disabled, u.department_code
     FROM sessions s JOIN users u ON u.username = s.username
     WHERE s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Records activity; only moves forward, so concurrent requests never set it back. */
export async function touchSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
}

/** Revokes one session; returns whether it was open. */
export async function revokeSession(db: Queryable, id: string, reason: RevokeReason, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
    [id, at, reason],
  );
  return rowCount > 0;
}

/** Revokes every open session of an account; returns the ids revoked. */
export async function revokeSessionsOf(
  db: Queryable,
  username: string,
  reason: RevokeReason,
  at: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE sessions SET revoked_at = $2, revoked_reason = $3
     WHERE username = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id`,
    [username, at, reason],
  );
  return rows.map((r) => r.id);
}

/** Revokes every other open session of an account than `keep` (a password changed in that one). */
export async function revokeOtherSessions(
  db: Queryable,
  username: string,
  keep: string,
  reason: RevokeReason,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE sessions SET revoked_at = $2, revoked_reason = $4
     WHERE username = $1 AND id <> $3 AND revoked_at IS NULL`,
    [username, at, keep, reason],
  );
}

/** Of the given sessions, those no longer open at `at` (revoked or expired), for a sweep of live sockets. */
export async function findClosedSessions(db: Queryable, ids: readonly string[], at: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT x.id FROM unnest($1::text[]) AS x(id)
     LEFT JOIN sessions s ON s.id = x.id
     LEFT JOIN users u ON u.username = s.username
     WHERE s.id IS NULL OR s.revoked_at IS NOT NULL OR s.expires_at <= $2 OR u.disabled`,
    [ids, at],
  );
  return rows.map((r) => r.id);
}

/** Deletes sessions that ended before `before` (kept a while so an audit can follow them). */
export async function deleteEndedSessions(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE expires_at < $1', [before]);
  return rowCount;
}

/** Moves a session's end to `until`, at most `maxHours` after it began; returns the new end. */
export async function extendSession(
  db: Queryable,
  id: string,
  extension: { until: Date; maxHours: number },
): Promise<{ expiresAt: Date; displayName: string }> {
  const { rows } = await db.query<{ expires_at: Date; display_name: string }>(
    `UPDATE sessions s SET expires_at = greatest(s.expires_at, least($2::timestamptz, s.created_at + make_interval(hours => $3)))
     FROM users u WHERE s.id = $1 AND u.username = s.username
     RETURNING s.expires_at, u.display_name`,
    [id, extension.until, extension.maxHours],
  );
  if (!rows[0]) throw new Error(`session ${id} does not exist`);
  return { expiresAt: rows[0].expires_at, displayName: rows[0].display_name };
}
