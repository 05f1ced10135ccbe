-- Accounts administered in the product (MLPS 2.0 level 3, GB/T 22239-2019 §8.1.4): the three
-- separated administrators, accounts awaiting a role, password history and expiry, forced
-- password changes, sign-in times, and TOTP second factors with recovery codes.

ALTER TABLE users DROP CONSTRAINT users_role_check;
-- An account the system administrator created has no role until the security administrator grants one.
ALTER TABLE users ALTER COLUMN role DROP NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (
  role IN ('admin', 'leader', 'planner', 'operator', 'gridworker', 'kiosk', 'sysadmin', 'secadmin', 'auditadmin')
);

ALTER TABLE users
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN last_sign_in_at timestamptz,
  ADD COLUMN created_by text,
  -- The TOTP secret, encrypted with the server's data key (auth/secret-box.ts); the pending one
  -- is being enrolled and becomes the secret once a code from it is given.
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_pending_secret text,
  ADD COLUMN totp_enabled_at timestamptz,
  -- The last TOTP time step accepted, so that a code cannot be used twice.
  ADD COLUMN totp_last_step bigint;

-- Earlier password hashes, so that a new password may not repeat one of the last N.
CREATE TABLE password_history (
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  password_hash text NOT NULL,
  set_at timestamptz NOT NULL
);
CREATE INDEX password_history_user_idx ON password_history (username, set_at DESC);

-- One-time recovery codes for a lost authenticator: only their hashes are kept.
CREATE TABLE recovery_codes (
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (username, code_hash)
);
