-- Access control and audit (MLPS 2.0 level 3; Cybersecurity Law art. 21).

-- Every login and every mutation, successful or not. Append-only: rows can be added,
-- never changed or removed, so the record can be trusted (retention: kept indefinitely,
-- well beyond the six months the law asks for).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text,
  operation text NOT NULL,
  target text,
  success boolean NOT NULL,
  detail text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (username, at);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Server-wide secrets and settings that must survive restarts (the token signing key).
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Jurisdiction filters match code prefixes (LIKE '371702%'); these indexes serve them.
CREATE INDEX cases_village_prefix_idx ON cases (village_code text_pattern_ops);
CREATE INDEX cameras_grid_prefix_idx ON cameras (grid_code text_pattern_ops);
CREATE INDEX risk_points_grid_prefix_idx ON risk_points (grid_code text_pattern_ops);
CREATE INDEX grids_code_prefix_idx ON grids (code text_pattern_ops) WHERE valid_to IS NULL;
CREATE INDEX admin_units_code_prefix_idx ON admin_units (code text_pattern_ops);
