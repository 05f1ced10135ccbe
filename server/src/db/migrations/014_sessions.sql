-- Sign-in sessions (MLPS 2.0 level 3: session timeout, sign-out that ends access at once).
-- Every token names its session (claim `sid`); a request is served only while the session is
-- neither revoked nor idle past the limit, and while the account still has the role and
-- jurisdiction the token was issued for.
CREATE TABLE sessions (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('sign_out', 'idle', 'account_changed', 'disabled', 'password_changed', 'admin'))
);
CREATE INDEX sessions_open_idx ON sessions (username) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- What became of each audited attempt, beyond success: refused by role, by jurisdiction,
-- invalid, in conflict, unauthenticated, not found, or an internal error.
ALTER TABLE audit_log ADD COLUMN outcome text CHECK (
  outcome IN ('ok', 'denied_role', 'denied_jurisdiction', 'not_found', 'invalid', 'conflict', 'unauthenticated', 'error')
);

-- Failed sign-ins under names that are no account, counted and locked exactly like an
-- account's own (users.failed_logins, locked_until), so that the answers to a login never tell
-- which usernames exist. Rows are dropped a day after their last failure.
CREATE TABLE login_failures (
  name text PRIMARY KEY,
  failed_logins integer NOT NULL,
  locked_until timestamptz,
  last_failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_last_idx ON login_failures (last_failed_at);
