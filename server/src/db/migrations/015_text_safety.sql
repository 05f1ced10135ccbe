-- Text safety (review finding 7): the single-line names of the map may not hold control
-- characters or invisible bidirectional formatting characters, which make a name display in
-- another order than it is stored. The imports and the mutations refuse them with a message
-- (server/src/domain/text-safety.ts, the same set); this is the backstop for every other writer
-- (loaders, scripts, psql). NUL needs no rule: PostgreSQL text cannot hold it.
CREATE FUNCTION is_safe_single_line(value text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT value !~ '[\u0001-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]' $$;

ALTER TABLE admin_units ADD CONSTRAINT admin_units_name_safe CHECK (is_safe_single_line(name));
ALTER TABLE grids ADD CONSTRAINT grids_name_safe CHECK (is_safe_single_line(name));
ALTER TABLE cameras ADD CONSTRAINT cameras_name_safe CHECK (is_safe_single_line(name)),
  ADD CONSTRAINT cameras_owner_unit_safe CHECK (is_safe_single_line(owner_unit));
ALTER TABLE risk_points ADD CONSTRAINT risk_points_name_safe CHECK (is_safe_single_line(name)),
  ADD CONSTRAINT risk_points_responsible_unit_safe CHECK (is_safe_single_line(responsible_unit));
ALTER TABLE imports ADD CONSTRAINT imports_file_name_safe CHECK (is_safe_single_line(file_name));
