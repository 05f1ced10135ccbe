-- Grid changes (issue 6): every committed edit of a village's grids, who made it, when and why,
-- and the grid versions it created and closed. Before/after maps are the grid versions linked
-- here (geometry is never copied); the jsonb summaries keep what the impact preview said.

CREATE TABLE grid_changes (
  id bigserial PRIMARY KEY,
  -- No foreign key to admin_units: a data set load truncates the map (see the trigger below).
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  author text NOT NULL CHECK (btrim(author) <> ''),
  at timestamptz NOT NULL,
  reason text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 1000),
  effective_from timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reshape', 'split', 'merge', 'mixed', 'revert')),
  -- [{code, version, households, population, areaSquareMeters}] of the versions closed / created.
  before_summary jsonb NOT NULL,
  after_summary jsonb NOT NULL,
  -- {casesMoved, camerasMoved, riskPointsMoved, householdsMoved, moves: [...]}
  impact jsonb NOT NULL,
  reverts_change_id bigint REFERENCES grid_changes (id),
  CONSTRAINT grid_changes_revert_kind CHECK ((kind = 'revert') = (reverts_change_id IS NOT NULL))
);
CREATE INDEX grid_changes_village_idx ON grid_changes (village_code, id DESC);
-- A change is reverted at most once.
CREATE UNIQUE INDEX grid_changes_reverts_idx ON grid_changes (reverts_change_id) WHERE reverts_change_id IS NOT NULL;

-- Which change made a grid version and which closed it; null for versions loaded as data.
ALTER TABLE grids
  ADD COLUMN created_by_change bigint REFERENCES grid_changes (id),
  ADD COLUMN closed_by_change bigint REFERENCES grid_changes (id);
CREATE INDEX grids_created_by_change_idx ON grids (created_by_change) WHERE created_by_change IS NOT NULL;
CREATE INDEX grids_closed_by_change_idx ON grids (closed_by_change) WHERE closed_by_change IS NOT NULL;
-- Every code a village has ever used (serials are never reused), without a sequential scan.
CREATE INDEX grids_village_code_idx ON grids (village_code, code);

-- Loading a data set truncates grids (and the map with it); the history of the old map goes too.
CREATE FUNCTION grid_changes_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM grid_changes;
  RETURN NULL;
END
$$;
CREATE TRIGGER grid_changes_forget AFTER TRUNCATE ON grids FOR EACH STATEMENT EXECUTE FUNCTION grid_changes_forget();
